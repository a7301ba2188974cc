import { describe, expect, it } from 'vitest';
import { letterKey } from '../../src/core/identity.js';
import { type JournalEntry, LetterIndex } from '../../src/core/journal-entries.js';
import { expired, holdsPersonal, scrubbed, scrubStep } from '../../src/core/journal-scrub.js';
import { buildReport } from '../../src/core/report.js';
import { journalEntry, versionOneEntry } from '../helpers/journal.js';

const ana = { name: 'Ana Pérez', city: 'Leeds', email: 'ana@example.org' };
const KEY = letterKey('901.26', 'minister', ana);
const BOTH = ['ministra@justicia.example', 'despacho@justicia.example'];
const sent = (more: Partial<JournalEntry> = {}): JournalEntry =>
  journalEntry({
    key: KEY,
    to: BOTH,
    addresses: { [BOTH[0] as string]: 'sent', [BOTH[1] as string]: 'sent' },
    from: 'ana@provider.example',
    message_id: '<ua.901.26.minister.abc@provider.example>',
    ...more,
  });

describe('how long a journal line keeps personal data (journal.keep_text_days)', () => {
  const now = new Date('2026-11-29T08:00:00Z');
  it.each([
    ['2026-11-01T23:59:00.000Z', 28, true, 'written 28 days before today: past its time, whatever the hour'],
    ['2026-11-02T00:00:00.000Z', 28, false, 'written 27 days before today'],
    ['2026-11-29T07:00:00.000Z', 0, true, '0: nothing is kept past the day, this run’s lines included'],
    ['2026-11-22T10:00:00.000Z', 7, true, 'a week, a week ago'],
    ['2026-11-23T10:00:00.000Z', 7, false, 'a week, six days ago'],
    ['not a time', 28, true, 'a time that is not one counts as long ago'],
  ])('a line of %s, kept %i days: past its time %s (%s)', (at, keepDays, past) => {
    expect(expired({ at }, now, keepDays)).toBe(past);
  });
});

describe('a line without its personal fields', () => {
  it('loses the signer’s name, from, message id and pack; keeps the key, states, channel, language, target and time', () => {
    const line = sent({ pack: '/home/ana/velada', target_name: 'Ministra Ñúñez' });
    expect(holdsPersonal(line)).toBe(true);
    const kept = scrubbed(line);
    expect(kept).toEqual({
      v: 3,
      at: line.at,
      ua: '901.26',
      key: KEY,
      state: 'sent',
      channel: 'email',
      target: 'minister',
      target_name: 'Ministra Ñúñez',
      lang: 'es',
      to: BOTH,
      addresses: line.addresses,
      sender: '',
    });
    expect(holdsPersonal(kept as JournalEntry)).toBe(false);
  });

  it('a rehearsal’s line (--test-to, the volunteer’s own address) goes altogether', () => {
    expect(scrubbed(sent({ test_to: 'ana@example.org', to: ['ana@example.org'] }))).toBeUndefined();
  });

  it('the rule: past its time or of the UA forgotten, and still personal; anything else is kept as it is', () => {
    const old = sent({ at: '2026-10-01T10:00:00.000Z' });
    const recent = sent({ at: '2026-11-28T10:00:00.000Z' });
    const rule = { now: new Date('2026-11-29T08:00:00Z'), keepDays: 28 };
    expect(scrubStep(old, rule)).toEqual({ line: scrubbed(old) });
    expect(scrubStep(recent, rule)).toEqual({ keep: true });
    expect(scrubStep(scrubbed(old) as JournalEntry, rule)).toEqual({ keep: true });
    expect(scrubStep(recent, { ua: '901.26' })).toEqual({ line: scrubbed(recent) });
    expect(scrubStep(recent, { ua: '105.22' })).toEqual({ keep: true });
    expect(scrubStep(sent({ test_to: 'ana@example.org' }), { ua: '901.26' })).toEqual({ drop: true });
  });
});

describe('a scrubbed journal still keeps a letter from going twice, and its counts', () => {
  const ref = (senderName: string) => ({ key: KEY, ua: '901.26', target: 'minister', senderName, senderEmail: 'ana@example.org', to: BOTH });

  it('version 3: the key is a digest of the signer, and it stays', () => {
    const owed = LetterIndex.of([scrubbed(sent()) as JournalEntry]).owed(ref('Ana Pérez'), BOTH, false);
    expect(owed).toEqual({ send: [], had: BOTH, inDoubt: [] });
  });

  it('version 2 found its letter by the signer’s name: a digest of it stays, and finds it', () => {
    const v2 = sent({ v: 2, key: 'the-address-alone', sender: 'Ana Pérez' });
    const line = scrubbed(v2) as JournalEntry;
    expect(line.sender).toBe('');
    expect(line.name_key).toMatch(/^[0-9a-f]{32}$/);
    expect(LetterIndex.of([line]).owed(ref(' ana  PÉREZ '), BOTH, false)).toEqual({ send: [], had: BOTH, inDoubt: [] });
    expect(LetterIndex.of([line]).owed({ ...ref('Tomás Pérez'), key: 'another' }, BOTH, false).send).toEqual(BOTH);
  });

  it('version 1 found its letter by a digest of its recipients and sender: its lines say the same', () => {
    const v1 = versionOneEntry({ key: 'legacy', to: BOTH, sender: 'Ana Pérez', state: 'sent' });
    expect(scrubbed(v1)).toMatchObject({ key: 'legacy', to: BOTH, sender: '' });
  });

  it('the report counts the same, by kind and by channel and language', () => {
    const lines = [
      sent(),
      sent({ key: 'p', channel: 'post', state: 'prepared', target: 'president', addresses: { Presidente: 'prepared' }, to: ['Presidente'], pack: '/x' }),
      sent({ key: 'r', test_to: 'ana@example.org', to: ['ana@example.org'], addresses: { 'ana@example.org': 'sent' } }),
    ];
    const counts = (entries: JournalEntry[]) => buildReport(entries).map(({ totals, byChannel, outcomes }) => ({ totals, byChannel, outcomes }));
    const after = lines.map(scrubbed).filter((line): line is JournalEntry => line !== undefined);
    expect(counts(after)).toEqual(counts(lines));
  });
});
