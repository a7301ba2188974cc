import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENTRY_VERSION, type JournalEntry } from '../../src/core/journal-entries.js';
import type { Captured } from './world.js';

/** The journal a fake world's runs keep: the file its UA_JOURNAL names (smtpWorld sets one). */
export const journalPath = (captured: Captured): string => captured.world.env.UA_JOURNAL as string;

/** The journal of runs in a tempHome() home, which set no UA_JOURNAL: under its XDG_STATE_HOME. */
export const homeJournalPath = (home: string): string => join(home, 'state', 'ua', 'journal.jsonl');

/** A journal's text, as ua wrote it. */
export const journalText = (file: string): string => readFileSync(file, 'utf8');

/** A journal's entries, one a line, in order. */
export function journalEntries(file: string): JournalEntry[] {
  return journalText(file)
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as JournalEntry);
}

/** The entries that tell an outcome: without the lines written as each try starts (`transferring`, version 1's `attempt`). */
export const journalOutcomes = (file: string): JournalEntry[] => journalEntries(file).filter((entry) => !['attempt', 'transferring'].includes(entry.state));

/**
 * A journal line as ua writes it (version ENTRY_VERSION): Ana Pérez's letter to the minister of
 * UA 901.26, by email in Spanish, sent at 10:00 on 28 November 2026, unless `more` says otherwise.
 */
export function journalEntry(more: Partial<JournalEntry> = {}): JournalEntry {
  return {
    v: ENTRY_VERSION,
    at: '2026-11-28T10:00:00.000Z',
    ua: '901.26',
    key: 'k',
    state: 'sent',
    channel: 'email',
    target: 'minister',
    lang: 'es',
    to: ['ministra@justicia.example', 'despacho@justicia.example'],
    sender: 'Ana Pérez',
    ...more,
  };
}

/** The same line as version 1 wrote it: no `v`. */
export function versionOneEntry(more: Partial<JournalEntry> = {}): JournalEntry {
  const { v: _version, ...line } = journalEntry(more);
  return line;
}
