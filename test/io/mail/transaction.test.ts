import SMTPConnection from 'nodemailer/lib/smtp-connection';
import DataStream from 'nodemailer/lib/smtp-connection/data-stream';
import { afterEach, describe, expect, it } from 'vitest';
import { emailPlanner } from '../../../src/core/email.js';
import { composeMessage } from '../../../src/io/mail/message.js';
import { type Connection, dotStuffed, internals, sendMessage, takeOver } from '../../../src/io/mail/transaction.js';
import { aLetter } from '../../helpers/letter.js';
import { serverPool } from '../../helpers/smtp.js';
import { t } from '../../helpers/words.js';

const pool = serverPool();
afterEach(() => pool.closeAll());

/** What nodemailer's own DATA stream writes for these bytes, fed in one chunk as ua hands them over. */
function nodemailerWrites(raw: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const stream = new DataStream();
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
    stream.end(raw);
  });
}

const aMessage = () => {
  const plan = emailPlanner(t, { from: 'letters@example.org' })(aLetter({ paragraphs: ['.A line that starts with a dot.', 'Another.'] }), {
    name: 'Ana Pérez',
    city: 'Leeds',
    country: 'UK',
    email: 'ana@example.org',
  });
  return { plan, raw: composeMessage(plan, new Date('2026-11-28T10:00:00Z')) };
};

describe('the message as SMTP carries it (dot-stuffed, with its final dot)', () => {
  it.each([
    ['a letter ua wrote', aMessage().raw.toString('latin1')],
    ['nothing', ''],
    ['a dot alone', '.'],
    ['a dot on the first line', '.Hello\r\nworld\r\n'],
    ['a dot after CRLF', 'Hello\r\n.\r\nworld'],
    ['bare LF and a dot after it', 'Hello\n.world\n'],
    ['bare CR and a dot after it', 'Hello\r.world\r'],
    ['CR CR LF', 'a\r\r\nb'],
    ['ends in CRLF', 'a\r\nb\r\n'],
    ['two dots', 'a\r\n..b'],
  ])('%s: the bytes nodemailer writes', async (_, text) => {
    const raw = Buffer.from(text, 'latin1');
    expect(dotStuffed(raw).toString('latin1')).toBe((await nodemailerWrites(raw)).toString('latin1'));
  });

  it('random lines of dots, CR, LF and letters: the bytes nodemailer writes, every one', async () => {
    let seed = 21;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (let i = 0; i < 500; i++) {
      const raw = Buffer.from(Array.from({ length: next() % 40 }, () => '.\r\na '[next() % 5]).join(''), 'latin1');
      expect(dotStuffed(raw).toString('latin1'), JSON.stringify(raw.toString('latin1'))).toBe((await nodemailerWrites(raw)).toString('latin1'));
    }
  });
});

