// How the deflate level of a print pack's pages trades time for size (src/io/pdf-document.ts
// chooses one): builds a pack with bin/ua.js, takes its page streams back out and deflates
// them again at each level. CPU time, median of 7 rounds.
//
// Usage: node scripts/deflate-levels.mjs [signers, default 300]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync, inflateSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const signers = Number(process.argv[2] ?? 300);
const work = mkdtempSync(join(tmpdir(), 'ua-deflate-'));
try {
  const lines = ['name,city,country,email,lang'];
  for (let i = 0; i < signers; i++) lines.push(`Signer Núñez ${i},Leeds,UK,signer${i}@example.org,${['es', 'en', 'fr'][i % 3]}`);
  writeFileSync(join(work, 'signers.csv'), `${lines.join('\n')}\n`);
  const env = { ...process.env, HOME: work, XDG_CACHE_HOME: join(work, 'cache'), XDG_CONFIG_HOME: join(work, 'config') };
  const run = spawnSync(join(root, 'bin/ua.js'), ['batch', '105.22', '--signers', 'signers.csv', '--out', 'pack', '-q'], { cwd: work, env, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  const cpu = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
  for (const file of ['print-pack.pdf', 'envelopes.pdf']) {
    // pdfkit writes each stream as "stream\n…\nendstream"; the pages' are most of them.
    const pdf = readFileSync(join(work, 'pack', file)).toString('latin1');
    const streams = [...pdf.matchAll(/stream\n([\s\S]*?)\nendstream/g)].map((m) => inflateSync(Buffer.from(m[1], 'latin1')));
    const raw = streams.reduce((sum, stream) => sum + stream.length, 0);
    const levels = [1, 2, 3, 4, 5, 6].map((level) => {
      const times = [];
      let size = 0;
      for (let round = 0; round < 7; round++) {
        const started = cpu();
        size = streams.reduce((sum, stream) => sum + deflateSync(stream, { level }).length, 0);
        times.push(cpu() - started);
      }
      return `level ${level}: ${times.sort((a, b) => a - b)[3].toFixed(0)} ms, ${(size / 1024).toFixed(0)} kB`;
    });
    console.log(`${file}: ${streams.length} streams, ${(raw / 1048576).toFixed(1)} MB\n  ${levels.join('\n  ')}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
