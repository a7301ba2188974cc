import { sha256Hex } from './digest.js';
import { legacyKey, normaliseAddress, signerName } from './identity.js';

import { type ActionOutcome, type AddressState, actionState, type Channel, DONE_STATES, type LetterState, settle } from './outcomes.js';

/**
 * The journal's format and its rules, pure: what a line says, and what all the lines together
 * say about each letter and each of its addresses. src/io/journal.ts reads and writes the file.
 * What the states are and weigh is outcomes.ts.
 */
/** The version of the lines ua writes: 3 keys a letter by its signer's name and email (see LetterIndex). */
export const ENTRY_VERSION = 3;

export interface JournalEntry {
  /** The version of the line (ENTRY_VERSION when ua writes it): 2 keyed an email signer by the address alone; lines without it are version 1. */
  v?: 2 | 3;
  at: string;
  ua: string;
  key: string;
  /** `transferring`: the message is on its way to `to` (from here a crash leaves it unknown). */
  state: 'transferring' | LetterState | ActionOutcome;
  channel: Channel;
  target: string;
  /** The target's name, so a report reads without the UA file. */
  target_name?: string;
  lang: string;
  /** The addresses this step concerns. */
  to: string[];
  /** Version 2 outcomes: the state of each address in `to`. */
  addresses?: Record<string, AddressState>;
  from?: string;
  sender: string;
  message_id?: string;
  test_to?: string;
  reason?: string;
  /** A letter printed by ua batch: the print pack's folder. */
  pack?: string;
  /**
   * A letter of a letter-writing evening (`ua batch`, printed or sent): the run's local day,
   * YYYY-MM-DD. All of a day's batches for a UA are one evening, counted once when reported.
   */
  evening?: string;
  /** Version 1: the addresses refused within a "partly sent" letter. */
  refused?: string[];
  /** A version 2 line whose signer's name was removed (journal-scrub.ts): the digest its letter is found by instead. */
  name_key?: string;
}

/** Everything the journal says about one letter. */
export interface LetterRecord {
  key: string;
  ua: string;
  channel: Channel;
  target: string;
  target_name?: string;
  lang: string;
  sender: string;
  test_to?: string;
  /** When the letter reached its last state. */
  at: string;
  /** Normalised address → where the letter stands there. */
  addresses: Map<string, AddressState>;
  /** Normalised address → the address as the journal last wrote it (what a report shows). */
  written: Map<string, string>;
  /** What each address's settled outcomes and unfinished tries add up to. */
  history: Map<string, AddressHistory>;
  /** Version 1 only: the recipients its key was made of. */
  legacyTo?: string[];
  /** The evening (`ua batch`'s day) the letter was first written at, if it was. */
  evening?: string;
  /**
   * When the action was first done, and how: what a submission counts it as, for good. A letter
   * partly sent, then sent to all, or a voicemail, then a call that got through, stays one action.
   */
  firstDone?: { at: string; state: LetterState | ActionOutcome };
}

/** An address's story: its settled outcome, and whether a try is still on its way. */
interface AddressHistory {
  settled?: AddressState;
  inFlight: boolean;
}

/**
 * Applies one entry to the records, in file order. What has reached an address stays reached:
 * a later try that fails (a --resend to a server that is down) never makes a delivered letter
 * look undelivered, and a try whose outcome is unknown stays unknown until one succeeds.
 */
function applyEntry(records: Map<string, LetterRecord>, entry: JournalEntry): void {
  // Version 1's "about to send": nothing was handed over, so it says nothing about any address.
  if ((entry.state as string) === 'attempt') return;
  const record = records.get(entry.key) ?? newRecord(entry);
  records.set(entry.key, record);
  Object.assign(record, { lang: entry.lang, sender: entry.sender, at: entry.at, target_name: entry.target_name ?? record.target_name });
  record.evening ??= entry.evening;
  for (const [address, state] of addressStates(entry)) {
    const key = normaliseAddress(address);
    record.written.set(key, address);
    const history = record.history.get(key) ?? { inFlight: false };
    if (entry.state === 'transferring') {
      // A try that never reported back (the run died) may have arrived.
      if (history.inFlight) history.settled = settle(history.settled, 'unknown');
      history.inFlight = true;
    } else {
      history.inFlight = false;
      history.settled = settle(history.settled, state);
    }
    record.history.set(key, history);
    record.addresses.set(key, current(history));
  }
  // Only a step that says "done" can make the action done (a settled state never weakens).
  if (!record.firstDone && DONE_STATES.has(entry.state)) {
    const state = actionState(record.addresses.values());
    if (DONE_STATES.has(state)) record.firstDone = { at: entry.at, state };
  }
}

function current({ settled, inFlight }: AddressHistory): AddressState {
  if (inFlight) return settled === 'sent' ? 'sent' : 'unknown';
  return settled ?? 'deferred';
}

function newRecord(entry: JournalEntry): LetterRecord {
  const { key, ua, channel, target, target_name, lang, sender, test_to, at } = entry;
  return {
    key,
    ua,
    channel,
    target,
    target_name,
    lang,
    sender,
    test_to,
    at,
    addresses: new Map(),
    written: new Map(),
    history: new Map(),
    ...(entry.v === undefined ? { legacyTo: entry.to } : {}),
  };
}

