import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../src/core/journal-entries.js';
import { buildReport, reportSentence } from '../../src/core/report.js';
import { versionOneEntry } from '../helpers/journal.js';
import { t } from '../helpers/words.js';

/** A version 1 line (no `v`) about the letter to target `key` of UA 105.22. */
const entry = (key: string, state: string, more: Partial<JournalEntry> = {}): JournalEntry =>
  versionOneEntry({
    ua: '105.22',
    key,
    state: state as JournalEntry['state'],
    target: key,
    target_name: `Name of ${key}`,
    to: [`${key}@example.org`],
    ...more,
  });

describe('buildReport', () => {
  it('counts the last word on each letter, by kind and by channel/language', () => {
    const [report] = buildReport([
      entry('a', 'attempt'),
      entry('a', 'transferring'),
      entry('a', 'sent'),
      entry('b', 'deferred'),
      entry('b', 'sent', { at: '2026-11-29T09:00:00.000Z' }),
      entry('c', 'refused'),
      entry('d', 'transferring'),
      entry('e', 'prepared', { channel: 'eml', lang: 'en' }),
      entry('f', 'sent', { test_to: 'me@example.org' }),
    ]);
    expect(report?.totals).toEqual({ sent: 2, prepared: 1, failed: 1, 'in doubt': 1 });
    expect(report?.byChannel).toEqual({
      'email/es': { sent: 2, prepared: 0, failed: 1, 'in doubt': 1 },
      'eml/en': { sent: 0, prepared: 1, failed: 0, 'in doubt': 0 },
    });
    expect([report?.first, report?.last]).toEqual(['2026-11-28T10:00:00.000Z', '2026-11-29T09:00:00.000Z']);
  });

  it('shows each address as the journal wrote it, not as it compares them', () => {
    const [letter] = buildReport([entry('a', 'sent', { to: ['Ministra@justicia.españa.es'] })])[0]?.letters ?? [];
    expect(letter?.to).toEqual(['Ministra@justicia.españa.es']);
    expect(letter?.addresses).toEqual({ 'Ministra@justicia.españa.es': 'sent' });
  });

  it('keeps UAs apart and can show one', () => {
    const entries = [entry('a', 'sent'), entry('z', 'sent', { ua: '12.23' })];
    expect(buildReport(entries).map((r) => r.ua)).toEqual(['12.23', '105.22']);
    expect(buildReport(entries, '12.23').map((r) => r.ua)).toEqual(['12.23']);
  });

  it('writes the sentence for the report form', () => {
    const [report] = buildReport([entry('a', 'sent'), entry('b', 'sent'), entry('c', 'deferred'), entry('d', 'prepared', { channel: 'eml', lang: 'en' })]);
    const sentence = reportSentence(t, report ?? expect.fail(), () => '28 November 2026');
    expect(sentence).toBe(
      'Urgent Action 105.22: I sent 2 emails (in Spanish) to Name of a and Name of b; I prepared 1 email draft (in English) to Name of d, on 28 November 2026.',
    );
  });
});
