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
    expect(result.rows).toEqual([{ ua: '105.22', channel: 'email', outcome: 'sent', count: 4 }]);
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
});