/** What one entry says of each of its addresses. */
function addressStates(entry: JournalEntry): [string, AddressState][] {
  if (entry.state === 'transferring') return entry.to.map((address) => [address, 'unknown']);
  if (entry.addresses) return Object.entries(entry.addresses);
  if (entry.state === 'partly sent') {
    // Version 1 could not tell a temporary refusal from a final one: the refused get another try.
    const refused = new Set((entry.refused ?? []).map(normaliseAddress));
    return entry.to.map((address) => [address, refused.has(normaliseAddress(address)) ? 'deferred' : 'sent']);
  }
  return entry.to.map((address) => [address, entry.state as AddressState]);
}

/** What a letter still owes: the addresses to send to now, those that have it, those in doubt. */
export interface Owed {
  send: string[];
  had: string[];
  inDoubt: string[];
}

/**
 * Sends to every address that has not accepted the letter: never tried, deferred, refused, or
 * added to the UA since. An address whose outcome is unknown waits for `--resend`, like one
 * that has it.
 */
function owedAddresses(record: Pick<LetterRecord, 'addresses'> | undefined, addresses: readonly string[], resend: boolean): Owed {
  const owed: Owed = { send: [], had: [], inDoubt: [] };
  for (const address of addresses) {
    const state = resend ? undefined : record?.addresses.get(normaliseAddress(address));
    if (state === 'sent') owed.had.push(address);
    else if (state === 'unknown') owed.inDoubt.push(address);
    else owed.send.push(address);
  }
  return owed;
}

/** The letter a step is about, as the index looks it up. */
export interface LetterRef {
  key: string;
  ua: string;
  target: string;
  /** As written, and the signer's own email: what a version 1 key was made of. */
  senderName: string;
  senderEmail?: string;
  /** The message's recipients (the target's addresses, or a rehearsal's). */
  to: readonly string[];
  /** A rehearsal's address (--test-to): a rehearsal is a letter of its own. */
  testTo?: string;
}

/**
 * Every letter the journal knows, by identity, kept up to date entry by entry. Earlier versions
 * keyed letters otherwise, and their lines keep their meaning: a letter they record as sent is
 * not sent again, and another person's never counts.
 * - Version 1 keyed a letter by a digest of its recipients, the sender's name and email: such a
 *   letter is this one when the digest, made again from this letter's sender, is the same.
 * - Version 2 keyed an email signer by the address alone, so two people sharing one address
 *   looked like one: its letter is this one when it was signed with this letter's name (for
 *   the same UA, target and rehearsal address).
 */
export class LetterIndex {
  readonly records = new Map<string, LetterRecord>();
  private readonly legacy = new Map<string, LetterRecord[]>();
  private readonly byName = new Map<string, LetterRecord[]>();

  static of(entries: Iterable<JournalEntry>): LetterIndex {
    const index = new LetterIndex();
    for (const entry of entries) index.add(entry);
    return index;
  }

  add(entry: JournalEntry): void {
    applyEntry(this.records, entry);
    const record = this.records.get(entry.key);
    if (!record || entry.channel !== 'email') return;
    if (entry.v === undefined && !entry.test_to) remember(this.legacy, `${entry.ua}\u0000${entry.target}`, record);
    if (entry.v === 2) remember(this.byName, entry.name_key ?? versionTwoKey(entry), record);
  }

  owed(letter: LetterRef, addresses: readonly string[], resend: boolean): Owed {
    const states = new Map<string, AddressState>();
    for (const old of this.legacy.get(`${letter.ua}\u0000${letter.target}`) ?? []) {
      const mine = legacyKey(letter.ua, letter.target, old.legacyTo ?? [], letter.senderName, letter.senderEmail) === old.key;
      if (mine) for (const [address, state] of old.addresses) states.set(address, state);
    }
    for (const old of this.byName.get(nameKey(letter.ua, letter.target, letter.senderName, letter.testTo)) ?? [])
      for (const [address, state] of old.addresses) states.set(address, state);
    for (const [address, state] of this.records.get(letter.key)?.addresses ?? []) states.set(address, state);
    return owedAddresses({ addresses: states }, addresses, resend);
  }
}

function remember(index: Map<string, LetterRecord[]>, key: string, record: LetterRecord): void {
  const list = index.get(key) ?? [];
  if (!list.includes(record)) index.set(key, [...list, record]);
}

/**
 * A version 2 letter's signer, as it can be told apart: by the name it was signed with, in a
 * digest (what a line keeps once its signer's name is removed: see journal-scrub.ts).
 */
function nameKey(ua: string, target: string, sender: string, testTo: string | undefined): string {
  return sha256Hex([ua, target, signerName(sender), testTo ? normaliseAddress(testTo) : ''].join('\u0000')).slice(0, 32);
}

/** The digest a version 2 line's letter is found by. */
export function versionTwoKey(entry: Pick<JournalEntry, 'ua' | 'target' | 'sender' | 'test_to'>): string {
  return nameKey(entry.ua, entry.target, entry.sender, entry.test_to);
}
