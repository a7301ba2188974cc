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
import { serverPool } from '../../helpers/smtp.js';
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
    // A letter is planned as a connection is free for it: never more on their way than connections.
    expect(mostAhead).toBeLessThanOrEqual(connections);
  });
});
