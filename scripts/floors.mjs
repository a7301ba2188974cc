// The floors under issue 21's two goals that are still over, measured beside ua in one run:
// `npm run bench:floors` (a minute or two, after `npm run build`). Not budgets: what the parts
// ua is built on take by themselves, so that a figure of `npm run bench` can be read against them.
//
// - The print pack, 1,000 signers against 1 (goal ≤ 2.5×). A signer has four pages: two letters
//   and their two envelopes. pdfkit alone, in a process of its own, writes 1,000 signers' pages
//   that each paint one form (its page machinery: page objects, content streams, flushing), then
//   the same with each signer's own texts set once (see PDFKIT_PAGES); each against one signer's.
//   Beside them, ua's pack of 1 and of 1,000 signers: the goal leaves 1.5 times the one-signer
//   run for the other 999 signers' pages, their sheet rows and their labels.
// - A send of 1,000 messages against its dry run (goal ≤ 1.5×). A bare client pipelines 1,000
//   messages of a letter's size over five connections to the instant server (no journal, no
//   checks, no failure handling), against ua's dry run and send of the same 1,000.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { asUsersRunIt, median, signersSheet } from './bench-kit.mjs';
import { startInstantSmtp } from './instant-smtp.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'ua-floors-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
const env = { ...asUsersRunIt, HOME: work, XDG_CACHE_HOME: join(work, 'cache'), CI: '1' };
const ms = (value) => `${Math.round(value).toLocaleString('en')} ms`.padStart(9);
const bin = join(root, 'bin/ua.js');

const sheet = (rows) => signersSheet(work, rows);

const timed = (command, args, options = {}) => {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'], ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
};

// pdfkit by itself: `signers` × four A4 pages that each paint a form; with `texts`, each signer's
// own texts set once, as ua sets them (its second letter and envelope repeat what the first set):
// sender, introduction and signature on the first letter, the return address on the first envelope.
const PDFKIT_PAGES = `
const PDFDocument = require(${JSON.stringify(join(root, 'node_modules/pdfkit'))});
const [signers, texts, out] = [Number(process.argv[1]), process.argv[2] === 'texts', process.argv[3]];
const doc = new PDFDocument({ size: 'A4', autoFirstPage: false, bufferPages: true, font: ${JSON.stringify(join(root, 'dist/fonts/DejaVuSerif.ttf'))} });
doc.pipe(require('node:fs').createWriteStream(out));
for (let i = 0; i < signers; i++) {
  for (let page = 0; page < 4; page++) {
    doc.addPage();
    doc.page.write('q /Fm1 Do Q');
    if (texts && page === 0) {
      doc.fontSize(11).text('Signer Núñez ' + i + '\\nLeeds\\nReino Unido', 72, 60);
      doc.text('Mi nombre es Signer Núñez ' + i + ' y resido en Leeds (Reino Unido).', 72, 250, { width: 450 });
      doc.text('Signer Núñez ' + i, 72, 750);
    }
    if (texts && page === 2) doc.fontSize(8).text('Signer Núñez ' + i + '\\nLeeds\\nUK', 28, 28, { width: 227 });
    doc.flushPages();
  }
}
doc.end();`;

function printFloors(rounds) {
  const pdfkit = (signers, texts) => timed(process.execPath, ['-e', PDFKIT_PAGES, String(signers), texts ? 'texts' : 'form', join(work, 'floor.pdf')]);
  const pack = (rows) => {
    const out = join(work, `pack-${rows}`);
    const elapsed = timed(bin, ['batch', '105.22', '--signers', sheet(rows), '--format', 'pdf', '--out', out, '-q'], {
      env: { ...env, XDG_STATE_HOME: mkdtempSync(join(work, 'state-')) },
    });
    rmSync(out, { recursive: true, force: true });
    return elapsed;
  };
  const runs = { form: [], texts: [], one: [], many: [] };
  for (let i = 0; i < rounds; i++) {
    runs.form.push(pdfkit(1000, false) - pdfkit(1, false));
    runs.texts.push(pdfkit(1000, true) - pdfkit(1, true));
    runs.one.push(pack(1));
    runs.many.push(pack(1000));
  }
  const [one, many] = [median(runs.one), median(runs.many)];
  console.log(`Print pack: the pages of 1,000 signers (4,000: two letters, two envelopes each), median of ${rounds} interleaved runs.\n`);
  console.log(`${'pdfkit alone: 4,000 pages painting a form'.padEnd(52)} ${ms(median(runs.form))} beyond one signer's`);
  console.log(`${"pdfkit alone: … and setting each signer's texts".padEnd(52)} ${ms(median(runs.texts))} beyond one signer's`);
  console.log(
    `${"ua's pack: 1,000 signers".padEnd(52)} ${ms(many - one)} beyond one signer (${ms(one).trim()} → ${ms(many).trim()}, ${(many / one).toFixed(2)}×)`,
  );
  console.log(`${'what the goal (≤ 2.5×) leaves for them'.padEnd(52)} ${ms(1.5 * one)}`);
}

