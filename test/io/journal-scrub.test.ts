import { mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../src/core/journal-entries.js';
import { lockJournal } from '../../src/io/journal-lock.js';
import { readJournal } from '../../src/io/journal-read.js';
import { JournalBusy, scrubJournal } from '../../src/io/journal-scrub.js';
import { tempFolders } from '../helpers/folders.js';
import { journalEntry } from '../helpers/journal.js';
import { t } from '../helpers/words.js';

// The journal written again without the personal fields it keeps too long: whole, under its
// lock, every other byte as it was.
const newFolder = tempFolders('journal-scrub');
const RULE = { now: new Date('2026-11-29T08:00:00Z'), keepDays: 28 };
const options = { t, waitSeconds: 0, say: () => undefined };
const line = (entry: JournalEntry) => `${JSON.stringify(entry)}\n`;
const old = journalEntry({ at: '2026-10-01T10:00:00.000Z', key: 'old', from: 'ana@provider.example', message_id: '<m@provider.example>' });
const recent = journalEntry({ at: '2026-11-28T10:00:00.000Z', key: 'recent', from: 'ana@provider.example' });

function journalWith(text: string): string {
  const dir = newFolder();
  const file = join(dir, 'journal.jsonl');
  writeFileSync(file, text, { mode: 0o600 });
  return file;
}

describe('scrubJournal', () => {
  it('old lines lose their personal fields; recent lines, damaged lines and a last line cut short stay byte for byte', async () => {
    const damaged = '{"this is": "not an entry"}\nnot JSON at all\n';
    const cut = '{"v":3,"at":"2026-11-28T11:00:00.000Z","ua":"901.26","key":"cut"';
    const file = journalWith(`\uFEFF${line(old)}${damaged}${line(recent)}${line(old)}${cut}`);
    expect(await scrubJournal(t, file, RULE, options)).toEqual({ lines: 2, dropped: 0 });
    const { from: _from, message_id: _id, ...kept } = old;
    const scrubbedLine = line({ ...kept, sender: '' });
    expect(readFileSync(file, 'utf8')).toBe(`${scrubbedLine}${damaged}${line(recent)}${scrubbedLine}${cut}`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // Nothing left beside it: the stage is gone.
    expect(readdirSync(join(file, '..'))).toEqual(['journal.jsonl']);
  });

  it('a recent line is known by its start; one whose start misleads (a second "at", which JSON.parse takes) is read whole', async () => {
    const misleading = line(old).replace('{"v":3,', `{"v":3,"at":"2026-11-28T10:00:00.000Z",`);
    expect(JSON.parse(misleading).at).toBe(old.at);
    const file = journalWith(`${line(recent)}${misleading}`);
    expect(await scrubJournal(t, file, RULE, options)).toEqual({ lines: 1, dropped: 0 });
    const [first, second] = readFileSync(file, 'utf8').split('\n');
    expect(`${first}\n`).toBe(line(recent));
    expect(JSON.parse(second ?? '')).toMatchObject({ at: old.at, sender: '' });
    expect(JSON.parse(second ?? '').from).toBeUndefined();
  });

  it('a rehearsal’s old lines go; a journal with nothing to remove is not written at all', async () => {
    const rehearsal = journalEntry({ at: '2026-10-01T10:00:00.000Z', key: 'r', test_to: 'ana@example.org', to: ['ana@example.org'] });
    const file = journalWith(`${line(rehearsal)}${line(recent)}`);
    expect(await scrubJournal(t, file, RULE, options)).toEqual({ lines: 0, dropped: 1 });
    expect(readFileSync(file, 'utf8')).toBe(line(recent));
    const inode = statSync(file).ino;
    expect(await scrubJournal(t, file, RULE, options)).toEqual({ lines: 0, dropped: 0 });
    expect(statSync(file).ino).toBe(inode);
  });

  it('--forget: every line of one UA, whatever its age; another UA’s lines stay', async () => {
    const other = journalEntry({ ua: '105.22', key: 'other', from: 'ana@provider.example' });
    const file = journalWith(`${line(recent)}${line(other)}`);
    expect(await scrubJournal(t, file, { ua: '901.26' }, options)).toEqual({ lines: 1, dropped: 0 });
    const entries = readJournal(t, file).entries;
    expect(entries.map((entry) => [entry.key, entry.sender, entry.from])).toEqual([
      ['recent', '', undefined],
      ['other', 'Ana Pérez', 'ana@provider.example'],
    ]);
  });

  it('a journal reached through a link: the file it leads to is rewritten, the link stays', async () => {
    const file = journalWith(line(old));
    const link = join(newFolder(), 'journal.jsonl');
    symlinkSync(file, link);
    await scrubJournal(t, link, RULE, options);
    expect(readJournal(t, link).entries[0]?.sender).toBe('');
    expect(readFileSync(file, 'utf8')).not.toContain('Ana Pérez');
  });

  it('another run holds the journal: its own word for it, and nothing is written', async () => {
    const file = journalWith(line(old));
    mkdirSync(join(file, '..'), { recursive: true });
    const held = await lockJournal(t, file, options);
    try {
      const busy = scrubJournal(t, file, RULE, { ...options, self: { pid: process.pid + 1, host: hostname() }, busy: () => new JournalBusy() });
      await expect(busy).rejects.toBeInstanceOf(JournalBusy);
      expect(readFileSync(file, 'utf8')).toBe(line(old));
    } finally {
      held.release();
    }
  });

  it('no journal yet: nothing to do, nothing made', async () => {
    const dir = newFolder();
    expect(await scrubJournal(t, join(dir, 'journal.jsonl'), RULE, options)).toEqual({ lines: 0, dropped: 0 });
    expect(readdirSync(dir)).toEqual([]);
  });
});
