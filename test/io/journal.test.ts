import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statfsSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { type JournalEntry, LetterIndex } from '../../src/core/journal-entries.js';
import { UaError } from '../../src/errors.js';
import { Journal } from '../../src/io/journal.js';
import { lockJournal } from '../../src/io/journal-lock.js';
import { readJournal } from '../../src/io/journal-read.js';
import { tempFolders } from '../helpers/folders.js';
import { journalEntry } from '../helpers/journal.js';
import { deadPid } from '../helpers/spawn.js';
import { canMountTmpfs, withTmpfs } from '../helpers/tmpfs.js';
import { t } from '../helpers/words.js';

const newFolder = tempFolders('journal');
const journalIn = () => join(newFolder(), 'state', 'journal.jsonl');
const options = (said: string[] = [], waitSeconds = 0) => ({ t, waitSeconds, say: (text: string) => said.push(text) });

const entry = (i: number): JournalEntry =>
  journalEntry({ at: '2026-11-28T12:00:00.000Z', key: `key-${i}`, state: 'transferring', to: [`official${i}@example.org`] });
const outcome = (i: number, more: Partial<JournalEntry> = {}): JournalEntry => ({
  ...entry(i),
  state: 'sent',
  addresses: { [`official${i}@example.org`]: 'sent' },
  ...more,
});
const owedTo = (index: LetterIndex, i: number) =>
  index.owed({ key: `key-${i}`, ua: '901.26', target: 'minister', senderName: 'Ana Pérez', to: [] }, [`official${i}@example.org`], false);

