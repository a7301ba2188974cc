import { describe, expect, it } from 'vitest';
import {
  answered,
  askedAbout,
  forgotten,
  nextDue,
  noReplies,
  parseReplies,
  type Question,
  questionsDue,
  type Replies,
  replyCounts,
  withAnswers,
  withReplies,
} from '../../src/core/follow-up.js';
import type { JournalEntry } from '../../src/core/journal-entries.js';
import { buildReport, type LetterReport } from '../../src/core/report.js';
import { journalEntry } from '../helpers/journal.js';

// Two weeks after a letter, ua asks once whether a reply came: which questions are due, when
// the next falls due, what an answer counts. Times are UTC; "now" is 7 December 2026.
const NOW = new Date('2026-12-07T15:00:00Z');
const DAY = 86_400_000;
const ago = (days: number, hours = 0) => new Date(NOW.getTime() - days * DAY - hours * 3_600_000).toISOString();

/** A letter to `target` of UA 105.22, `days` ago, done by `channel` unless `more` says otherwise. */
function letter(target: string, days: number, more: Partial<JournalEntry> = {}): JournalEntry {
  const channel = more.channel ?? 'email';
  const state = more.state ?? (channel === 'email' ? 'sent' : 'prepared');
  const address = `${target}@gob.example`;
  return journalEntry({
    ua: '105.22',
    key: `${target}:${channel}:${days}`,
    target,
    target_name: `Name of ${target}`,
    at: ago(days),
    channel,
    state,
    to: [address],
    addresses: { [address]: state as 'sent' },
    ...more,
  });
}
const letters = (...entries: JournalEntry[]): LetterReport[] => buildReport(entries).flatMap((report) => report.letters);
const due = (entries: JournalEntry[], replies: Replies = noReplies(), now = NOW) =>
  questionsDue(letters(...entries), replies, now).map((q) => `${q.target} ${q.days}`);

describe('which questions are due', () => {
  it.each<[string, JournalEntry[], string[]]>([
    ['an email sent 13 days ago: not yet', [letter('boluarte', 13, {})], []],
    ['14 days ago: asked, with how many days', [letter('boluarte', 14)], ['boluarte 14']],
    ['20 days ago (ua was not run at a terminal since): asked', [letter('boluarte', 20)], ['boluarte 20']],
    [
      'a draft (eml), a mailto, a printed letter, a fax: each asked',
      ['eml', 'mailto', 'post', 'fax'].map((channel, i) => letter(`t${i}`, 15, { channel: channel as 'eml' })),
      ['t0 15', 't1 15', 't2 15', 't3 15'],
    ],
    [
      'a call, a post on social media: never (no letter to reply to)',
      [letter('a', 20, { channel: 'call', state: 'spoke' }), letter('b', 20, { channel: 'social', state: 'posted' })],
      [],
    ],
    ['a letter refused, or in doubt: not asked', [letter('a', 20, { state: 'refused' }), letter('b', 20, { state: 'unknown' })], []],
    ['a rehearsal (--test-to): never', [letter('a', 20, { test_to: 'me@example.org' })], []],
    ['past 90 days: no one remembers, not asked', [letter('boluarte', 91)], []],
    [
      'an email and later a letter to the same official: one question, about the first',
      [letter('boluarte', 30), letter('boluarte', 16, { channel: 'post' })],
      ['boluarte 30'],
    ],
    ['two officials: a question each, the oldest letter first', [letter('rivero', 15), letter('boluarte', 21)], ['boluarte 21', 'rivero 15']],
  ])('%s', (_what, entries, expected) => {
    expect(due(entries)).toEqual(expected);
  });

  it('one question per official whoever signed: an evening’s pack of letters to one minister is one question', () => {
    const pack = ['Ana', 'Ben', 'Chloë'].map((sender, i) => letter('boluarte', 15, { key: `k${i}`, sender, channel: 'post', pack: '/velada' }));
    expect(due(pack)).toEqual(['boluarte 15']);
  });

  it('answered, or "don’t ask again": never asked again; "ask me again tomorrow": not before then', () => {
    const entries = [letter('boluarte', 15), letter('rivero', 15)];
    const [boluarte, rivero] = questionsDue(letters(...entries), noReplies(), NOW) as [Question, Question];
    let replies = answered(noReplies(), boluarte, 'acknowledged', NOW);
    replies = answered(replies, rivero, 'later', NOW);
    expect(due(entries, replies)).toEqual([]);
    expect(due(entries, replies, new Date(NOW.getTime() + DAY))).toEqual(['rivero 16']);
    expect(due(entries, answered(replies, rivero, 'never', NOW), new Date(NOW.getTime() + 2 * DAY))).toEqual([]);
  });
});

