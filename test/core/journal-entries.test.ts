import { describe, expect, it } from 'vitest';
import { legacyKey, letterKey, signerIdentity } from '../../src/core/identity.js';
import { type JournalEntry, LetterIndex } from '../../src/core/journal-entries.js';
import { parseLine } from '../../src/core/journal-line.js';
import { letterState } from '../../src/core/outcomes.js';
import { journalEntry, versionOneEntry } from '../helpers/journal.js';
import { t } from '../helpers/words.js';

const ana = { name: 'Ana Pérez', city: 'Leeds', email: 'ana@example.org' };
const KEY = letterKey('901.26', 'minister', ana);
const REF = { key: KEY, ua: '901.26', target: 'minister', senderName: 'Ana Pérez', senderEmail: 'ana@example.org', to: [] as string[] };
const [FIRST, SECOND] = ['ministra@justicia.example', 'despacho@justicia.example'] as const;
const BOTH = [FIRST, SECOND];

const entry = (state: JournalEntry['state'], more: Partial<JournalEntry> = {}): JournalEntry => journalEntry({ key: KEY, state, to: BOTH, ...more });

describe('a letter’s identity', () => {
  it.each([
    [{ ...ana, email: ' ANA@Example.org ' }, true, 'the email in another case'],
    [{ ...ana, name: ' ana  PÉREZ ' }, true, 'the name in another case, spaced otherwise'],
    [{ ...ana, city: 'York' }, true, 'another city, same name and email'],
    [{ ...ana, email: 'ana.perez@example.org' }, false, 'another email'],
    [{ ...ana, name: 'Tomás Pérez' }, false, 'another person who shares the address'],
  ])('%j is the same signer: %s (%s)', (other, same) => {
    expect(letterKey('901.26', 'minister', other) === KEY).toBe(same);
  });

  it('without an email, the name and city: case, spaces and composed accents do not matter', () => {
    const a = signerIdentity({ name: 'José  Núñez', city: 'Leeds' });
    expect(signerIdentity({ name: 'jose\u0301 núñez', city: ' LEEDS ' })).toBe(a);
    expect(signerIdentity({ name: 'José Núñez', city: 'York' })).not.toBe(a);
  });

  it('an IDN domain spelt in Unicode or in A-labels is one signer', () => {
    const written = { ...ana, email: 'ana@correo.españa.es' };
    expect(letterKey('901.26', 'minister', { ...written, email: 'Ana@correo.xn--espaa-rta.es' })).toBe(letterKey('901.26', 'minister', written));
    expect(letterKey('901.26', 'minister', written, 'yo@correo.españa.es')).toBe(letterKey('901.26', 'minister', written, 'yo@correo.xn--espaa-rta.es'));
  });

  it('a rehearsal is never the real letter', () => {
    expect(letterKey('901.26', 'minister', ana, 'me@example.org')).not.toBe(KEY);
  });
});

