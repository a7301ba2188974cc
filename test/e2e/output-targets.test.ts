import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURES } from '../helpers/paths.js';
import { writeSignups } from '../helpers/signups.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';
import { BIN, SPAWN_LIMIT_MS, tempHome, ua } from '../helpers/spawn.js';
import { canMountTmpfs, withTmpfs } from '../helpers/tmpfs.js';

// Where letters may be written, and what may be in the way: devices only where they are
// devices, links, mount points, folders someone else added files to, outputs that fail.
const SENDER = ['--name', 'Ana Pérez', '--city', 'Leeds', '--country', 'Reino Unido', '--no-interactive'];
const COMPOSE = ['compose', '105.22', ...SENDER];
const shell = (command: string, env: NodeJS.ProcessEnv, cwd: string) =>
  spawnSync('bash', ['-c', command], { cwd, env, encoding: 'utf8', timeout: SPAWN_LIMIT_MS });
/** A shell without blocking this process: the test SMTP server here must keep answering. */
const shellAsync = (command: string, env: NodeJS.ProcessEnv, cwd: string) =>
  new Promise<number | null>((resolve) => spawn('bash', ['-c', command], { cwd, env, stdio: 'ignore' }).on('close', resolve));
const quoted = (args: string[]) => args.map((arg) => `'${arg}'`).join(' ');