describe('the journal’s lock: one writer at a time', () => {
  it('a live run’s lock stops a second run at once (exit 2), naming its pid', async () => {
    const file = journalIn();
    mkdirSync(join(file, '..'), { recursive: true });
    const held = await lockJournal(t, file, options());
    const second = lockJournal(t, file, { ...options(), self: { pid: process.pid + 1, host: hostname() } });
    await expect(second).rejects.toThrow(new RegExp(`another ua \\(pid ${process.pid}\\) is using the journal .*journal\\.jsonl; nothing was sent`));
    await expect(second).rejects.toSatisfy((error) => error instanceof UaError && error.exitCode === 2);
    held.release();
  });

  it('--wait: the second run waits for the first, then goes on', async () => {
    const file = journalIn();
    mkdirSync(join(file, '..'), { recursive: true });
    const held = await lockJournal(t, file, options());
    const said: string[] = [];
    setTimeout(() => held.release(), 300);
    const second = await lockJournal(t, file, { ...options(said, 5), self: { pid: process.pid + 1, host: hostname() } });
    expect(said).toEqual([`Waiting for another ua (pid ${process.pid}) to finish with the journal…`]);
    second.release();
  });

  it('a lock left by a run that died is taken over, with a note', async () => {
    const file = journalIn();
    mkdirSync(join(file, '..'), { recursive: true });
    const dead = deadPid();
    writeFileSync(`${file}.lock`, JSON.stringify({ pid: dead, host: hostname(), since: '2026-11-28T10:00:00Z' }));
    const said: string[] = [];
    const held = await lockJournal(t, file, options(said));
    expect(said).toEqual([`Note: took over a lock left by ua (pid ${dead}), which is no longer running.`]);
    expect(JSON.parse(readFileSync(`${file}.lock`, 'utf8')).pid).toBe(process.pid);
    held.release();
  });

  it("a pid now used by a younger program, or by this very run (a container's pid 1), is a left-over lock", async () => {
    const file = journalIn();
    mkdirSync(join(file, '..'), { recursive: true });
    const sleeper = spawn('sleep', ['30']);
    try {
      await new Promise((resolve) => sleeper.on('spawn', resolve));
      writeFileSync(`${file}.lock`, JSON.stringify({ pid: sleeper.pid, host: hostname(), since: new Date(Date.now() - 3_600_000).toISOString() }));
      const said: string[] = [];
      (await lockJournal(t, file, options(said))).release();
      expect(said).toEqual([`Note: took over a lock left by ua (pid ${sleeper.pid}), whose pid now belongs to another program.`]);
    } finally {
      sleeper.kill();
    }
    writeFileSync(`${file}.lock`, JSON.stringify({ pid: 1, host: hostname(), since: new Date().toISOString() }));
    const said: string[] = [];
    (await lockJournal(t, file, { ...options(said), self: { pid: 1, host: hostname() } })).release();
    expect(said).toEqual(["Note: took over a lock left by ua (pid 1), whose pid is now this run's."]);
  });

  it('an empty lock is another run being born: left alone for 2 s, then taken over', async () => {
    const file = journalIn();
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(`${file}.lock`, '');
    // From the lock's own time: the file system's clock may be a little behind this process's.
    const made = statSync(`${file}.lock`).mtimeMs;
    const said: string[] = [];
    (await lockJournal(t, file, options(said, 10))).release();
    expect(Date.now() - made).toBeGreaterThanOrEqual(2000);
    expect(said).toEqual(['Note: took over an empty or damaged lock.']);
    // One left long ago is taken over without that wait (the rule itself: lock-file.test.ts judge()).
    writeFileSync(`${file}.lock`, 'garbage');
    utimesSync(`${file}.lock`, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    const again: string[] = [];
    (await lockJournal(t, file, options(again))).release();
    expect(again).toEqual(['Note: took over an empty or damaged lock.']);
  });

  it('a journal reached through a symbolic link has the same lock', async () => {
    const file = journalIn();
    const held = await Journal.open(file, options());
    const link = join(file, '..', '..', 'link.jsonl');
    symlinkSync(file, link);
    const second = Journal.open(link, { ...options(), self: { pid: process.pid + 1, host: hostname() } });
    await expect(second).rejects.toThrow(new RegExp(`another ua \\(pid ${process.pid}\\) is using the journal`));
    await held.close();
  });

  it('a lock from another host is never taken over: exit 2 with what to do', async () => {
    const file = journalIn();
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(`${file}.lock`, JSON.stringify({ pid: deadPid(), host: 'laptop.example', since: '2026-11-28T10:00:00Z' }));
    const error = await lockJournal(t, file, options()).catch((e: UaError) => e);
    expect(error).toBeInstanceOf(UaError);
    expect((error as UaError).message).toMatch(/another ua \(pid \d+ on laptop\.example\)/);
    expect((error as UaError).hint).toContain(`If that run is over, delete ${file}.lock`);
  });

  it('releasing removes only our own lock', async () => {
    const file = journalIn();
    mkdirSync(join(file, '..'), { recursive: true });
    const held = await lockJournal(t, file, options());
    writeFileSync(`${file}.lock`, JSON.stringify({ pid: process.pid + 7, host: hostname(), since: 'x' }));
    held.release();
    expect(JSON.parse(readFileSync(`${file}.lock`, 'utf8')).pid).toBe(process.pid + 7);
  });
});

describe('the journal file', () => {
  it('entries written together from many connections land whole, each on its own line, in order', async () => {
    const file = journalIn();
    const journal = await Journal.open(file, options());
    await Promise.all(Array.from({ length: 200 }, (_, i) => journal.append(entry(i))));
    await journal.close();
    const read = readJournal(t, file);
    expect(read.damaged).toEqual([]);
    expect(read.entries.map((e) => e.key)).toEqual(Array.from({ length: 200 }, (_, i) => `key-${i}`));
    expect(() => readFileSync(`${file}.lock`)).toThrow(/ENOENT/);
  });

  it("a print pack's lines, added a chunk at a time and flushed once, land whole after the entries before them", async () => {
    const file = journalIn();
    const journal = await Journal.open(file, options());
    await journal.append(entry(0));
    const lines = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, i) => `${JSON.stringify({ ...entry(from + i), state: 'prepared' })}\n`).join('');
    await journal.appendLines(lines(1, 100), false);
    await journal.appendLines(lines(100, 150), true);
    await journal.close();
    const read = readJournal(t, file);
    expect(read).toMatchObject({ damagedCount: 0, unterminated: false });
    expect(read.entries.map((e) => e.key)).toEqual(Array.from({ length: 150 }, (_, i) => `key-${i}`));
  });

  it('an outcome nothing waits for goes with the next letter’s line: one flush for both; alone, or at close, it is written all the same', async () => {
    const file = journalIn();
    const journal = await Journal.open(file, options());
    await journal.append(entry(1));
    const handle = await open(file, 'r');
    const flushes = vi.spyOn(Object.getPrototypeOf(handle), 'datasync');
    await handle.close();
    const states = () => readJournal(t, file).entries.map((e) => `${e.key} ${e.state}`);
    try {
      const first = journal.append(outcome(1), 'soon');
      await new Promise((resolve) => setImmediate(resolve));
      expect(states()).toEqual(['key-1 transferring']);
      await journal.append(entry(2));
      await first;
      expect(flushes).toHaveBeenCalledTimes(1);
      expect(states()).toEqual(['key-1 transferring', 'key-1 sent', 'key-2 transferring']);
      // No letter follows: it is written moments later; and close() writes what still waits.
      await journal.append(outcome(2), 'soon');
      expect(states()).toContain('key-2 sent');
      await journal.append(entry(3));
      void journal.append(outcome(3), 'soon');
      await journal.close();
      expect(states().at(-1)).toBe('key-3 sent');
    } finally {
      flushes.mockRestore();
    }
  });

  it('a pool’s connections, their letters’ lines arriving one by one: one flush for them all; one that does not come is not waited for long', async () => {
    const file = journalIn();
    const journal = await Journal.open(file, options());
    await journal.append(entry(0));
    const handle = await open(file, 'r');
    const flushes = vi.spyOn(Object.getPrototypeOf(handle), 'datasync');
    await handle.close();
    const tick = () => new Promise((resolve) => setImmediate(resolve));
    try {
      const alone = journal.gatherFor(() => 3);
      // Three connections: their servers answer 354 at different moments.
      const lines = [journal.append(entry(1))];
      await tick();
      lines.push(journal.append(entry(2)));
      await tick();
      lines.push(journal.append(entry(3)));
      await Promise.all(lines);
      expect(flushes).toHaveBeenCalledTimes(1);
      // Two of three come: the flush goes all the same, a moment later.
      await Promise.all([journal.append(entry(4)), journal.append(entry(5))]);
      expect(flushes).toHaveBeenCalledTimes(2);
      alone();
      await journal.append(entry(6));
      expect(flushes).toHaveBeenCalledTimes(3);
      expect(readJournal(t, file).entries.map((e) => e.key)).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `key-${i}`));
    } finally {
      flushes.mockRestore();
      await journal.close();
    }
  });

  it("one UA's entries: the lines of another are passed over, a line that names it elsewhere too; a damaged line of its own is counted", () => {
    const file = journalIn();
    mkdirSync(join(file, '..'), { recursive: true });
    const lines = [
      { ...entry(1), ua: '105.22' },
      { ...entry(2), ua: '901.26', reason: 'not "ua":"105.22"' },
      { ...entry(3), ua: '105.22' },
    ].map((e) => JSON.stringify(e));
    writeFileSync(file, `${[...lines, '{"v":2,"ua":"105.22",'].join('\n')}\n{"v":2,"ua":"901.26",\n`);
    const read = readJournal(t, file, { ua: '105.22' });
    expect(read.entries.map((e) => e.key)).toEqual(['key-1', 'key-3']);
    expect(read.damagedCount).toBe(1);
    expect(readJournal(t, file).entries.map((e) => e.key)).toEqual(['key-1', 'key-2', 'key-3']);
  });

  it('after an interrupted write, the next entry starts on a new line and the damaged one is named', async () => {
    const file = journalIn();
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, `${JSON.stringify(entry(1))}\n{"v":2,"at":"2026-11-28T1`);
    const said: string[] = [];
    const journal = await Journal.open(file, options(said));
    await journal.append(entry(2));
    await journal.close();
    expect(said).toEqual([`Note: ${file}:2: not JSON (an interrupted write?); the line was skipped.`]);
    expect(readJournal(t, file).entries.map((e) => e.key)).toEqual(['key-1', 'key-2']);
  });

  it('a foreign or incomplete entry is named by its line and skipped, never a crash', async () => {
    const file = journalIn();
    mkdirSync(join(file, '..'), { recursive: true });
    const { at: _, ...withoutAt } = entry(3);
    writeFileSync(file, `${JSON.stringify(withoutAt)}\n{"hello":"world"}\n${JSON.stringify(entry(4))}\n`);
    const read = readJournal(t, file);
    expect(read.damaged).toEqual([
      { line: 1, problem: 'not a journal entry (no at)' },
      { line: 2, problem: 'not a journal entry (no at, ua, key, target, lang, sender)' },
    ]);
    expect(read.entries.map((e) => e.key)).toEqual(['key-4']);
  });

  it('a file that is not a journal (UA_JOURNAL set wrong) is read as damaged and never written to', async () => {
    const file = journalIn();
    mkdirSync(join(file, '..'), { recursive: true });
    const text = 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n';
    writeFileSync(file, text);
    const error = await Journal.open(file, options()).catch((e: UaError) => e);
    expect(error).toBeInstanceOf(UaError);
    expect((error as UaError).exitCode).toBe(2);
    expect((error as UaError).message).toBe(`${file} is not a ua journal (not one of its lines is an entry); nothing was sent`);
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(() => readFileSync(`${file}.lock`)).toThrow(/ENOENT/);
  });

  it('a journal whose only line a crash cut short is still a journal', async () => {
    const file = journalIn();
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, '{"v":2,"at":"2026-11-28T1');
    const journal = await Journal.open(file, options());
    await journal.append(entry(1));
    await journal.close();
    expect(readJournal(t, file).entries.map((e) => e.key)).toEqual(['key-1']);
  });

  it('a journal of hundreds of megabytes without a line break is read a megabyte at a time: one damaged line, little memory', () => {
    const file = journalIn();
    mkdirSync(join(file, '..'), { recursive: true });
    // Sparse: 600 MB of zero bytes that take no disk.
    spawnSync('truncate', ['-s', '600M', file]);
    writeFileSync(file, `\n${JSON.stringify(entry(1))}\n`, { flag: 'a' });
    const before = process.memoryUsage().rss;
    const read = readJournal(t, file);
    const grown = process.memoryUsage().rss - before;
    expect(read.entries.map((e) => e.key)).toEqual(['key-1']);
    expect(read.damagedCount).toBe(1);
    expect(read.damaged[0]?.problem).toBe('a line of more than 1 MB (not an entry)');
    expect(grown).toBeLessThan(64 * 1024 * 1024);
  });

  it('a journal that is a folder: one line saying so, exit 1', async () => {
    const file = journalIn();
    mkdirSync(file, { recursive: true });
    const error = await Journal.open(file, options()).catch((e: UaError) => e);
    expect(error).toBeInstanceOf(UaError);
    expect((error as UaError).exitCode).toBe(1);
    expect((error as UaError).message).toBe(`cannot read the journal ${file}: it is a folder, not a file`);
    // The lock was given back.
    expect(() => readFileSync(`${file}.lock`)).toThrow(/ENOENT/);
  });
});