describe('what the journal says a letter still owes', () => {
  const owed = (entries: JournalEntry[], addresses: readonly string[] = BOTH, resend = false) => LetterIndex.of(entries).owed(REF, addresses, resend);

  it.each<[string, JournalEntry[], { send: string[]; had: string[]; inDoubt: string[] }]>([
    ['nothing yet: every address', [], { send: BOTH, had: [], inDoubt: [] }],
    ['sent to both: nothing', [entry('sent', { addresses: { [FIRST]: 'sent', [SECOND]: 'sent' } })], { send: [], had: BOTH, inDoubt: [] }],
    [
      '451 on one: only that one',
      [entry('partly sent', { addresses: { [FIRST]: 'sent', [SECOND]: 'deferred' } })],
      { send: [SECOND], had: [FIRST], inDoubt: [] },
    ],
    [
      '550 on one: tried again (the address may have been fixed)',
      [entry('partly sent', { addresses: { [FIRST]: 'sent', [SECOND]: 'refused' } })],
      { send: [SECOND], had: [FIRST], inDoubt: [] },
    ],
    ['transferring as the last word: in doubt', [entry('transferring')], { send: [], had: [], inDoubt: BOTH }],
    [
      'a later outcome settles the doubt',
      [entry('transferring'), entry('sent', { addresses: { [FIRST]: 'sent', [SECOND]: 'sent' } })],
      { send: [], had: BOTH, inDoubt: [] },
    ],
  ])('%s', (_, entries, expected) => {
    expect(owed(entries)).toEqual(expected);
  });

  it('an address added to the target since is owed the letter; the others are not', () => {
    const sent = entry('sent', { to: [FIRST], addresses: { [FIRST]: 'sent' } });
    expect(owed([sent])).toEqual({ send: [SECOND], had: [FIRST], inDoubt: [] });
  });

  it('an address sent to in Unicode has the letter when the UA now spells it in A-labels, and the other way round', () => {
    const [unicode, ascii] = ['ministra@justicia.españa.es', 'ministra@justicia.xn--espaa-rta.es'];
    const sentTo = (address: string) => entry('sent', { to: [address], addresses: { [address]: 'sent' } });
    expect(owed([sentTo(unicode)], [ascii])).toEqual({ send: [], had: [ascii], inDoubt: [] });
    expect(owed([sentTo(ascii)], [unicode])).toEqual({ send: [], had: [unicode], inDoubt: [] });
  });

  it('--resend sends to every address', () => {
    expect(owed([entry('sent', { addresses: { [FIRST]: 'sent', [SECOND]: 'sent' } })], BOTH, true).send).toEqual(BOTH);
  });

  it('reads version 1 lines: the same letter when its old key comes out the same; "partly sent" refusals retried', () => {
    const V1 = legacyKey('901.26', 'minister', BOTH, 'Ana Pérez', 'ana@example.org');
    const v1 = (state: string, more: Partial<JournalEntry> = {}): JournalEntry =>
      versionOneEntry({ key: V1, state: state as JournalEntry['state'], to: BOTH, ...more });
    const ref = { ...REF, to: BOTH };
    const owedV1 = (entries: JournalEntry[], letter = ref) => LetterIndex.of(entries).owed(letter, BOTH, false);
    expect(owedV1([v1('attempt'), v1('transferring'), v1('partly sent', { refused: [SECOND] })])).toEqual({ send: [SECOND], had: [FIRST], inDoubt: [] });
    expect(owedV1([v1('sent')])).toEqual({ send: [], had: BOTH, inDoubt: [] });
    // Another Ana Pérez (another email) wrote her own letter: it is not this one.
    expect(owedV1([v1('sent')], { ...ref, senderEmail: 'other.ana@example.org' }).send).toEqual(BOTH);
    // A rehearsal never counted.
    expect(owedV1([v1('sent', { test_to: 'me@example.org' })]).send).toEqual(BOTH);
  });

  it('reads version 2 lines, which keyed an email signer by the address alone: the letter is this one when it was signed with this name', () => {
    const v2 = (sender: string, more: Partial<JournalEntry> = {}): JournalEntry =>
      journalEntry({ v: 2, key: 'the-address-alone', sender, state: 'sent', to: BOTH, addresses: { [FIRST]: 'sent', [SECOND]: 'sent' }, ...more });
    expect(owed([v2('Ana Pérez')])).toEqual({ send: [], had: BOTH, inDoubt: [] });
    expect(owed([v2(' ana  PÉREZ ')])).toEqual({ send: [], had: BOTH, inDoubt: [] });
    // Tom Lee wrote with Ana's address on her laptop: his letter is not hers, hers is still owed.
    expect(owed([v2('Tom Lee')])).toEqual({ send: BOTH, had: [], inDoubt: [] });
    // A rehearsal's line counts for the same rehearsal only.
    expect(owed([v2('Ana Pérez', { test_to: 'me@example.org' })])).toEqual({ send: BOTH, had: [], inDoubt: [] });
    const rehearsal = { ...REF, key: letterKey('901.26', 'minister', ana, 'me@example.org'), testTo: 'me@example.org' };
    expect(LetterIndex.of([v2('Ana Pérez', { test_to: 'me@example.org' })]).owed(rehearsal, BOTH, false).send).toEqual([]);
    // Lines ua writes now (version 3) are found by their key alone.
    expect(
      owed([journalEntry({ key: 'another-key', sender: 'Ana Pérez', state: 'sent', to: BOTH, addresses: { [FIRST]: 'sent', [SECOND]: 'sent' } })]).send,
    ).toEqual(BOTH);
  });
});

