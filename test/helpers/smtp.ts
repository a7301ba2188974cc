import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

/** What a test server does at each step: answer normally, refuse with a code, drop, or stall. */
export interface Behaviour {
  /** Called per RCPT TO; return a reply code to refuse (e.g. 451, 550), or 'stall' to never answer. */
  rcpt?: (address: string, index: number) => number | 'stall' | undefined;
  /** Called once the whole message arrived; return a code to refuse it (e.g. 552), 'drop' to cut the connection, 'stall' to never answer. */
  data?: (raw: string, index: number) => number | 'drop' | 'stall' | undefined;
  /** Called as a message starts (its 354 sent, none of it read); 'drop' cuts that connection there, before the final dot. */
  dataStart?: (index: number) => 'drop' | undefined;
}

export interface TestSmtp {
  port: number;
  /** Messages the server accepted (answered 250 to), raw, in order; `smtpUtf8` when MAIL FROM asked for it. */
  delivered: { raw: string; from: string; to: string[]; smtpUtf8: boolean }[];
  /** How many connections were opened. */
  connections: number;
  /** How many messages started to arrive (DATA), accepted or not. */
  dataStarted: number;
  /**
   * MAIL FROM and RCPT TO lines as the client sent them. smtp-server hands its hooks and
   * `session.envelope` each domain decoded to Unicode; only these show the wire form.
   */
  commands: string[];
  certificate?: string;
  close(): Promise<void>;
}

export interface SmtpOptions extends Behaviour {
  auth?: { user: string; pass: string };
  /** Offer STARTTLS with a freshly generated certificate for 127.0.0.1 / localhost. */
  starttls?: boolean;
  /** Implicit TLS (smtps). */
  secure?: boolean;
  /** Close connections idle this long (ms), as every real provider does after 30 s to 5 min. */
  socketTimeout?: number;
  /** Wait this long (ms) before answering each message: a slower server, for kill tests. */
  answerDelay?: number;
  /** false: do not offer SMTPUTF8 (smtp-server still takes UTF-8 addresses then: it never checks). */
  smtpUtf8?: boolean;
}

let certificate: Promise<{ key: string; cert: string }> | undefined;

/** A throw-away certificate (smtp-server's built-in one has expired), made once per test file. */
export async function testCertificate(): Promise<{ key: string; cert: string; file: string }> {
  certificate ??= generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    extensions: [
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  }).then((pems) => ({ key: String(pems.private), cert: String(pems.cert) }));
  const pair = await certificate;
  const file = join(mkdtempSync(join(tmpdir(), 'ua-ca-')), 'ca.pem');
  writeFileSync(file, pair.cert);
  return { ...pair, file };
}

/** Every address the server accepted a message for, sorted: who received a letter, however the run grouped them. */
export const deliveredTo = (server: Pick<TestSmtp, 'delivered'>): string[] => server.delivered.flatMap((message) => message.to).sort();

export async function startSmtp(options: SmtpOptions = {}): Promise<TestSmtp> {
  const tls = options.starttls || options.secure ? await testCertificate() : undefined;
  const state: TestSmtp = { port: 0, delivered: [], connections: 0, dataStarted: 0, commands: [], certificate: tls?.cert, close: async () => undefined };
  let rcptCount = 0;
  const sockets = new Set<Socket>();
  const server = new SMTPServer({
    secure: options.secure === true,
    key: tls?.key,
    cert: tls?.cert,
    hideSTARTTLS: !options.starttls,
    hideSMTPUTF8: options.smtpUtf8 === false,
    authOptional: !options.auth,
    disabledCommands: options.auth ? [] : ['AUTH'],
    allowInsecureAuth: true,
    logger: commandLog(state.commands),
    ...(options.socketTimeout ? { socketTimeout: options.socketTimeout } : {}),
    onConnect(_session: SMTPServerSession, callback: (error?: Error) => void) {
      state.connections++;
      callback();
    },
    onAuth(auth, _session, callback) {
      if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass) return callback(null, { user: auth.username });
      return callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      const verdict = options.rcpt?.(address.address, rcptCount++);
      if (verdict === 'stall') return;
      if (verdict) return callback(Object.assign(new Error(`Refused ${address.address}`), { responseCode: verdict }));
      callback();
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (error?: Error | null) => void) {
      const index = state.dataStarted++;
      if (options.dataStart?.(index) === 'drop') {
        // smtp-server sends 354 once this returns: the connection goes right after it.
        setImmediate(() => {
          for (const socket of sockets) if (socket.remotePort === session.remotePort) socket.destroy();
        });
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const verdict = options.data?.(raw, index);
        if (verdict === 'stall') return;
        if (verdict === 'drop') {
          for (const socket of sockets) socket.destroy();
          return;
        }
        if (verdict) return callback(Object.assign(new Error('Refused'), { responseCode: verdict }));
        const accept = () => {
          state.delivered.push({
            raw,
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            smtpUtf8: session.envelope.smtpUtf8 === true,
          });
          callback();
        };
        if (options.answerDelay) setTimeout(accept, options.answerDelay);
        else accept();
      });
    },
  });
  server.on('error', () => undefined);
  // smtp-server exposes its net.Server; sockets are tracked so a test can cut them.
  const net = (server as unknown as { server: Server }).server;
  net.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  state.port = (net.address() as { port: number }).port;
  state.close = () =>
    new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return state;
}

