import { describe, expect, it } from 'vitest';
import { textTally } from '../../src/commands/tally/words.js';
import { Tally } from '../../src/core/tally.js';
import { IDS, submission } from '../helpers/submissions.js';
import { t, wordsIn } from '../helpers/words.js';

const first = submission(IDS[0], 1, '105.22', [{ channel: 'email', outcome: 'sent', count: 3 }]);

describe('the tally of submissions', () => {
  it('counts a copy once, and sets aside the same submission with other counts, keeping the first', () => {
    const sum = new Tally();
    sum.add('a', first, 'ana@example.org');
    sum.add('b', first, 'ana@example.org');
    sum.add('c', submission(IDS[0], 1, '105.22', [{ channel: 'email', outcome: 'sent', count: 300 }]));
    sum.add('d', submission(IDS[0], 2, '105.22', [{ channel: 'email', outcome: 'sent', count: 1 }]));
    const result = sum.result(false);
    expect(result.rows).toEqual([{ ua: '105.22', channel: 'email', outcome: 'sent', count: 4, kind: 'action' }]);
    expect(result).toMatchObject({ volunteers: 1, submissions: 2, duplicates: 1 });
    expect(result.setAside).toEqual([{ where: 'c', problem: 'conflict', detail: '105.22 #1' }]);
    // The senders only when asked.
    expect(JSON.stringify(result)).not.toContain('example.org');
    expect(sum.result(true).senders).toEqual(['ana@example.org']);
  });

  it('words every outcome a submission may hold, in each language', () => {
    const sum = new Tally();
    const outcomes = ['partly sent', 'reply', 'acknowledged', 'no-reply', 'not-expected'];
    sum.add(
      'a',
      submission(
        IDS[1],
        1,
        '105.22',
        outcomes.map((outcome) => ({ channel: 'email', outcome, count: 2 })),
      ),
    );
    const text = textTally(t, sum.result(false));
    expect(text).toContain('  email: 2 replies received');
    expect(text).toContain('  email: 2 partly sent');
    for (const lang of ['es', 'fr']) expect(textTally(wordsIn(lang), sum.result(false))).not.toMatch(/partly sent|no-reply|not-expected/);
  });

  it.each([
    // outcome, kind: what a coordinator adds up, and what is listed apart
    ['sent', 'action'],
    ['partly sent', 'action'],
    ['prepared', 'action'],
    ['spoke', 'action'],
    ['voicemail', 'action'],
    ['posted', 'action'],
    ['no-answer', 'attempt'],
    ['wrong-number', 'attempt'],
    ['refused', 'attempt'],
    ['failing', 'attempt'],
    ['deferred', 'attempt'],
    ['unknown', 'attempt'],
    ['reply', 'answer'],
    ['acknowledged', 'answer'],
    ['no-reply', 'answer'],
    ['not-expected', 'answer'],
  ])('%s is an %s', (outcome, kind) => {
    const sum = new Tally();
    sum.add('a', submission(IDS[0], 1, '105.22', [{ channel: 'call', outcome, count: 3 }]));
    const [ua] = sum.result(false).uas;
    expect(sum.result(false).rows[0]?.kind).toBe(kind);
    expect(ua).toMatchObject({ count: kind === 'action' ? 3 : 0, attempts: kind === 'attempt' ? 3 : 0, answers: kind === 'answer' ? 3 : 0 });
  });

  it('counts a call not answered, then answered in a later submission, as one action and one attempt', () => {
    const sum = new Tally();
    sum.add('a', submission(IDS[0], 1, '105.22', [{ channel: 'call', outcome: 'no-answer', count: 1, day: '2026-12-07' }]));
    sum.add('b', submission(IDS[0], 2, '105.22', [{ channel: 'call', outcome: 'spoke', count: 1, day: '2026-12-08' }]));
    sum.add(
      'c',
      submission(IDS[1], 1, '105.22', [
        { channel: 'email', outcome: 'sent', count: 2 },
        { channel: 'email', outcome: 'refused', count: 1 },
      ]),
    );
    const result = sum.result(false);
    expect(result.uas).toEqual([{ ua: '105.22', count: 3, attempts: 2, answers: 0, volunteers: 2, evenings: 0 }]);
    const text = textTally(t, result);
    expect(text).toContain(
      'UA 105.22: 3 actions, reported by 2 volunteers\n  call: 1 answered\n  email: 2 sent\n  Attempts, not counted as actions:\n    call: 1 no answer\n    email: 1 refused\n',
    );
  });

  it('adds up the evenings the submissions report, a copy once; the heading says them', () => {
    const sum = new Tally();
    const evening = JSON.stringify({ ...JSON.parse(submission(IDS[2], 1, '105.22', [{ channel: 'post', outcome: 'prepared', count: 40 }])), evenings: 1 });
    sum.add('a', evening);
    sum.add('b', evening);
    // The same evening's emails, sent later that night: a new submission, no new evening.
    sum.add('c', submission(IDS[2], 2, '105.22', [{ channel: 'email', outcome: 'sent', count: 12 }]));
    sum.add('d', JSON.stringify({ ...JSON.parse(submission(IDS[1], 1, '105.22', [{ channel: 'email', outcome: 'sent', count: 5 }])), evenings: 1 }));
    const result = sum.result(false);
    expect(result.uas).toEqual([{ ua: '105.22', count: 57, attempts: 0, answers: 0, volunteers: 2, evenings: 2 }]);
    expect(result.duplicates).toBe(1);
    expect(textTally(t, result)).toMatch(/^UA 105\.22: 57 actions, reported by 2 volunteers and 2 letter-writing evenings\n/);
    expect(textTally(wordsIn('es'), result)).toMatch(/^AU 105\.22: 57 acciones, comunicadas por 2 voluntarios y 2 veladas de escritura de cartas\n/);
    // The same id and sequence with other evenings is not a copy: set aside, the first one kept.
    sum.add('e', JSON.stringify({ ...JSON.parse(evening), evenings: 3 }));
    expect(sum.result(false).setAside).toEqual([{ where: 'e', problem: 'conflict', detail: '105.22 #1' }]);
  });
});