describe('what has reached an address stays reached', () => {
  const owed = (entries: JournalEntry[]) => LetterIndex.of(entries).owed(REF, BOTH, false);
  const both = (state: 'sent' | 'deferred' | 'refused' | 'unknown') => ({ addresses: { [FIRST]: state, [SECOND]: state } });

  it('a --resend that fails (no server) leaves a delivered letter delivered', () => {
    expect(owed([entry('sent', both('sent')), entry('deferred', both('deferred'))])).toEqual({ send: [], had: BOTH, inDoubt: [] });
    expect(owed([entry('sent', both('sent')), entry('transferring'), entry('refused', both('refused'))])).toEqual({ send: [], had: BOTH, inDoubt: [] });
  });

  it('a try that died on its way stays in doubt, even after a later try fails', () => {
    expect(owed([entry('transferring'), entry('transferring'), entry('deferred', both('deferred'))])).toEqual({ send: [], had: [], inDoubt: BOTH });
    expect(owed([entry('unknown', both('unknown')), entry('deferred', both('deferred'))])).toEqual({ send: [], had: [], inDoubt: BOTH });
  });

  it('the same try reporting back settles its own doubt', () => {
    expect(owed([entry('transferring'), entry('deferred', both('deferred'))])).toEqual({ send: BOTH, had: [], inDoubt: [] });
    expect(owed([entry('unknown', both('unknown')), entry('transferring'), entry('sent', both('sent'))])).toEqual({ send: [], had: BOTH, inDoubt: [] });
  });
});

describe('a letter’s state from its addresses', () => {
  it.each([
    [['sent', 'sent'], 'sent'],
    [['sent', 'deferred'], 'partly sent'],
    [['sent', 'unknown'], 'partly sent'],
    [['unknown', 'deferred'], 'unknown'],
    [['refused', 'deferred'], 'deferred'],
    [['refused'], 'refused'],
    [['prepared'], 'prepared'],
  ] as const)('%j → %s', (states, expected) => {
    expect(letterState(states)).toBe(expected);
  });
});

describe('reading a line', () => {
  it.each([
    ['{"at":"x","ua":"1', 'not JSON (an interrupted write?)'],
    ['[1,2]', 'not a journal entry'],
    ['{"ua":"1","key":"k","state":"sent","target":"t","lang":"es","sender":"s","to":[]}', 'not a journal entry (no at)'],
    ['{"at":"x","ua":"1","key":"k","state":"gone","target":"t","lang":"es","sender":"s","to":[]}', 'unknown state "gone"'],
    ['{"at":"x","ua":"1","key":"k","state":"sent","target":"t","lang":"es","sender":"s","to":"a@b.c"}', 'not a journal entry (no list "to")'],
  ])('%s → %s', (line, problem) => {
    expect(parseLine(t, line)).toEqual({ problem });
  });

  it.each([
    [{ state: 'partly sent', refused: 'x' }, 'not a journal entry ("refused" is not a list of addresses)'],
    [{ state: 'partly sent', refused: [1, 2] }, 'not a journal entry ("refused" is not a list of addresses)'],
    [{ addresses: { 'a@b.c': 'gone' } }, 'not a journal entry ("addresses" holds an unknown state)'],
    [{ v: 4 }, 'not a journal entry (version 4)'],
  ])('a wrong-typed field %j: named and skipped', (more, problem) => {
    expect(parseLine(t, JSON.stringify({ ...entry('sent'), ...more }))).toEqual({ problem });
  });

  it('passes over version 1’s "attempt"', () => {
    expect(parseLine(t, JSON.stringify({ ...entry('sent'), state: 'attempt' }))).toEqual({ skip: true });
  });
});