/** A logger that keeps the client's envelope commands (smtp-server logs each line at debug level, as `C:`, the line). */
function commandLog(commands: string[]) {
  const quiet = () => undefined;
  return {
    trace: quiet,
    info: quiet,
    warn: quiet,
    error: quiet,
    fatal: quiet,
    debug(data: { tnx?: string }, ...parts: unknown[]) {
      const line = parts.map(String).join(' ').replace(/^C: /, '');
      if (data?.tnx === 'command' && /^(MAIL FROM|RCPT TO):/i.test(line)) commands.push(line);
    },
  };
}

/** A server that accepts connections and never says a word. */
export async function startSilentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A server that greets with `greeting` and answers every command with `reply` (a server busy, refusing, or speaking nonsense). */
export async function startOddServer(greeting: string, reply = '250 OK\r\n'): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    socket.write(greeting);
    socket.on('data', () => socket.write(reply));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as { port: number }).port,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * A server that answers one byte a second at one step: during EHLO, or after the message
 * (DATA). Idle timeouts never fire against it; only an overall deadline ends the wait.
 */
export async function startTrickleServer(at: 'ehlo' | 'data'): Promise<{ port: number; messages: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const state = { port: 0, messages: 0, close: async (): Promise<void> => undefined };
  const trickle = (socket: Socket, text: string) => {
    let i = 0;
    const timer = setInterval(() => {
      if (i < text.length && !socket.destroyed) socket.write(text[i++] ?? '');
      else clearInterval(timer);
    }, 1000);
    timers.add(timer);
  };
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.write('220 localhost ESMTP trickle\r\n');
    let inData = false;
    let buffer = '';
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('latin1');
      if (inData) {
        if (!buffer.includes('\r\n.\r\n')) return;
        inData = false;
        buffer = '';
        state.messages++;
        trickle(socket, '250 2.0.0 queued as 1\r\n');
        return;
      }
      const answer = (command: string) => {
        if (command.startsWith('EHLO')) return at === 'ehlo' ? trickle(socket, '250-localhost\r\n250 8BITMIME\r\n') : socket.write('250 localhost\r\n');
        if (command.startsWith('QUIT')) return socket.end('221 bye\r\n');
        inData = command.startsWith('DATA');
        socket.write(inData ? '354 go ahead\r\n' : '250 OK\r\n');
      };
      for (let end = buffer.indexOf('\r\n'); end >= 0 && !inData; end = buffer.indexOf('\r\n')) {
        answer(buffer.slice(0, end).toUpperCase());
        buffer = buffer.slice(end + 2);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  state.port = (server.address() as { port: number }).port;
  state.close = () =>
    new Promise<void>((resolve) => {
      for (const timer of timers) clearInterval(timer);
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return state;
}

/** A port nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Servers started by a test file, closed after each test (call `closeAll` in afterEach). */
export function serverPool() {
  let started: TestSmtp[] = [];
  return {
    async start(options: SmtpOptions = {}): Promise<TestSmtp> {
      const server = await startSmtp(options);
      started.push(server);
      return server;
    },
    track(server: { close(): Promise<void> }) {
      started.push(server as TestSmtp);
    },
    async closeAll(): Promise<void> {
      await Promise.all(started.map((server) => server.close()));
      started = [];
    },
  };
}

/**
 * A server without PIPELINING that, as Exim does, takes a command sent before its reply to the
 * one before (a message's final dot included) as a synchronization error: 554, and it closes.
 */
export async function startLockstepServer(): Promise<{ port: number; delivered: string[]; syncErrors: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const state = { port: 0, delivered: [] as string[], syncErrors: 0, close: async (): Promise<void> => undefined };
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    socket.write('220 localhost ESMTP lockstep\r\n');
    let inData = false;
    let buffer = '';
    const answer = (line: string): string => {
      if (inData) {
        inData = false;
        state.delivered.push(line);
        return '250 2.0.0 queued\r\n';
      }
      const command = line.toUpperCase();
      if (command.startsWith('EHLO')) return '250-localhost\r\n250 8BITMIME\r\n';
      inData = command.startsWith('DATA');
      return inData ? '354 go ahead\r\n' : '250 OK\r\n';
    };
    const respond = (line: string) => {
      // Bytes after a line, before its reply went: the client did not wait.
      if (buffer.length > 0) {
        state.syncErrors++;
        socket.end('554 SMTP synchronization error\r\n');
      } else if (line.toUpperCase() === 'QUIT') socket.end('221 bye\r\n');
      else socket.write(answer(line));
    };
    const next = () => buffer.indexOf(inData ? '\r\n.\r\n' : '\r\n');
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('latin1');
      for (let end = next(); end >= 0 && !socket.writableEnded; end = next()) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + (inData ? 5 : 2));
        respond(line);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  state.port = (server.address() as { port: number }).port;
  state.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return state;
}
