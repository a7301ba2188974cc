// Start-up benchmark: each command against `node -e 0`, measured side by side (interleaved
// rounds, so the machine's noise hits every command alike), median of several runs each.
//
// As users run Node: without NODE_EXTRA_CA_CERTS, which the project's machines set and users'
// do not. With it every Node process, `node -e 0` included, loads a CA bundle (~50 ms), and
// that inflated floor would hide what ua itself costs.
//
// Usage: npm run bench [-- [--runs 51] [--startup-only | --batch-only | --print-only | --send-only]]
// --print-only: the batch's print figures (text, pdf, their memory) without the sending ones;
// --send-only: the sending figures alone (dry run, its memory, the pooled send), without the print runs.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { asUsersRunIt, certificates, median, signersSheet } from './bench-kit.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runsFlag = process.argv.indexOf('--runs');
const runs = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : 31;
const home = mkdtempSync(join(tmpdir(), 'ua-bench-'));
// Its cache and state are this run's alone: gone with it, even when a figure throws.
process.on('exit', () => rmSync(home, { recursive: true, force: true }));
const folders = { HOME: home, XDG_CONFIG_HOME: join(home, 'config'), XDG_STATE_HOME: join(home, 'state'), XDG_CACHE_HOME: join(home, 'cache') };
// In French: a translated interface loads its catalogue, and that is what the budgets hold.
const french = { LANG: 'fr_FR.UTF-8', LC_ALL: '', LC_MESSAGES: '' };
const environment = { ...asUsersRunIt, ...folders, ...french, CI: '1' };
// As users run it: the file itself, so its #! line (and the flags there) count.
const ua = (...args) => [join(root, 'bin/ua.js'), ...args];
// The single executable (npm run build:sea), measured when there is one: it carries its own copy
// of ua, so it measures the build it was made from. Its first run here unpacks (the warm-up).
const seaFile = join(root, 'sea', `ua-${process.platform}-${process.arch}${process.platform === 'win32' ? '.exe' : ''}`);
const sea = (...args) => [seaFile, ...args];
const compose = ['compose', '105.22', '--no-interactive', '--lang', 'es', '--name', 'Ana Pérez', '--city', 'Leeds', '--country', 'Reino Unido'];

const cases = [
  { name: 'node -e 0', argv: [process.execPath, '-e', '0'] },
  { name: 'ua --version', argv: ua('--version'), budget: 1.3 },
  { name: 'ua --help', argv: ua('--help'), budget: 1.5 },
  { name: 'ua list', argv: ua('list') },
  { name: 'ua compose 105.22 … --lang es', argv: ua(...compose), budget: 2.0 },
  ...(existsSync(seaFile)
    ? [
        { name: 'single file: --version', argv: sea('--version'), budget: 1.3 },
        { name: 'single file: compose … --lang es', argv: sea(...compose), budget: 2.0 },
      ]
    : []),
];

function time([command, ...args], env) {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
  return elapsed;
}

let over = 0;
const printOnly = process.argv.includes('--print-only');
const sendOnly = process.argv.includes('--send-only');
if (!process.argv.includes('--batch-only') && !printOnly && !sendOnly) startupBench();