describe('when the next question falls due (the small state file keeps it, so a run reads the journal only then)', () => {
  it.each<[string, JournalEntry[], string | undefined]>([
    ['nothing recorded: never', [], undefined],
    ['a letter 3 days ago: 14 days after it', [letter('boluarte', 3)], ago(-11)],
    ['one due already, one not yet: now', [letter('boluarte', 20), letter('rivero', 3)], ago(6)],
    ['only calls: never', [letter('a', 3, { channel: 'call', state: 'spoke' })], undefined],
    ['a letter past 90 days: never', [letter('boluarte', 100)], undefined],
  ])('%s', (_what, entries, expected) => {
    expect(nextDue(letters(...entries), noReplies(), NOW)?.toISOString()).toBe(expected);
  });

  it('once answered, the next is the other official’s; put off, tomorrow', () => {
    const entries = [letter('boluarte', 20), letter('rivero', 3)];
    const [boluarte] = questionsDue(letters(...entries), noReplies(), NOW) as [Question];
    expect(nextDue(letters(...entries), answered(noReplies(), boluarte, 'reply', NOW), NOW)?.toISOString()).toBe(ago(-11));
    expect(nextDue(letters(...entries), answered(noReplies(), boluarte, 'later', NOW), NOW)?.toISOString()).toBe(ago(-1));
  });
});

describe('what an answer counts, in the next submission', () => {
  const entries = [letter('boluarte', 20, { lang: 'es' }), letter('rivero', 16, { channel: 'post', lang: 'en' }), letter('otarola', 15)];
  const [boluarte, rivero, otarola] = questionsDue(letters(...entries), noReplies(), NOW) as [Question, Question, Question];
  const replies = answered(answered(answered(noReplies(), boluarte, 'acknowledged', NOW), rivero, 'no-reply', NOW), otarola, 'never', NOW);

  it('a row by the day answered, the letter’s channel and language, and the answer; "don’t ask again" counts nothing', () => {
    expect(Object.fromEntries(replyCounts(replies, '105.22'))).toEqual({ '2026-12-07 email es acknowledged': 1, '2026-12-07 post en no-reply': 1 });
    expect(replyCounts(replies, '901.26').size).toBe(0);
  });

  it('added to the actions’ counts, never into them', () => {
    const actions = new Map([['2026-11-17 email es sent', 1]]);
    expect(Object.fromEntries(withReplies(actions, replies, '105.22'))).toEqual({
      '2026-11-17 email es sent': 1,
      '2026-12-07 email es acknowledged': 1,
      '2026-12-07 post en no-reply': 1,
    });
  });

  it('the report: the UA’s answers counted, each on the letter its question was about', () => {
    const [report] = withAnswers(buildReport(entries), replies);
    expect(report?.replies).toEqual({ reply: 0, acknowledged: 1, 'no-reply': 1, 'not-expected': 0 });
    expect(report?.letters.map((l) => [l.target, l.reply])).toEqual([
      ['boluarte', 'acknowledged'],
      ['rivero', 'no-reply'],
      ['otarola', undefined],
    ]);
  });

  it('--forget: the questions not asked yet are never asked; the answers given stay, as counts', () => {
    const after = forgotten(answered(noReplies(), boluarte, 'reply', NOW), letters(...entries), '105.22', NOW);
    expect(due(entries, after)).toEqual([]);
    expect(Object.fromEntries(replyCounts(after, '105.22'))).toEqual({ '2026-12-07 email es reply': 1 });
  });
});

describe('the record as read back', () => {
  it('what is not a follow-up ua wrote is left out; a file that is not the record at all is undefined', () => {
    const read = parseReplies({
      version: 1,
      uas: { '105.22': { a: { answer: 'reply', day: '2026-12-07', channel: 'email', lang: 'es' }, b: { answer: 'maybe' }, c: 'x', d: { later: 3 } } },
    });
    expect(read).toEqual({ version: 1, uas: { '105.22': { a: { answer: 'reply', day: '2026-12-07', channel: 'email', lang: 'es' } } } });
    expect(parseReplies({ version: 2, uas: {} })).toBeUndefined();
    expect(parseReplies([])).toBeUndefined();
  });

  it('the first letter to an official is the one asked about, whatever the order of the lines', () => {
    const about = askedAbout(letters(letter('boluarte', 16, { key: 'later' }), letter('boluarte', 30, { key: 'first' })));
    expect(about.get('105.22\u0000boluarte')?.at).toBe(ago(30));
  });
});
