import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statfsSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { homeJournalPath, journalEntries } from '../helpers/journal.js';
import { writeSignups } from '../helpers/signups.js';
import { BIN, tempHome, ua, uaAsync } from '../helpers/spawn.js';
import { canMountTmpfs, withTmpfs } from '../helpers/tmpfs.js';

// Outputs are all or nothing: a full disk, an interrupt or a rerun with --force never leaves a
// mix of old and new, a half-written file or a staging folder behind.
const SENDER = ['--name', 'Ana Pérez', '--city', 'Leeds', '--country', 'Reino Unido', '--no-interactive'];
const hidden = (dir: string) => readdirSync(dir).filter((name) => name.startsWith('.'));

describe.skipIf(!canMountTmpfs)('a full disk (a 256 kB tmpfs; needs root)', () => {
  it.each([
    ['ua batch --copies 200 (pdf)', (disk: string) => ['batch', '105.22', '--copies', '200', '--lang', 'es', '--out', join(disk, 'x/')]],
    [
      'ua batch --copies 200 --format text',
      (disk: string) => ['batch', '105.22', '--copies', '200', '--lang', 'es', '--format', 'text', '--out', join(disk, 'x/')],
    ],
    ['ua compose --format pdf', (disk: string) => ['compose', '105.22', ...SENDER, '--format', 'pdf', '--out', join(disk, 'letters.pdf')]],
  ])('%s: exit 1, one line naming the full disk, nothing of the run left', async (_, argv) => {
    const { dir, env } = tempHome();
    const disk = join(dir, 'disk');
    await withTmpfs(disk, '256k', () => {
      // What is there before the run stays; the run's letters cannot fit in what is left.
      const { bavail, bsize } = statfsSync(disk);
      writeFileSync(join(disk, 'before.txt'), Buffer.alloc(bavail * bsize - 8 * 1024));
      const result = ua(argv(disk), { cwd: dir, env });
      expect(result.code).toBe(1);
      const errors = result.stderr.split('\n').filter((line) => line.startsWith('ua:'));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/^ua: cannot write .*: the disk is full \(ENOSPC\)$/);
      expect(result.stderr).not.toMatch(/bug|\n\s+at /);
      expect(readdirSync(disk)).toEqual(['before.txt']);
    });
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('interrupts', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    '%s while batch waits on a pipe whose writer never writes (--signers fifo): it ends at once, nothing left',
    async (signal) => {
      const { dir, env } = tempHome();
      spawnSync('mkfifo', [join(dir, 'sheet.csv')]);
      // A writer that holds the pipe open and says nothing: ua waits for it as long as it lives.
      const writer = spawn('sh', ['-c', 'exec sleep 30 > sheet.csv'], { cwd: dir, stdio: 'ignore' });
      const run = uaAsync(['batch', '105.22', '--signers', 'sheet.csv', '--format', 'text', '--out', 'out/'], { cwd: dir, env });
      await new Promise((resolve) => setTimeout(resolve, 500));
      run.child.kill(signal);
      const result = await Promise.race([run.done, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 5_000))]);
      if (!result) run.child.kill('SIGKILL');
      writer.kill('SIGKILL');
      expect(result?.signal).toBe(signal);
      expect(
        readdirSync(dir)
          .filter((name) => name !== 'cache')
          .sort(),
      ).toEqual(['sheet.csv']);
      rmSync(dir, { recursive: true, force: true });
    },
  );

  it('a pipe named like a UA file in --actions-dir is skipped, not waited for', () => {
    const { dir, env } = tempHome();
    mkdirSync(join(dir, 'actions'));
    spawnSync('mkfifo', [join(dir, 'actions', '999.99.yaml')]);
    const result = ua(['--actions-dir', 'actions', 'list'], { cwd: dir, env });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('skipped');
    expect(ua(['validate', 'actions/999.99.yaml'], { cwd: dir, env }).stderr).toContain('not a plain file (a pipe or a device)');
    rmSync(dir, { recursive: true, force: true });
  });

  it('SIGINT to a batch printing 2,000 signers: exit 130, no staging folder, no partial output', async () => {
    const { dir, env } = tempHome();
    writeSignups(dir, { rows: 2000 });
    const run = uaAsync(['batch', '105.22', '--signers', 'signups.csv', '--out', 'letters/'], { cwd: dir, env });
    // Once the staging folder exists, the letters are being written.
    const deadline = Date.now() + 20_000;
    while (!hidden(dir).some((name) => name.startsWith('.letters.ua-')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 300));
    run.child.kill('SIGINT');
    const result = await run.done;
    expect(result.code).toBe(130);
    expect(result.stderr.match(/Cancelled — nothing was written\./g)).toHaveLength(1);
    expect(readdirSync(dir).sort()).toEqual(['cache', 'signups.csv'].filter((name) => readdirSync(dir).includes(name)).sort());
    expect(hidden(dir)).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  });

  // The batch runs in a worker thread: the main thread must listen for signals before the
  // staging folder exists, or a Ctrl-C in between ends the process and leaves it behind.
  it('SIGINT the moment the staging folder appears, 10 times: never a folder left behind', async () => {
    for (let trial = 0; trial < 10; trial++) {
      const { dir, env } = tempHome();
      writeSignups(dir, { rows: 300 });
      const run = uaAsync(['batch', '105.22', '--signers', 'signups.csv', '--out', 'letters/'], { cwd: dir, env });
      while (!hidden(dir).some((name) => name.startsWith('.letters.ua-'))) await new Promise((r) => setTimeout(r, 2));
      run.child.kill('SIGINT');
      const result = await run.done;
      expect(result.code, `trial ${trial}`).toBe(130);
      expect(hidden(dir), `trial ${trial}`).toEqual([]);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('reruns into the same folder', () => {
  it('batch --force after a larger run: the folder holds only the new run’s letters', () => {
    const { dir, env } = tempHome();
    writeSignups(dir, { rows: 3 });
    expect(ua(['batch', '105.22', '--signers', 'signups.csv', '--format', 'text', '--out', 'out/'], { cwd: dir, env }).code).toBe(0);
    expect(readdirSync(join(dir, 'out')).filter((f) => f.endsWith('.txt'))).toHaveLength(6);
    writeSignups(dir, { rows: 1 });
    const again = ua(['batch', '105.22', '--signers', 'signups.csv', '--format', 'text', '--out', 'out/', '--force'], { cwd: dir, env });
    expect(again.code).toBe(0);
    const files = readdirSync(join(dir, 'out'));
    expect(files.filter((f) => f.endsWith('.txt'))).toEqual(['0001-ana-perez-1-boluarte-es.txt', '0002-ana-perez-1-rivero-es.txt']);
    expect(
      readFileSync(join(dir, 'out', 'tally.csv'), 'utf8')
        .split('\r\n')
        .slice(1, -1)
        .map((row) => row.split(',').at(-1)),
    ).toEqual(['1', '1']);
    expect(hidden(dir)).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('--force never replaces a folder ua did not make', () => {
    const { dir, env } = tempHome();
    mkdirSync(join(dir, 'Documents'));
    writeFileSync(join(dir, 'Documents', 'thesis.odt'), 'years of work');
    const result = ua(['batch', '105.22', '--copies', '1', '--out', 'Documents/', '--force'], { cwd: dir, env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('ua: Documents/ holds files ua did not write; --force replaces only a folder ua made');
    expect(readFileSync(join(dir, 'Documents', 'thesis.odt'), 'utf8')).toBe('years of work');
    rmSync(dir, { recursive: true, force: true });
  });

  it('10,002 letters: file names get five digits and sort in print order', () => {
    const { dir, env } = tempHome();
    const result = ua(['batch', '105.22', '--copies', '5001', '--lang', 'es,en', '--target', 'boluarte', '--format', 'text', '--out', 'out/'], {
      cwd: dir,
      env,
    });
    expect(result.code).toBe(0);
    const letters = readdirSync(join(dir, 'out')).filter((f) => f.endsWith('.txt'));
    expect(letters).toHaveLength(10_002);
    const sorted = [...letters].sort();
    expect(sorted[0]).toBe('00001-unsigned-boluarte-es.txt');
    expect(sorted[9999]).toBe('10000-unsigned-boluarte-en.txt');
    expect(sorted.map((name) => Number(name.slice(0, 5)))).toEqual(Array.from({ length: 10_002 }, (_, i) => i + 1));
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('special files and closed pipes', () => {
  it('a FIFO given as --out is written to, never replaced', async () => {
    const { dir, env } = tempHome();
    const fifo = join(dir, 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const reader = spawn('cat', [fifo]);
    let read = '';
    reader.stdout.on('data', (chunk: Buffer) => {
      read += chunk.toString('utf8');
    });
    const readerDone = new Promise((resolve) => reader.on('close', resolve));
    const writer = await uaAsync(['compose', '105.22', ...SENDER, '--out', fifo, '--force'], { cwd: dir, env }).done;
    await readerDone;
    expect(writer.code).toBe(0);
    expect(read).toContain('Señora Presidenta:');
    expect(statSync(fifo).isFIFO()).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  });

  it('ua list 2>&1 | head -c1: no crash, the exit code it would have had', () => {
    const { dir, env } = tempHome();
    const result = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" list 2>&1 | head -c1 >/dev/null; echo "exit=\${PIPESTATUS[0]}"`], {
      cwd: dir,
      env,
      encoding: 'utf8',
    });
    expect(result.stdout).toBe('exit=0\n');
    rmSync(dir, { recursive: true, force: true });
  });

  it('a server greeting with escape sequences reaches neither the terminal nor the journal raw', async () => {
    const server = createServer((socket) => socket.end('554 \u001b[2J\u001b]0;owned\u0007 go away\r\n'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const { dir, env } = tempHome();
    const port = (server.address() as { port: number }).port;
    const result = await uaAsync(['compose', '105.22', ...SENDER, '--email', 'ana@example.org', '--send', '--yes', '--after-deadline'], {
      cwd: dir,
      env: { ...env, UA_SMTP_URL: `smtp://127.0.0.1:${port}` },
    }).done;
    server.close();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('go away');
    expect(result.stderr).not.toContain('\u001b');
    const reasons = journalEntries(homeJournalPath(dir)).map((entry) => entry.reason ?? '');
    expect(reasons.join('')).toContain('go away');
    expect(reasons.join('')).not.toContain('\u001b');
    rmSync(dir, { recursive: true, force: true });
  });
});