function startupBench() {
  // Warm the file cache and ua's own (of checked files, of compiled code: written by a second
  // run), as a user's third run finds them; then interleave: each round runs every case once.
  for (let warm = 0; warm < 2; warm++) for (const c of cases) time(c.argv, environment);
  const samples = cases.map(() => []);
  for (let round = 0; round < runs; round++) for (const [i, c] of cases.entries()) samples[i].push(time(c.argv, environment));

  const ratios = cases.map((_, i) => median(samples[i]) / median(samples[0]));
  console.log(`Start-up as a ratio of \`node -e 0\`: median of ${runs} interleaved runs, Node ${process.version}.`);
  console.log(`Measured as users run Node: NODE_EXTRA_CA_CERTS unset${certificates ? ' (this machine sets it)' : ''}; LANG=fr_FR.UTF-8.\n`);
  console.log(`${'command'.padEnd(36)} ${'ratio'.padStart(8)}   goal`);
  cases.forEach((c, i) => {
    const ratio = ratios[i];
    const verdict = c.budget === undefined ? '' : `≤ ${c.budget}×  ${ratio <= c.budget ? 'ok' : 'OVER'}`;
    if (c.budget !== undefined && ratio > c.budget) over++;
    console.log(`${c.name.padEnd(36)} ${`${ratio.toFixed(2)}×`.padStart(8)}   ${verdict}`);
  });
  process.exitCode = over > 0 ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// Batch: the cost of many letters against one (start-up dominates), pooled against
// one-connection-per-message sending, and peak memory as the sheet grows (it must stream).
// Skip with --startup-only.
if (!process.argv.includes('--startup-only')) await batchBench();

async function batchBench() {
  const { statSync } = await import('node:fs');
  const work = mkdtempSync(join(tmpdir(), 'ua-bench-batch-'));
  const sheet = (rows) => signersSheet(work, rows);
  const env = environment;
  const bin = join(root, 'bin/ua.js');
  if (sendOnly) {
    await sendingBench({ work, env, bin, sheet });
    await journalBench({ work, env, bin, sheet });
    rmSync(work, { recursive: true, force: true });
    process.exitCode = over > 0 ? 1 : 0;
    return;
  }
  // Each print run records its letters in the journal, which the next run reads: a journal
  // left by the runs before (120 MB after a few 10,000-signer packs) would be measured, not ua.
  const freshJournal = () => ({ ...env, XDG_STATE_HOME: mkdtempSync(join(work, 'state-')) });
  // The print pack's size, from the last 1,000-signer pdf run: bytes a letter.
  const pack = { bytes: 0, letters: 0 };
  const batchRun = (rows, format, where = work) => {
    const out = join(where, `ua-bench-out-${rows}-${format}-${Math.random().toString(36).slice(2)}`);
    const runEnv = freshJournal();
    const started = process.hrtime.bigint();
    const result = spawnSync(bin, ['batch', '105.22', '--signers', sheet(rows), '--format', format, '--out', out, '-q'], {
      env: runEnv,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
    if (result.status !== 0) throw new Error(`ua batch failed: ${result.stderr}`);
    // 105.22 has two officials: two letters a signer.
    if (format === 'pdf' && rows > 1) Object.assign(pack, { bytes: statSync(join(out, 'print-pack.pdf')).size, letters: 2 * rows });
    rmSync(out, { recursive: true, force: true });
    rmSync(runEnv.XDG_STATE_HOME, { recursive: true, force: true });
    return elapsed;
  };
  const pair = (format, runs, where, rows = 1000) => {
    const one = [];
    const many = [];
    for (let i = 0; i < runs; i++) {
      one.push(batchRun(1, format, where));
      many.push(batchRun(rows, format, where));
    }
    return median(many) / median(one);
  };
  // Each letter is a new file: on a slow disk that, not ua, is the cost. Where a tmpfs exists
  // the text run is measured there too, with 10,000 signers, and the budget applies to it.
  const tmpfs = ['/dev/shm'].find((dir) => spawnSync('test', ['-w', dir]).status === 0);
  console.log('\nBatch: 1,000 signers (2,000 letters; 10,000 signers on tmpfs) against 1 signer, median of interleaved runs.\n');
  const checks = [
    ['ua batch … --format text (files on disk)', pair('text', 3), undefined],
    ...(tmpfs ? [[`ua batch … 10,000 --format text (${tmpfs})`, pair('text', 3, tmpfs, 10000), 10]] : []),
    // A letter's shared paragraphs are drawn once per pack, as forms its pages paint (src/io/pdf-forms.ts).
    ['ua batch … (pdf: pack, labels, envelopes)', pair('pdf', 3), 2.5],
  ];
  for (const [name, ratio, budget] of checks) {
    if (budget !== undefined && ratio > budget) over++;
    const verdict = budget === undefined ? '' : `≤ ${budget}×  ${ratio <= budget ? 'ok' : 'OVER'}`;
    console.log(`${name.padEnd(44)} ${ratio.toFixed(2).padStart(6)}×   ${verdict}`);
  }
  // Not a ratio: the layout without forms is gone from the code. Before them (14f69e9) a pack of
  // 1,000 signers was 5,660,350 bytes, 2,830 a letter; the goal is at least 2× smaller.
  console.log(
    `${'print pack: bytes a letter (1,000 signers)'.padEnd(44)} ${String(Math.round(pack.bytes / pack.letters)).padStart(7)}   ≤ 1,415 (half of 2,830 before forms)`,
  );
  if (pack.bytes / pack.letters > 1415) over++;

  if (!printOnly) {
    await sendingBench({ work, env, bin, sheet });
    await journalBench({ work, env, bin, sheet });
  }
  memoryBench({ work, env, bin, sheet, rmSync });
  rmSync(work, { recursive: true, force: true });
  process.exitCode = over > 0 ? 1 : 0;
}

async function sendingBench({ work, env, bin, sheet }) {
  // Sending: the same local smtp-server, ua's pool against a new connection for every message.
  const { SMTPServer } = await import('smtp-server');
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, _s, done) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        received++;
        done();
      });
    },
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = server.server.address().port;
  const sendEnv = { ...env, UA_SMTP_URL: `smtp://127.0.0.1:${port}`, UA_JOURNAL: join(work, 'journal.jsonl') };
  const pooledStart = process.hrtime.bigint();
  const sent = await new Promise((resolve) => {
    const child = spawn(bin, ['batch', '105.22', '--signers', sheet(500), '--send', '--yes', '--after-deadline', '--from', 'o@example.org', '-q'], {
      env: sendEnv,
      stdio: 'ignore',
    });
    child.on('close', resolve);
  });
  const pooledRate = received / (Number(process.hrtime.bigint() - pooledStart) / 1e9);
  if (sent !== 0) throw new Error('pooled send failed');
  const nodemailer = (await import('nodemailer')).default;
  const single = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  const before = received;
  const singleStart = process.hrtime.bigint();
  for (let i = 0; i < 50; i++) await single.sendMail({ from: 'o@example.org', to: 'x@example.org', subject: 'One connection per message', text: 'x' });
  const singleRate = (received - before) / (Number(process.hrtime.bigint() - singleStart) / 1e9);
  server.close();
  const speedup = pooledRate / singleRate;
  if (speedup < 20) over++;
  console.log(
    `\nSending 1,000 letters: ua's pool ${pooledRate.toFixed(0)} msg/s (whole run, start-up included); one connection per message ${singleRate.toFixed(1)} msg/s (50 messages).`,
  );
  console.log(`${'pooled against one connection per message'.padEnd(44)} ${speedup.toFixed(1).padStart(6)}×   ≥ 20×  ${speedup >= 20 ? 'ok' : 'UNDER'}`);
}

