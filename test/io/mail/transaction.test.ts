import SMTPConnection from 'nodemailer/lib/smtp-connection';
import DataStream from 'nodemailer/lib/smtp-connection/data-stream';
import { afterEach, describe, expect, it } from 'vitest';
import { emailPlanner } from '../../../src/core/email.js';
import { composeMessage } from '../../../src/io/mail/message.js';
import { type Connection, dotStuffed, internals, sendMessage } from '../../../src/io/mail/transaction.js';
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

describe('one message over a connection nodemailer opened', () => {
  async function connected(port: number): Promise<Connection> {
    const connection = new SMTPConnection({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    connection.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => connection.connect((error?: Error) => (error ? reject(error) : resolve())));
    return connection;
  }

  it('uses parts of nodemailer that are all there (pinned in package.json): an upgrade that moves them fails here', async () => {
    const smtp = await pool.start();
    const connection = internals(await connected(smtp.port));
    expect(typeof connection._setEnvelope).toBe('function');
    expect(typeof connection._actionSMTPStream).toBe('function');
    expect(typeof connection._isDestroyedMessage).toBe('function');
    expect(typeof connection._formatError).toBe('function');
    expect(Array.isArray(connection._responseActions)).toBe(true);
    expect(connection._pendingSend).toBe(false);
    expect(typeof connection._socket.write).toBe('function');
    (connection as unknown as Connection).close();
  });

  it('sends the message and its final dot in one write, after the journal line, and the server takes it whole', async () => {
    const smtp = await pool.start();
    const connection = await connected(smtp.port);
    const socket = internals(connection)._socket;
    const writes: string[] = [];
    const write = socket.write.bind(socket);
    socket.write = ((chunk: Buffer | string, ...rest: never[]) => {
      writes.push(Buffer.from(chunk).toString('latin1'));
      return write(chunk, ...rest);
    }) as typeof socket.write;
    const { plan, raw } = aMessage();
    let writesBeforeJournal = -1;
    const sending = sendMessage(
      connection,
      raw,
      plan.envelope,
      async () => {
        writesBeforeJournal = writes.length;
      },
      () => false,
    );
    const receipt = await sending.receipt;
    connection.close();

    expect(receipt.accepted).toEqual(plan.envelope.to);
    expect(sending.ended()).toBe(true);
    // The envelope went before the journal was asked; after it, one write: the message and its dot.
    expect(writes.slice(writesBeforeJournal)).toEqual([dotStuffed(raw).toString('latin1')]);
    expect(smtp.delivered.map((message) => message.raw)).toEqual([raw.toString('utf8').replace(/\r\n\.\./g, '\r\n.')]);
  });
});
