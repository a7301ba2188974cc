import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Outcome } from '../core/email.js';
import { failure } from '../errors.js';

/**
 * The journal: one JSON object per line, appended and flushed to disk (fsync) before the
 * step it records counts. It holds what was done, to whom and when: never a password.
 */
export type JournalState =
  /** About to send; nothing handed to the server yet. */
  | 'attempt'
  /** The message is being handed to the server: from here a crash leaves the outcome unknown. */
  | 'transferring'
  | Outcome
  /** Written as a file or link for the person to send themselves (.eml, mailto:). */
  | 'prepared';

export interface JournalEntry {
  at: string;
  ua: string;
  key: string;
  state: JournalState;
  channel: 'email' | 'eml' | 'mailto' | 'post';
  target: string;
  /** The target's name, so a report reads without the UA file. */
  target_name?: string;
  lang: string;
  to: string[];
  from?: string;
  sender: string;
  message_id?: string;
  test_to?: string;
  refused?: string[];
  reason?: string;
}

export interface JournalRead {
  entries: JournalEntry[];
  /** Lines that could not be read (a crash mid-write leaves a partial last line). */
  damaged: { line: number; text: string }[];
}

export function readJournal(file: string): JournalRead {
  if (!existsSync(file)) return { entries: [], damaged: [] };
  const entries: JournalEntry[] = [];
  const damaged: JournalRead['damaged'] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((text, index) => {
      if (text.trim() === '') return;
      try {
        const entry = JSON.parse(text) as JournalEntry;
        if (typeof entry.key !== 'string' || typeof entry.state !== 'string') throw new Error('not an entry');
        entries.push(entry);
      } catch {
        damaged.push({ line: index + 1, text: text.slice(0, 80) });
      }
    });
  return { entries, damaged };
}

/** The last state recorded for each key. */
export function latestStates(entries: readonly JournalEntry[]): Map<string, JournalEntry> {
  const latest = new Map<string, JournalEntry>();
  for (const entry of entries) latest.set(entry.key, entry);
  return latest;
}

export class Journal {
  private needsNewline: boolean;

  constructor(readonly file: string) {
    // After a crash mid-write the file may end without a newline: start on a fresh line.
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
    this.needsNewline = text !== '' && !text.endsWith('\n');
  }

  append(entry: JournalEntry): void {
    try {
      mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
      const fd = openSync(this.file, 'a', 0o600);
      try {
        writeSync(fd, `${this.needsNewline ? '\n' : ''}${JSON.stringify(entry)}\n`);
        fsyncSync(fd);
        this.needsNewline = false;
      } finally {
        closeSync(fd);
      }
    } catch (error) {
      throw failure(
        `cannot write the journal ${this.file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
        'Nothing more is sent until it can be written (set UA_JOURNAL to move it).',
      );
    }
  }
}