async function journalBench({ work, env, bin, sheet }) {
  // The cost of a batch by email (issue 21 §2), against ua's own dry run of 1 message: the dry
  // run of 1,000 (planning, building and showing each), its peak memory, and a real send of the
  // 1,000 through ua's pool (journal, locks, SMTP) to a server that answers at once. Each run
  // gets a fresh journal, or the second send would find everything already sent.
  const { startInstantSmtp } = await import('./instant-smtp.mjs');
  const server = await startInstantSmtp();
  const one = sheet(1);
  const many = sheet(500);
  const args = (file) => ['batch', '105.22', '--signers', file, '--send', '--after-deadline', '--from', 'o@example.org', '-q'];
  const sendEnv = (journal) => ({ ...env, UA_SMTP_URL: `smtp://127.0.0.1:${server.port}`, UA_JOURNAL: journal });
  const timed = async (file, extra, journal) => {
    const started = process.hrtime.bigint();
    const code = await new Promise((resolve) => {
      const child = spawn(bin, [...args(file), ...extra], { env: sendEnv(journal), stdio: 'ignore' });
      child.on('close', resolve);
    });
    if (code !== 0) throw new Error(`ua batch ${extra.join(' ')} failed (exit ${code})`);
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
  const dryOne = [];
  const dry = [];
  const sent = [];
  // Nine rounds: on a machine shared with other work, five gave dry-run ratios from 3.9 to 5.6.
  const rounds = 9;
  for (let i = 0; i < rounds; i++) {
    dryOne.push(await timed(one, ['--dry-run'], join(work, `dry-one-${i}.jsonl`)));
    dry.push(await timed(many, ['--dry-run'], join(work, `dry-${i}.jsonl`)));
    sent.push(await timed(many, ['--yes'], join(work, `sent-${i}.jsonl`)));
  }
  await server.close();
  console.log(`\nSending 1,000 letters (500 signers, 2 targets), median of ${rounds} interleaved runs:`);
  const row = (name, ratio, goal, note = '') => {
    if (ratio > goal) over++;
    console.log(`${name.padEnd(44)} ${ratio.toFixed(2).padStart(6)}×   ≤ ${goal}×  ${ratio <= goal ? 'ok' : 'OVER'}${note}`);
  };
  const [m1, m1000, ms] = [median(dryOne), median(dry), median(sent)];
  row('dry run: 1,000 messages against 1', m1000 / m1, 4, `   (${m1.toFixed(0)} ms → ${m1000.toFixed(0)} ms)`);
  const peak = (file, i) => {
    const result = spawnSync('/usr/bin/time', ['-f', '%M', bin, ...args(file), '--dry-run'], {
      env: sendEnv(join(work, `mem-${i}.jsonl`)),
      encoding: 'utf8',
      // The messages go nowhere (as in the timed runs): megabytes would overflow spawnSync's buffer.
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    if (result.status !== 0) throw new Error(`ua batch --dry-run failed: ${result.stderr}`);
    return Number(result.stderr.trim().split('\n').at(-1));
  };
  if (spawnSync('/usr/bin/time', ['-f', '%M', 'true']).status !== 0) {
    console.log('peak memory, dry run 1,000 against 1: skipped (needs GNU time at /usr/bin/time: apt-get install time).');
  } else {
    const small = [];
    const large = [];
    for (let i = 0; i < 3; i++) {
      small.push(peak(one, `one-${i}`));
      large.push(peak(many, i));
    }
    const [kb1, kb1000] = [median(small), median(large)];
    row('peak memory, dry run 1,000 against 1', kb1000 / kb1, 1.3, `   (${Math.round(kb1 / 1024)} MB → ${Math.round(kb1000 / 1024)} MB, max RSS)`);
  }
  row('pooled send (journal on disk) / dry run', ms / m1000, 1.5, `   (${m1000.toFixed(0)} ms → ${ms.toFixed(0)} ms)`);
}

function memoryBench({ work, env, bin, sheet, rmSync }) {
  // Peak memory (GNU time's maximum resident set size).
  const peak = (rows, format) => {
    const out = join(work, `mem-${rows}-${format}`);
    // A journal of its own: reading what earlier runs recorded is not this run's memory.
    const state = mkdtempSync(join(work, 'state-'));
    const result = spawnSync('/usr/bin/time', ['-f', '%M', bin, 'batch', '105.22', '--signers', sheet(rows), '--format', format, '--out', out, '-q'], {
      env: { ...env, XDG_STATE_HOME: state },
      encoding: 'utf8',
    });
    rmSync(out, { recursive: true, force: true });
    rmSync(state, { recursive: true, force: true });
    return Number(result.stderr.trim().split('\n').at(-1));
  };
  if (spawnSync('/usr/bin/time', ['-f', '%M', 'true']).status !== 0) {
    console.log('\nPeak memory: skipped (needs GNU time at /usr/bin/time: apt-get install time).');
  } else {
    console.log('\nPeak memory (max RSS), 10,000 signers against 100:');
    for (const format of ['text', 'pdf']) {
      const small = peak(100, format);
      const large = peak(10000, format);
      const ratio = large / small;
      if (ratio > 1.3) over++;
      console.log(
        `${`ua batch --format ${format}`.padEnd(44)} ${ratio.toFixed(2).padStart(6)}×   ≤ 1.3×  ${ratio <= 1.3 ? 'ok' : 'OVER'}   (${Math.round(small / 1024)} MB → ${Math.round(large / 1024)} MB)`,
      );
    }
  }
}
