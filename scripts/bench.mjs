// Start-up benchmark: each command against `node -e 0`, measured side by side (interleaved
// rounds, so the machine's noise hits every command alike), median of several runs each.
//
// Two environments are measured. "as set up" is the environment you run this in (HOME and
// the XDG folders aside). On the project's machines it sets NODE_EXTRA_CA_CERTS, which makes
// every Node process, `node -e 0` included, load a CA bundle (~80 ms): the budgets were set
// against that baseline. "bare" drops every variable but PATH, so the baseline is Node alone
// and the ratios show what ua itself costs.
//
// Usage: npm run bench [-- --runs 51]
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runsFlag = process.argv.indexOf('--runs');
const runs = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : 31;
const home = mkdtempSync(join(tmpdir(), 'ua-bench-'));
const folders = { HOME: home, XDG_CONFIG_HOME: join(home, 'config'), XDG_STATE_HOME: join(home, 'state'), XDG_CACHE_HOME: join(home, 'cache') };
const environments = {
  'as set up': { ...process.env, ...folders, CI: '1' },
  bare: { PATH: process.env.PATH, ...folders, CI: '1' },
};
const ua = (...args) => [process.execPath, join(root, 'bin/ua.js'), ...args];

const cases = [
  { name: 'node -e 0', argv: [process.execPath, '-e', '0'] },
  { name: 'ua --version', argv: ua('--version'), budget: 1.3 },
  { name: 'ua --help', argv: ua('--help'), budget: 1.3 },
  { name: 'ua list', argv: ua('list') },
  {
    name: 'ua compose 105.22 … --lang es',
    argv: ua('compose', '105.22', '--no-interactive', '--lang', 'es', '--name', 'Ana Pérez', '--city', 'Leeds', '--country', 'Reino Unido'),
    budget: 1.8,
  },
];

function time([command, ...args], env) {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
  return elapsed;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// Warm the file cache (and ua's own cache of checked files, as a second run would find it),
// then interleave: each round runs every case in every environment once.
const names = Object.keys(environments);
for (const env of Object.values(environments)) for (const c of cases) time(c.argv, env);
const samples = names.map(() => cases.map(() => []));
for (let round = 0; round < runs; round++) {
  names.forEach((name, e) => {
    cases.forEach((c, i) => {
      samples[e][i].push(time(c.argv, environments[name]));
    });
  });
}

const ratios = names.map((_, e) => cases.map((_, i) => median(samples[e][i]) / median(samples[e][0])));
let over = 0;
console.log(`Start-up as a ratio of \`node -e 0\`: median of ${runs} interleaved runs, Node ${process.version}.`);
console.log(`NODE_EXTRA_CA_CERTS ${process.env.NODE_EXTRA_CA_CERTS ? 'is set' : 'is not set'} in the environment as set up.\n`);
console.log(`${'command'.padEnd(32)} ${names.map((n) => n.padStart(10)).join(' ')}   budget (as set up)`);
cases.forEach((c, i) => {
  const ratio = ratios[0][i];
  const verdict = c.budget === undefined ? '' : `≤ ${c.budget}×  ${ratio <= c.budget ? 'ok' : 'OVER'}`;
  if (c.budget !== undefined && ratio > c.budget) over++;
  console.log(`${c.name.padEnd(32)} ${names.map((_, e) => `${ratios[e][i].toFixed(2)}×`.padStart(10)).join(' ')}   ${verdict}`);
});
process.exitCode = over > 0 ? 1 : 0;