async function sendFloors(rounds) {
  const server = await startInstantSmtp();
  const args = (extra) => ['batch', '105.22', '--signers', sheet(500), '--send', '--after-deadline', '--from', 'o@example.org', '-q', ...extra];
  let journals = 0;
  const ua = (extra) =>
    running(bin, args(extra), { ...env, UA_SMTP_URL: `smtp://127.0.0.1:${server.port}`, UA_JOURNAL: join(work, `journal-${journals++}.jsonl`) });
  const runs = { dry: [], bare: [], flushes: [], send: [] };
  for (let i = 0; i < rounds; i++) {
    runs.dry.push(await ua(['--dry-run']));
    runs.bare.push(await running(process.execPath, ['-e', BARE_CLIENT, String(server.port)], env));
    runs.flushes.push(await flushes(join(work, `flushes-${i}.jsonl`)));
    runs.send.push(await ua(['--yes']));
  }
  await server.close();
  if (server.received() !== rounds * 2000) throw new Error(`the server received ${server.received()} messages, not ${rounds * 2000}`);
  const [dry, bare, send] = [median(runs.dry), median(runs.bare), median(runs.send)];
  const flushed = median(runs.flushes);
  console.log(`\nSending 1,000 messages to the instant server, whole processes, median of ${rounds} interleaved runs.\n`);
  console.log(`${"ua's dry run".padEnd(52)} ${ms(dry)}`);
  console.log(`${'a bare client, pipelining over five connections'.padEnd(52)} ${ms(bare)}`);
  console.log(`${"the journal's 200 flushes alone (write, fdatasync)".padEnd(52)} ${ms(flushed)}`);
  console.log(`${"ua's send (journal on disk)".padEnd(52)} ${ms(send)} (${(send / dry).toFixed(2)}× the dry run)`);
  console.log(`${'what the goal (≤ 1.5×) leaves beyond the dry run'.padEnd(52)} ${ms(0.5 * dry)}`);
}

/**
 * What the journal's group commit waits for, on the disk of ua's journal in these runs: a
 * letter's message goes only once its line is on disk, and a pool of five connections flushes
 * five letters' lines at a time, their outcomes riding along (200 flushes for 1,000 letters).
 */
async function flushes(file) {
  const { open } = await import('node:fs/promises');
  const journal = await open(file, 'a', 0o600);
  const lines = Buffer.from(
    `${JSON.stringify({ state: 'transferring', key: 'x'.repeat(32), to: ['presidenta@example.org'], sender: 'Signer Núñez 1' }).padEnd(380)}\n`.repeat(10),
  );
  const started = process.hrtime.bigint();
  for (let i = 0; i < 200; i++) {
    await journal.write(lines);
    await journal.datasync();
  }
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  await journal.close();
  return elapsed;
}

// The instant server answers from this process: a sending run must not block it (spawnSync would).
function running(command, args, runEnv) {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: runEnv, stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk) => {
      errors += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(Number(process.hrtime.bigint() - started) / 1e6) : reject(new Error(`${command} exited with ${code}: ${errors}`)),
    );
  });
}

// 200 messages on each of five connections, each message's envelope written with the previous
// one's final dot, as ua writes them; a message of about a letter's size (3 kB).
const BARE_CLIENT = `
const net = require('node:net');
const port = Number(process.argv[1]);
const line = 'Me dirijo a usted para expresarle mi preocupación por la muerte de 18 personas.\\r\\n';
const message = Buffer.from('From: o@example.org\\r\\nTo: p@example.org\\r\\nSubject: UA 105.22\\r\\n\\r\\n' + line.repeat(36) + '.\\r\\n');
const envelope = (i) => 'MAIL FROM:<o@example.org>\\r\\nRCPT TO:<p' + i + '@example.org>\\r\\nDATA\\r\\n';
const connection = () => new Promise((resolve, reject) => {
  const socket = net.connect(port, '127.0.0.1', () => socket.setNoDelay(true));
  socket.on('error', reject);
  let partial = '';
  let step = 'greeting';
  let sent = 0;
  let done = 0;
  socket.on('data', (chunk) => {
    const lines = (partial + chunk.toString('latin1')).split('\\r\\n');
    partial = lines.pop();
    for (const reply of lines) {
      if (reply[3] === '-') continue;
      if (step === 'greeting') { step = 'ehlo'; socket.write('EHLO floor\\r\\n'); }
      else if (step === 'ehlo') { step = 'mail'; socket.write(envelope(sent)); }
      else if (reply.startsWith('354')) { sent++; socket.write(sent < 200 ? Buffer.concat([message, Buffer.from(envelope(sent))]) : message); }
      else if (reply.startsWith('250 2.0.0') && ++done === 200) { socket.end('QUIT\\r\\n'); resolve(); }
    }
  });
});
Promise.all(Array.from({ length: 5 }, connection));`;

printFloors(5);
await sendFloors(7);
