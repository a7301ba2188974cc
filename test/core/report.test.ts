import { describe, expect, it } from 'vitest';
import type { JournalEntry, JournalEntry as PackEntry } from '../../src/core/journal-entries.js';
import { buildReport } from '../../src/core/report.js';
import { authorsOf, reportSentence } from '../../src/core/report-authors.js';
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
    expect(report?.totals).toEqual({ sent: 2, prepared: 1, done: 0, 'to do': 0, failed: 1, 'in doubt': 1 });
    expect(report?.byChannel).toEqual({
      'email/es': { sent: 2, prepared: 0, done: 0, 'to do': 0, failed: 1, 'in doubt': 1 },
      'eml/en': { sent: 0, prepared: 1, done: 0, 'to do': 0, failed: 0, 'in doubt': 0 },
    });
    expect([report?.first, report?.last]).toEqual(['2026-11-28T10:00:00.000Z', '2026-11-29T09:00:00.000Z']);
  });

  it('calls and posts: done when answered, a voicemail left or posted; a later unanswered call does not undo an answered one', () => {
    const call = (key: string, state: string, extra = {}) => entry(key, state as 'sent', { channel: 'call', to: ['+12028339860'], ...extra });
    const [report] = buildReport([
      call('c1', 'spoke'),
      call('c1', 'no-answer', { at: '2026-11-29T09:00:00.000Z' }),
      call('c2', 'voicemail'),
      call('c3', 'no-answer'),
      call('c4', 'wrong-number'),
      entry('p1', 'posted' as 'sent', { channel: 'social', to: ['x:@PeruInTheUSA'] }),
    ]);
    expect(report?.totals).toEqual({ sent: 0, prepared: 0, done: 3, 'to do': 1, failed: 1, 'in doubt': 0 });
    expect(report?.outcomes).toEqual({ 'call/es': { spoke: 1, voicemail: 1, 'no-answer': 1, 'wrong-number': 1 }, 'social/es': { posted: 1 } });
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
    const [author] = authorsOf(report ?? expect.fail());
    const sentence = reportSentence(t, '105.22', author ?? expect.fail(), () => '28 November 2026');
    expect(sentence).toBe(
      'Urgent Action 105.22: I sent 2 emails (in Spanish) to Name of a and Name of b; I prepared 1 email draft (in English) to Name of d, on 28 November 2026.',
    );
  });

  it('tells each signer and each print pack apart; a letter belongs to the pack its last entry names', () => {
    const printed = (key: string, sender: string, more: Partial<PackEntry> = {}): PackEntry =>
      entry(key, 'prepared', { v: 2, channel: 'post', sender, addresses: { [`${key}@example.org`]: 'prepared' }, ...more });
    const [report] = buildReport([
      printed('a', 'Ana Pérez', { pack: '/evening' }),
      printed('b', 'Ana Pérez', { pack: '/evening' }),
      printed('c', '', { pack: '/evening', lang: 'en' }),
      printed('d', 'Bo Li', { pack: '/evening' }),
      printed('e', ' bo  LI '),
      // Printed again at home, without the pack: Bo's own letter now.
      printed('d', 'Bo Li'),
      entry('f', 'sent', { sender: 'Zoë Müller' }),
    ]);
    const authors = authorsOf(report ?? expect.fail());
    expect(authors.map((author) => [author.kind, author.name, author.letters.map((letter) => letter.target).join()])).toEqual([
      ['pack', '/evening', 'a,b,c'],
      ['signer', 'Bo Li', 'd,e'],
      ['signer', 'Zoë Müller', 'f'],
    ]);
    expect(reportSentence(t, '105.22', authors[0] ?? expect.fail(), () => '28 November 2026')).toBe(
      'Urgent Action 105.22: we printed 3 letters to send by post (in Spanish and English) to Name of a, Name of b and Name of c: 2 signed by 1 person, 1 unsigned copy for someone to sign, on 28 November 2026.',
    );
  });
});