describe('messages over a connection nodemailer opened', () => {
  async function connected(port: number): Promise<Connection> {
    const connection = new SMTPConnection({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    connection.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => connection.connect((error?: Error) => (error ? reject(error) : resolve())));
    return connection;
  }

  /** The connection's writes, as the server receives them. */
  function recorded(connection: Connection): string[] {
    const socket = internals(connection)._socket;
    const writes: string[] = [];
    const write = socket.write.bind(socket);
    socket.write = ((chunk: Buffer | string, ...rest: never[]) => {
      writes.push(Buffer.from(chunk).toString('latin1'));
      return write(chunk, ...rest);
    }) as typeof socket.write;
    return writes;
  }

  /** A server, a connection to it that ua has taken over, and the connection's writes. */
  async function taken(pipelining: boolean) {
    const smtp = await pool.start();
    const connection = await connected(smtp.port);
    const writes = recorded(connection);
    const wire = takeOver(connection, t, { pipelining, smtpUtf8: false }, () => undefined);
    return { smtp, connection, writes, wire };
  }

  it('uses parts of nodemailer that are all there (pinned in package.json): an upgrade that moves them fails here', async () => {
    const smtp = await pool.start();
    const connection = await connected(smtp.port);
    const { _socket, _onSocketData } = internals(connection);
    expect(typeof _socket.write).toBe('function');
    expect(_socket.listeners('data')).toContain(_onSocketData);
    takeOver(connection, t, { pipelining: true, smtpUtf8: false }, () => undefined);
    // Only ua reads the replies now.
    expect(_socket.listeners('data')).not.toContain(_onSocketData);
    connection.close();
  });

  it('sends the envelope in one write, then after the journal line the message and its final dot in one, and the server takes it whole', async () => {
    const { smtp, connection, writes, wire } = await taken(true);
    const { plan, raw } = aMessage();
    let writesBeforeJournal = -1;
    const sending = sendMessage(
      wire,
      raw,
      plan.envelope,
      async () => {
        writesBeforeJournal = writes.length;
      },
      { abandon: () => undefined },
    );
    const receipt = await sending.receipt;
    connection.close();

    expect(receipt.accepted).toEqual(plan.envelope.to);
    expect(sending.ended()).toBe(true);
    expect(writes.slice(0, writesBeforeJournal)).toEqual([
      `MAIL FROM:<${plan.envelope.from}>\r\n${plan.envelope.to.map((to) => `RCPT TO:<${to}>\r\n`).join('')}DATA\r\n`,
    ]);
    expect(writes.slice(writesBeforeJournal)).toEqual([dotStuffed(raw).toString('latin1')]);
    expect(smtp.delivered.map((message) => message.raw)).toEqual([raw.toString('utf8').replace(/\r\n\.\./g, '\r\n.')]);
  });

  it('the next message’s envelope goes in the same write as the final dot before it (RFC 2920), and both arrive whole', async () => {
    const { smtp, connection, writes, wire } = await taken(true);
    const { plan, raw } = aMessage();
    const second = Buffer.from(raw.toString('latin1').replace('Another.', 'The second.'), 'latin1');
    let gone: () => void = () => undefined;
    const first = sendMessage(wire, raw, plan.envelope, async () => undefined, { abandon: () => undefined, gone: () => gone() });
    // As the pool does: the second starts as the first goes.
    const next = new Promise<void>((resolve) => {
      gone = resolve;
    }).then(() => sendMessage(wire, second, plan.envelope, async () => undefined, { abandon: () => undefined }).receipt);
    await Promise.all([first.receipt, next]);
    connection.close();

    const joined = writes.find((write) => write.startsWith(dotStuffed(raw).toString('latin1')));
    expect(joined).toBe(
      `${dotStuffed(raw).toString('latin1')}MAIL FROM:<${plan.envelope.from}>\r\n${plan.envelope.to.map((to) => `RCPT TO:<${to}>\r\n`).join('')}DATA\r\n`,
    );
    expect(smtp.delivered).toHaveLength(2);
    expect(smtp.delivered[1]?.raw).toContain('The second.');
  });

  it('without PIPELINING, each command waits for the reply before it', async () => {
    const { smtp, connection, writes, wire } = await taken(false);
    const { plan, raw } = aMessage();
    await sendMessage(wire, raw, plan.envelope, async () => undefined, { abandon: () => undefined }).receipt;
    connection.close();
    expect(writes.slice(0, 3)).toEqual(
      [`MAIL FROM:<${plan.envelope.from}>\r\n`, ...plan.envelope.to.map((to) => `RCPT TO:<${to}>\r\n`), 'DATA\r\n'].slice(0, 3),
    );
    expect(smtp.delivered).toHaveLength(1);
  });

  it('refuses an address that would add a command, before anything goes', async () => {
    const { connection, writes, wire } = await taken(true);
    const { raw } = aMessage();
    const sending = sendMessage(wire, raw, { from: 'a@example.org', to: ['b@example.org>\r\nRCPT TO:<c@example.org'] }, async () => undefined, {
      abandon: () => undefined,
    });
    await expect(sending.receipt).rejects.toMatchObject({ code: 'EENVELOPE' });
    connection.close();
    expect(writes).toEqual([]);
  });
});
