import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/core/report.js';
import { parseSubmission } from '../../src/core/submission.js';
import { buildSubmission, countsOf, newCounts, submissionJson, withSubmitted } from '../../src/core/submit.js';
import { journalEntry } from '../helpers/journal.js';

const ID = '3b241101-e2bb-4255-8caf-4136c566a962';

describe('what a submission counts', () => {
  const entries = [
    journalEntry({ key: 'a' }),
    journalEntry({ key: 'b', at: '2026-11-29T09:00:00.000Z', target: 'president' }),
    journalEntry({ key: 'c', channel: 'call', state: 'spoke', to: ['+51 1 555 0100'] }),
    // A rehearsal, and a letter whose outcome is not settled: neither counts.
    journalEntry({ key: 'd', test_to: 'me@example.org', to: ['me@example.org'] }),
    journalEntry({ key: 'e', state: 'deferred', target: 'prosecutor' }),
  ];
  const counts = countsOf(buildReport(entries, '901.26')[0]);

  it('by day, channel, language and outcome, and nothing else', () => {
    expect(Object.fromEntries(counts)).toEqual({ '2026-11-28 email es sent': 1, '2026-11-28 call es spoke': 1, '2026-11-29 email es sent': 1 });
  });

  it('only what grew since the counts already submitted', () => {
    const before = { '2026-11-28 email es sent': 1, '2026-11-28 call es spoke': 1 };
    expect(newCounts(counts, before)).toEqual([{ day: '2026-11-29', channel: 'email', lang: 'es', outcome: 'sent', count: 1 }]);
    expect(newCounts(counts, withSubmitted(before, newCounts(counts, before)))).toEqual([]);
  });

  it('as JSON the tally accepts, holding no name, address or target', () => {
    const json = submissionJson(buildSubmission({ id: ID, sequence: 1, ua: '901.26', version: '0.1.0', counts: newCounts(counts, {}) }));
    const read = parseSubmission(json);
    expect('submission' in read && read.submission.counts).toHaveLength(3);
    expect(json).not.toMatch(/Ana|Pérez|justicia|minister|president|555/);
  });
});