describe('room for the outcomes of the letters on their way', () => {
  it('is kept beside the journal while a letter is on its way, and given back at the end; one a killed run left is removed', async () => {
    const file = journalIn();
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(`${file}.reserve`, Buffer.alloc(64 * 1024));
    const journal = await Journal.open(file, options());
    expect(existsSync(`${file}.reserve`)).toBe(false);
    await journal.append(entry(1));
    const kept = statSync(`${file}.reserve`).size;
    expect(kept).toBeGreaterThan(2 * Buffer.byteLength(JSON.stringify(outcome(1))));
    expect(kept % 4096).toBe(0);
    await journal.append(outcome(1));
    await journal.close();
    expect(readdirSync(join(file, '..'))).toEqual(['journal.jsonl']);
  });
});

describe.skipIf(!canMountTmpfs)('a journal whose disk fills (needs root for a tmpfs)', () => {
  it('the letters on their way still get their outcomes, none starts, the cut line is taken back, the reserve given back', async () => {
    const disk = join(newFolder(), 'disk');
    await withTmpfs(disk, '64k', async () => {
      const file = join(disk, 'journal.jsonl');
      const journal = await Journal.open(file, options());
      await Promise.all([journal.append(entry(1)), journal.append(entry(2))]);
      // Another program takes every free page: the next line needs a new one (a long name), half of it lands.
      writeFileSync(join(disk, 'filler'), Buffer.alloc(statfsSync(disk).bavail * statfsSync(disk).bsize));
      const third = journal.append({ ...entry(3), target_name: 'N'.repeat(6000) }).catch((error: UaError) => error);
      const settled = Promise.all([journal.append(outcome(1)), journal.append(outcome(2, { reason: 'r'.repeat(4000) }))]);
      const refused = await third;
      expect(refused).toBeInstanceOf(UaError);
      expect((refused as UaError).message).toBe(`cannot write the journal ${file}: the disk is full (ENOSPC)`);
      expect((refused as UaError).hint).toBe(
        'Nothing more was sent, and every letter that went is recorded: free some space, then run the same command again to send the rest.',
      );
      await settled;
      await expect(journal.append(entry(4))).rejects.toBe(refused);
      expect(journal.failure).toBe(refused);
      await journal.close();

      const read = readJournal(t, file);
      expect(read).toMatchObject({ damagedCount: 0, unterminated: false });
      // Both outcomes are on disk (the second without its long reason, which did not fit its room); nothing of the third.
      expect(read.entries.map((e) => [e.key, e.state, e.reason])).toEqual([
        ['key-1', 'transferring', undefined],
        ['key-2', 'transferring', undefined],
        ['key-1', 'sent', undefined],
        ['key-2', 'sent', undefined],
      ]);
      const index = LetterIndex.of(read.entries);
      expect([1, 2, 3].map((i) => owedTo(index, i))).toEqual([
        { send: [], had: ['official1@example.org'], inDoubt: [] },
        { send: [], had: ['official2@example.org'], inDoubt: [] },
        { send: ['official3@example.org'], had: [], inDoubt: [] },
      ]);
      expect(readdirSync(disk).sort()).toEqual(['filler', 'journal.jsonl']);
    });
  });

  it("a print pack's lines that do not fit are cut back to the last whole chunk, and nothing more is written", async () => {
    const disk = join(newFolder(), 'disk');
    await withTmpfs(disk, '64k', async () => {
      const file = join(disk, 'journal.jsonl');
      const journal = await Journal.open(file, options());
      const line = (i: number) => `${JSON.stringify({ ...entry(i), state: 'prepared' })}\n`;
      await journal.appendLines(line(1), false);
      writeFileSync(join(disk, 'filler'), Buffer.alloc(statfsSync(disk).bavail * statfsSync(disk).bsize));
      const refused = await journal.appendLines(line(2).repeat(40), true).catch((error: UaError) => error);
      expect(refused).toBeInstanceOf(UaError);
      expect((refused as UaError).message).toBe(`cannot write the journal ${file}: the disk is full (ENOSPC)`);
      await expect(journal.appendLines(line(3), true)).rejects.toBe(refused);
      await journal.close();
      expect(readJournal(t, file)).toMatchObject({ damagedCount: 0, unterminated: false, entries: [{ key: 'key-1' }] });
    });
  });
});
