import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { testCertificate } from './smtp.js';

/**
 * A real IMAP server for the tally's tests: Debian's Dovecot (dovecot-imapd), started on
 * 127.0.0.1 on a free port from a config in the suite's temporary folder, with a throw-away
 * user, a Maildir and a self-signed certificate (for 127.0.0.1) that the tests pin through
 * NODE_EXTRA_CA_CERTS. Stopped with `doveadm stop`, its folder removed.
 *
 * Facts this rests on (measured on Debian's 2.3): imap-login will not run as root, so it stays
 * the package's dovenull; the mail processes run as nobody (uid ≥ first_valid_uid), so the mail
 * folder is theirs and every folder above it must let them through (o+x); a block's braces go
 * on lines of their own.
 */
export const DOVECOT = ['/usr/sbin/dovecot', '/usr/bin/dovecot'].find((file) => existsSync(file));
export const hasDovecot = DOVECOT !== undefined && spawnSync('id', ['-u']).stdout?.toString().trim() === '0';
export const DOVECOT_MISSING = 'Dovecot is not installed (apt-get install dovecot-imapd; .ci/run installs it), or not running as root';

export interface TestImap {
  port: number;
  user: string;
  password: string;
  /** The certificate to trust (NODE_EXTRA_CA_CERTS). */
  ca: string;
  /** The user's Maildir (INBOX): deliver() writes into its new/. */
  maildir: string;
  /** Writes each message as a file into the Maildir's new/, as a delivery agent does. */
  deliver(messages: readonly string[]): void;
  stop(): Promise<void>;
}

export async function startDovecot(): Promise<TestImap> {
  if (!DOVECOT) throw new Error(DOVECOT_MISSING);
  // The mail processes (nobody) must get through every folder above the mail: the suite's own is 0700.
  for (let dir = tmpdir(); dir !== dirname(dir); dir = dirname(dir)) {
    const mode = statSync(dir).mode;
    if ((mode & 0o001) === 0) chmodSync(dir, (mode & 0o7777) | 0o011);
  }
  const root = mkdtempSync(join(tmpdir(), 'ua-dovecot-'));
  chmodSync(root, 0o755);
  const user = 'reports';
  const password = 'throwaway-secret';
  const { key, cert, file: ca } = await testCertificate();
  writeFileSync(join(root, 'key.pem'), key, { mode: 0o600 });
  writeFileSync(join(root, 'cert.pem'), cert);
  const hash = execFileSync('doveadm', ['pw', '-s', 'SHA512-CRYPT', '-p', password], { encoding: 'utf8' }).trim();
  writeFileSync(join(root, 'passwd'), `${user}:${hash}:::::\n`);
  const maildir = join(root, 'mail', user);
  for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(maildir, sub), { recursive: true });
  mkdirSync(join(root, 'home', user), { recursive: true });
  mkdirSync(join(root, 'run'));
  const owned = () => {
    for (const dir of [join(root, 'mail'), join(root, 'home')]) chownTree(dir);
  };
  owned();
  const port = await freePort();
  const conf = join(root, 'dovecot.conf');
  writeFileSync(conf, config(root, port));
  // No pipes: the daemon's children would hold them open, and the call would wait for ever.
  execFileSync(DOVECOT, ['-c', conf], { stdio: 'ignore' });
  await answers(port);
  return {
    port,
    user,
    password,
    ca,
    maildir,
    deliver(messages) {
      messages.forEach((message, i) => {
        writeFileSync(join(maildir, 'new', `${Date.now()}.m${i}.test`), message);
      });
      owned();
    },
    async stop() {
      spawnSync('doveadm', ['-c', conf, 'stop'], { stdio: 'ignore' });
      // Stopped when its pid file is gone: then nothing of it holds the folder.
      for (let i = 0; i < 200 && existsSync(join(root, 'run', 'master.pid')); i += 1) await new Promise((r) => setTimeout(r, 50));
      rmSync(root, { recursive: true, force: true });
      rmSync(dirname(ca), { recursive: true, force: true });
    },
  };
}

function config(root: string, port: number): string {
  return `base_dir = ${root}/run
state_dir = ${root}/run
log_path = ${root}/log
protocols = imap
listen = 127.0.0.1
ssl = required
ssl_cert = <${root}/cert.pem
ssl_key = <${root}/key.pem
mail_location = maildir:${root}/mail/%u
first_valid_uid = 1
passdb {
  driver = passwd-file
  args = scheme=SHA512-CRYPT ${root}/passwd
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=${root}/home/%u
}
service imap-login {
  inet_listener imap {
    port = 0
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = ${port}
    ssl = yes
  }
  chroot =
}
`;
}

function chownTree(dir: string): void {
  const [uid, gid] = [
    Number(execFileSync('id', ['-u', 'nobody'], { encoding: 'utf8' })),
    Number(execFileSync('getent', ['group', 'nogroup'], { encoding: 'utf8' }).split(':')[2]),
  ];
  const walk = (path: string) => {
    chownSync(path, uid, gid);
    if (statSync(path).isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
  };
  walk(dir);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Waits until the port takes a connection: Dovecot daemonises before it listens. */
async function answers(port: number): Promise<void> {
  for (let i = 0; i < 600; i += 1) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Dovecot did not listen on ${port}`);
}