describe('what counts as a device', () => {
  it('a file under /dev/shm is a file: not replaced without --force, staged like any other', () => {
    const { dir, env } = tempHome();
    const file = join('/dev/shm', `ua-test-${process.pid}-${Date.now()}.txt`);
    writeFileSync(file, 'KEEP\n');
    try {
      const result = ua([...COMPOSE, '--out', file], { cwd: dir, env });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('already exists; nothing was written');
      expect(readFileSync(file, 'utf8')).toBe('KEEP\n');
      expect(ua([...COMPOSE, '--out', file, '--force'], { cwd: dir, env }).code).toBe(0);
      expect(readFileSync(file, 'utf8')).toContain('Señora Presidenta:');
    } finally {
      rmSync(file, { force: true });
    }
  });

  it('a link to another file is replaced only with --force, and then only the link', () => {
    const { dir, env } = tempHome();
    writeFileSync(join(dir, 'victim.txt'), 'KEEP\n');
    symlinkSync(join(dir, 'victim.txt'), join(dir, 'link.txt'));
    expect(ua([...COMPOSE, '--out', 'link.txt'], { cwd: dir, env }).code).toBe(2);
    expect(ua([...COMPOSE, '--out', 'link.txt', '--force'], { cwd: dir, env }).code).toBe(0);
    expect(readFileSync(join(dir, 'victim.txt'), 'utf8')).toBe('KEEP\n');
  });

  it('a link to nowhere is something there: not replaced without --force', () => {
    const { dir, env } = tempHome();
    symlinkSync(join(dir, 'nowhere.txt'), join(dir, 'dangling.txt'));
    const result = ua([...COMPOSE, '--out', 'dangling.txt'], { cwd: dir, env });
    expect(result.code).toBe(2);
    expect(existsSync(join(dir, 'nowhere.txt'))).toBe(false);
  });

  it('--out /dev/stdout appended to a file keeps what the file had (text and PDF)', () => {
    const { dir, env } = tempHome();
    writeFileSync(join(dir, 'log'), 'OLD\n');
    const text = shell(`"${process.execPath}" "${BIN}" ${quoted([...COMPOSE, '--out', '/dev/stdout'])} >> log`, env, dir);
    expect(text.status).toBe(0);
    const pdf = shell(`"${process.execPath}" "${BIN}" ${quoted([...COMPOSE, '--format', 'pdf', '--out', '/dev/stdout'])} >> log`, env, dir);
    expect(pdf.status).toBe(0);
    const log = readFileSync(join(dir, 'log'));
    expect(log.subarray(0, 4).toString()).toBe('OLD\n');
    expect(log.toString('latin1')).toContain('Señora Presidenta:'.replace('ñ', '\u00c3\u00b1'));
    expect(log.toString('latin1')).toContain('%PDF-');
  });

  it('a disk device is refused', () => {
    const disk = ['/dev/loop0', '/dev/sda', '/dev/vda', '/dev/nvme0n1'].find((path) => existsSync(path) && statSync(path).isBlockDevice());
    if (!disk) return;
    const { dir, env } = tempHome();
    const result = ua([...COMPOSE, '--out', disk, '--force'], { cwd: dir, env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is a disk device');
  });
});

describe('folders of letters', () => {
  it('--out <folder>/ stages inside the folder: a folder you may write in a folder you may not', () => {
    const { env } = tempHome();
    // In /dev/shm, which anyone may enter (the suite's own folders are private to it).
    const locked = join(mkdtempSync('/dev/shm/ua-test-'), 'locked');
    mkdirSync(join(locked, 'mine'), { recursive: true });
    chmodSync(join(locked, '..'), 0o755);
    chmodSync(join(locked, 'mine'), 0o777);
    chmodSync(locked, 0o555);
    try {
      // As nobody, when the suite runs as root: root may write anywhere.
      const asNobody = process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : [];
      const run = spawnSync(
        asNobody[0] ?? process.execPath,
        [...asNobody.slice(1), ...(asNobody.length ? [process.execPath] : []), BIN, ...COMPOSE, '--out', 'mine/'],
        {
          cwd: locked,
          env: { ...env, HOME: '/nonexistent', XDG_CONFIG_HOME: '/nonexistent', XDG_STATE_HOME: '/nonexistent', XDG_CACHE_HOME: '/nonexistent' },
          encoding: 'utf8',
        },
      );
      expect(run.stderr).not.toContain('ua:');
      expect(run.status).toBe(0);
      expect(readdirSync(join(locked, 'mine')).sort()).toEqual(['105.22-boluarte-es.txt', '105.22-rivero-es.txt']);
    } finally {
      chmodSync(locked, 0o755);
      rmSync(join(locked, '..'), { recursive: true, force: true });
    }
  });

  it.skipIf(!canMountTmpfs)('--out onto a mount point works for one file per letter', async () => {
    const { dir, env } = tempHome();
    const stick = join(dir, 'stick');
    await withTmpfs(stick, '1m', () => {
      const result = ua([...COMPOSE, '--out', 'stick/'], { cwd: dir, env });
      expect(result.stderr).not.toContain('ua:');
      expect(readdirSync(stick).sort()).toEqual(['105.22-boluarte-es.txt', '105.22-rivero-es.txt']);
    });
  });

  it('batch --force replaces only what an earlier batch wrote: a sheet put in the folder since is kept, and the run refused', () => {
    const { dir, env } = tempHome();
    writeSignups(dir, { rows: 2 });
    const batch = ['batch', '105.22', '--format', 'text'];
    expect(ua([...batch, '--signers', 'signups.csv', '--out', 'm/'], { cwd: dir, env }).code).toBe(0);
    expect(statSync(join(dir, 'm')).mode & 0o777).toBe(0o755 & ~0o022);
    writeFileSync(join(dir, 'm', 'signups.csv'), readFileSync(join(dir, 'signups.csv')));
    const again = ua([...batch, '--signers', 'm/signups.csv', '--out', 'm/', '--force'], { cwd: dir, env });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('holds files ua did not write (signups.csv)');
    expect(existsSync(join(dir, 'm', 'signups.csv'))).toBe(true);
    // Without the stranger, --force replaces the batch as before.
    rmSync(join(dir, 'm', 'signups.csv'));
    expect(ua([...batch, '--signers', 'signups.csv', '--out', 'm/', '--force'], { cwd: dir, env }).code).toBe(0);
  });

  it('a file name as long as the file system allows is written', () => {
    const { dir, env } = tempHome();
    const name = `${'a'.repeat(251)}.txt`;
    const result = ua([...COMPOSE, '--out', name], { cwd: dir, env });
    expect(result.stderr).not.toContain('ua:');
    expect(existsSync(join(dir, name))).toBe(true);
  });
});

describe('output that cannot be written', () => {
  let smtp: TestSmtp | undefined;
  afterEach(async () => {
    await smtp?.close();
    smtp = undefined;
  });

  it.each([['list', '--all'], COMPOSE, ['report', '--json'], ['--version']])('ua %s > /dev/full: exit 1, one line saying so, no trace', (...args) => {
    const { dir, env } = tempHome();
    const result = shell(`"${process.execPath}" "${BIN}" ${quoted(args)} > /dev/full`, env, dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^ua: the output could not be written: the disk is full \(ENOSPC\)\n$/m);
    expect(result.stderr).not.toMatch(/\n\s+at |bug/);
  });

  it('a send whose stderr fails (2>/dev/full) sends every letter, journals them, and ends as it would have', async () => {
    smtp = await startSmtp();
    const args = ['--actions-dir', FIXTURES, 'compose', '901.26', ...SENDER, '--email', 'ana@example.org', '--send', '--yes'];
    const { dir, env } = tempHome();
    const sendEnv = { ...env, UA_SMTP_URL: `smtp://127.0.0.1:${smtp.port}` };
    expect(await shellAsync(`"${process.execPath}" "${BIN}" ${quoted(args)} 2>/dev/full`, sendEnv, dir)).toBe(0);
    expect(smtp.delivered).toHaveLength(4);
    // The journal knows: a rerun sends nothing.
    expect(await shellAsync(`"${process.execPath}" "${BIN}" ${quoted(args)} 2>/dev/full`, sendEnv, dir)).toBe(0);
    expect(smtp.delivered).toHaveLength(4);
  });
});
