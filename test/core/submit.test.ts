import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/core/report.js';
import { parseSubmission, SUBMISSION_LIMITS, type SubmissionCount } from '../../src/core/submission.js';
import { buildSubmission, countsOf, eveningsOf, newCounts, splitSubmissions, submissionJson, withSubmitted } from '../../src/core/submit.js';
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

describe('an action counted once, as it was first done', () => {
  it('partly sent, then sent to all the next day: one "partly sent", not a second action', () => {
    const partly = journalEntry({
      key: 'p',
      state: 'partly sent',
      addresses: { 'ministra@justicia.example': 'sent', 'despacho@justicia.example': 'deferred' },
    });
    const first = countsOf(buildReport([partly], '901.26')[0]);
    expect(Object.fromEntries(first)).toEqual({ '2026-11-28 email es partly sent': 1 });
    const all = journalEntry({
      key: 'p',
      at: '2026-11-29T08:00:00.000Z',
      to: ['despacho@justicia.example'],
      addresses: { 'despacho@justicia.example': 'sent' },
    });
    const later = countsOf(buildReport([partly, all], '901.26')[0]);
    expect(newCounts(later, withSubmitted({}, newCounts(first, {})))).toEqual([]);
  });

  it('a call not answered, then answered: the attempt stays, the action is counted once', () => {
    const call = { key: 'c', channel: 'call' as const, to: ['+51 1 555 0100'] };
    const tried = [journalEntry({ ...call, state: 'no-answer', addresses: { '+51 1 555 0100': 'no-answer' } })];
    const submitted = withSubmitted({}, newCounts(countsOf(buildReport(tried, '901.26')[0]), {}));
    const reached = [...tried, journalEntry({ ...call, at: '2026-11-30T09:00:00.000Z', state: 'voicemail', addresses: { '+51 1 555 0100': 'voicemail' } })];
    const spoke = [...reached, journalEntry({ ...call, at: '2026-12-01T09:00:00.000Z', state: 'spoke', addresses: { '+51 1 555 0100': 'spoke' } })];
    expect(newCounts(countsOf(buildReport(reached, '901.26')[0]), submitted)).toEqual([
      { day: '2026-11-30', channel: 'call', lang: 'es', outcome: 'voicemail', count: 1 },
    ]);
    // A voicemail, then a call that got through: still the one action, as first done.
    expect(countsOf(buildReport(spoke, '901.26')[0])).toEqual(countsOf(buildReport(reached, '901.26')[0]));
  });

  it('the evenings whose letters are counted: each day once, a rehearsal or an unsettled letter none', () => {
    const entries = [
      journalEntry({ key: 'a', evening: '2026-11-28' }),
      journalEntry({ key: 'b', evening: '2026-11-28', target: 'president' }),
      // Resent by a batch the day after: still the evening it was written at.
      journalEntry({ key: 'b', evening: '2026-11-29', target: 'president', at: '2026-11-29T10:00:00.000Z' }),
      journalEntry({ key: 'c', evening: '2026-12-01', state: 'deferred', target: 'prosecutor' }),
      journalEntry({ key: 'd', evening: '2026-12-02', test_to: 'me@example.org', to: ['me@example.org'] }),
      journalEntry({ key: 'e' }),
    ];
    expect(eveningsOf(buildReport(entries, '901.26')[0])).toEqual(['2026-11-28']);
  });
});

describe('what is new, cut into submissions a tally accepts', () => {
  const row = (count: number, more: Partial<SubmissionCount> = {}): SubmissionCount => ({
    day: '2026-12-07',
    channel: 'email',
    lang: 'es',
    outcome: 'sent',
    count,
    ...more,
  });
  const manyDays = (n: number, count: number) =>
    Array.from({ length: n }, (_, i) =>
      row(count, { day: new Date(Date.UTC(2026, 0, 1 + Math.floor(i / 4))).toISOString().slice(0, 10), lang: ['es', 'en', 'fr', 'pt'][i % 4] }),
    );

  it.each([
    // what, rows, evenings, how many submissions
    ['a small evening', [row(40), row(3, { channel: 'call', outcome: 'spoke' })], 1, 1],
    ["12,000 emails in a day: a row past the day's limit, in three pieces", [row(12_000)], 1, 3],
    ["exactly a day's limit", [row(SUBMISSION_LIMITS.perDay)], 0, 1],
    ['more rows than one submission holds', manyDays(1200, 1), 2, 3],
    ['more than 20,000 actions in all', manyDays(10, 4000), 0, 2],
    ['many evenings, few actions', [row(2), row(1, { day: '2026-12-08' })], 3, 1],
  ])('%s', (_, rows, evenings, parts) => {
    const split = splitSubmissions(rows, evenings);
    expect(split).toHaveLength(parts);
    let sequence = 0;
    for (const part of split) {
      const json = submissionJson(buildSubmission({ id: ID, sequence: ++sequence, ua: '901.26', version: '0.1.0', ...part }));
      const read = parseSubmission(json);
      if (!('submission' in read)) throw new Error(`part ${sequence} refused: ${JSON.stringify(read)}`);
    }
    // Every action in exactly one part; the evenings with the first parts, never more than the actions.
    const total = (list: readonly SubmissionCount[]) => list.reduce((sum, r) => sum + r.count, 0);
    expect(split.reduce((sum, part) => sum + total(part.counts), 0)).toBe(total(rows));
    expect(split.reduce((sum, part) => sum + part.evenings, 0)).toBe(Math.min(evenings, total(rows)));
    const summed = new Map<string, number>();
    for (const r of split.flatMap((part) => part.counts))
      summed.set(`${r.day} ${r.lang} ${r.outcome}`, (summed.get(`${r.day} ${r.lang} ${r.outcome}`) ?? 0) + r.count);
    for (const r of rows) expect(summed.get(`${r.day} ${r.lang} ${r.outcome}`)).toBe(r.count);
  });
});
