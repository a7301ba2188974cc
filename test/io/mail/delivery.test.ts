import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Letter } from '../../../src/core/compose.js';
import { emailPlanner } from '../../../src/core/email.js';
import { Journal } from '../../../src/io/journal.js';
import { deliver, type Outgoing, type Result } from '../../../src/io/mail/delivery.js';
import { smtpSessions } from '../../../src/io/mail/session.js';
import { aLetter } from '../../helpers/letter.js';
import { serverPool, startLockstepServer } from '../../helpers/smtp.js';
import { t } from '../../helpers/words.js';

const pool = serverPool();
afterEach(() => pool.closeAll());

const letter = (targetId: string, to: string): Letter => aLetter({ targetId, to: [to] });

describe('deliver, from a stream of letters', () => {
  it('takes a letter only when a connection is free for it, and tells each one’s end once', async () => {
    const smtp = await pool.start();
    const folder = mkdtempSync(join(tmpdir(), 'ua-delivery-'));
    const journal = await Journal.open(join(folder, 'journal.jsonl'), { t, waitSeconds: 0, say: () => undefined });
    const plan = emailPlanner(t, { from: 'letters@example.org' });
    const connections = 3;
    let taken = 0;
    let done = 0;
    let mostAhead = 0;
    async function* letters(): AsyncGenerator<Outgoing> {
      for (let i = 0; i < 40; i++) {
        taken++;
        mostAhead = Math.max(mostAhead, taken - done);
        const sender = { name: `Signer ${i}`, city: 'Leeds', country: 'UK', email: `signer${i}@example.org` };
        const email = plan(letter('minister', 'ministra@justicia.example'), sender);
        yield { plan: email, owed: { send: email.recipients, had: [], inDoubt: [] } };
      }
    }
    const indexes: number[] = [];
    const outcomes: Result['outcome'][] = [];
    const delivery = await deliver(letters(), {
      t,
      open: smtpSessions(t, { host: '127.0.0.1', port: smtp.port, secure: false, requireTLS: false, timeoutSeconds: 30 }),
      journal,
      now: () => new Date('2026-11-28T10:00:00Z'),
      connections,
      onDone: (result, _, index) => {
        done++;
        indexes.push(index);
        outcomes.push(result.outcome);
      },
    });
    await journal.close();
    rmSync(folder, { recursive: true, force: true });

    expect(delivery).toEqual({ stopped: undefined, journalFailure: undefined, interrupted: false });
    expect(smtp.delivered).toHaveLength(40);
    expect(outcomes).toEqual(Array(40).fill('sent'));
    expect(indexes.sort((a, b) => a - b)).toEqual([...Array(40).keys()]);
    // A letter is planned as a connection is free for it: never more on their way than two a
    // connection (one waiting for the server's answer, the next going after it).
    expect(mostAhead).toBeLessThanOrEqual(2 * connections);
    // Each connection carried many letters, one after another, and a rerun opened none.
    expect(smtp.connections).toBe(connections);
  });

  /** `count` letters from different signers over one connection (two on it at once), with the server as `smtp`, each answer awaited `timeoutSeconds`. */
  async function sendOver(smtp: { port: number }, count: number, timeoutSeconds = 30): Promise<Result['outcome'][]> {
    const folder = mkdtempSync(join(tmpdir(), 'ua-delivery-'));
    const journal = await Journal.open(join(folder, 'journal.jsonl'), { t, waitSeconds: 0, say: () => undefined });
    const plan = emailPlanner(t, { from: 'letters@example.org' });
    const letters = Array.from({ length: count }, (_, i) => {
      const email = plan(letter('minister', 'ministra@justicia.example'), {
        name: `Signer ${i}`,
        city: 'Leeds',
        country: 'UK',
        email: `signer${i}@example.org`,
      });
      return { plan: email, owed: { send: email.recipients, had: [], inDoubt: [] } };
    });
    const outcomes: Result['outcome'][] = [];
    await deliver(letters, {
      t,
      open: smtpSessions(t, { host: '127.0.0.1', port: smtp.port, secure: false, requireTLS: false, timeoutSeconds }),
      journal,
      now: () => new Date('2026-11-28T10:00:00Z'),
      connections: 1,
      onDone: (result, _, index) => {
        outcomes[index] = result.outcome;
      },
    });
    await journal.close();
    rmSync(folder, { recursive: true, force: true });
    return outcomes;
  }

  it('a message refused at its end leaves the next one, already on its way behind it, whole', async () => {
    const smtp = await pool.start({ data: (_, index) => (index % 2 === 0 ? 552 : undefined) });
    expect(await sendOver(smtp, 6)).toEqual(['refused', 'sent', 'refused', 'sent', 'refused', 'sent']);
    expect(smtp.delivered.map((message) => message.raw.match(/Signer \d/)?.[0])).toEqual(['Signer 1', 'Signer 3', 'Signer 5']);
    // Nothing but the letter in each message: no command of the next transaction slipped into it.
    for (const message of smtp.delivered) expect(message.raw).not.toMatch(/^(RSET|MAIL FROM|RCPT TO|DATA)/m);
    expect(smtp.connections).toBe(1);
  });

  it('without PIPELINING, the next envelope waits for the answer to the message before it: a server that checks gets no command ahead', async () => {
    const smtp = await startLockstepServer();
    pool.track(smtp);
    expect(await sendOver(smtp, 4)).toEqual(['sent', 'sent', 'sent', 'sent']);
    expect(smtp.syncErrors).toBe(0);
    expect(smtp.delivered.map((message) => message.match(/Signer \d/)?.[0])).toEqual(['Signer 0', 'Signer 1', 'Signer 2', 'Signer 3']);
  });

  it('a server that takes most of the time allowed to answer each message: the one behind waits for its own answer, not for both', async () => {
    // Each answer comes after 4 s of the 7 allowed; the second message's comes 8 s after it went
    // (the server answers in order), 4 s after the first's answer.
    const smtp = await pool.start({ answerDelay: 4000 });
    expect(await sendOver(smtp, 2, 7)).toEqual(['sent', 'sent']);
    expect(smtp.delivered).toHaveLength(2);
  });

  it('a 421 ends the connection: that letter is deferred, the one behind it goes on a new connection', async () => {
    const smtp = await pool.start({ data: (_, index) => (index === 1 ? 421 : undefined) });
    expect(await sendOver(smtp, 4)).toEqual(['sent', 'deferred', 'sent', 'sent']);
    expect(smtp.delivered).toHaveLength(3);
    expect(smtp.connections).toBe(2);
  });
});
