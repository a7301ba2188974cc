import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { askToClose, takeCloseRequest, withdrawCloseRequest } from '../../src/io/close-request.js';
import { Evening, type EveningAnswers, isAttendeeId, newAttendeeId } from '../../src/io/evening.js';
import { tempFolders } from '../helpers/folders.js';
import { deadPid } from '../helpers/spawn.js';
import { t } from '../helpers/words.js';

// The evening of `ua serve` on disk (io/evening.ts): one letter per attendee and UA, written
// before it counts, found again by a server started after a crash; and how `ua serve --close`
// asks a running server to close it (io/close-request.ts).

const folders = tempFolders('evening');
const NOW = new Date('2026-11-28T18:30:00Z');
const ANA: EveningAnswers = { lang: 'es', targets: ['boluarte'], name: 'Ana Pérez', city: 'Leeds', country: 'Reino Unido' };

const opened = (root: string) => Evening.open(t, join(root, 'serve'), ['105.22'], NOW);
const files = (evening: Evening) => readdirSync(join(evening.folder, 'letters')).filter((name) => name.endsWith('.json'));

describe('the letters of an evening', () => {
  it('keeps one letter per attendee and UA: handed in again, it is replaced and keeps its place', () => {
    const evening = opened(folders());
    const ana = newAttendeeId();
    const bo = newAttendeeId();
    evening.keep(ana, '105.22', ANA, NOW);
    evening.keep(bo, '105.22', { ...ANA, name: 'Bo Li' }, NOW);
    evening.keep(ana, '7.26', ANA, NOW);
    evening.setAside(1, true);
    const changed = evening.keep(ana, '105.22', { ...ANA, city: 'York' }, NOW);
    expect(changed.seq).toBe(1);
    // Set aside by the organiser, it stays aside when its writer changes it.
    expect(changed.setAside).toBe(true);
    expect(evening.letters().map((letter) => [letter.seq, letter.answers.name, letter.answers.city, letter.ua])).toEqual([
      [1, 'Ana Pérez', 'York', '105.22'],
      [2, 'Bo Li', 'Leeds', '105.22'],
      [3, 'Ana Pérez', 'Leeds', '7.26'],
    ]);
    expect(files(evening)).toHaveLength(3);
  });

  it('has every letter again, and the same secrets, when opened after the server died', () => {
    const root = folders();
    const first = opened(root);
    const ana = newAttendeeId();
    const printed = first.keep(ana, '105.22', ANA, NOW);
    first.markDelivered([printed]);
    const again = Evening.open(t, join(root, 'serve'), ['other'], new Date('2026-11-29T09:00:00Z'));
    expect(again.file).toEqual(first.file);
    expect(again.file.ids).toEqual(['105.22']);
    expect(again.find(ana, '105.22')?.answers).toEqual(ANA);
    expect(again.find(ana, '105.22')).toMatchObject({ rev: 1, printed: 1 });
  });

  it('records the version printed: a letter changed since, or while the pack was written, is still to print', () => {
    const evening = opened(folders());
    const ana = newAttendeeId();
    const first = evening.keep(ana, '105.22', ANA, NOW);
    const changed = evening.keep(ana, '105.22', { ...ANA, city: 'York' }, NOW);
    evening.markDelivered([first]);
    expect(evening.find(ana, '105.22')).toMatchObject({ rev: 2, printed: 1, answers: { city: 'York' } });
    evening.markDelivered([changed]);
    expect(evening.find(ana, '105.22')).toMatchObject({ rev: 2, printed: 2 });
    expect(evening.keep(ana, '105.22', ANA, NOW)).toMatchObject({ rev: 3, printed: 2 });
  });

  it('refuses an attendee id that is not one it gave (a cookie is random hex, never a path)', () => {
    const evening = opened(folders());
    expect(() => evening.keep('../../etc', '105.22', ANA, NOW)).toThrow();
    expect(isAttendeeId(newAttendeeId())).toBe(true);
    expect(isAttendeeId('0'.repeat(31))).toBe(false);
    expect(files(evening)).toEqual([]);
  });

  it('is kept aside where it says, or removed', () => {
    const root = folders();
    const evening = opened(root);
    evening.keep(newAttendeeId(), '105.22', ANA, NOW);
    const aside = evening.asideFolder;
    expect(aside).toBe(join(root, 'serve-2026-11-28T18-30-00-000Z'));
    expect(evening.keepAside()).toBe(aside);
    expect(readdirSync(join(aside, 'letters'))).toHaveLength(1);
    expect(existsSync(evening.folder)).toBe(false);
    const next = opened(root);
    next.remove();
    expect(existsSync(next.folder)).toBe(false);
  });
});

describe('ua serve --close asking the running server', () => {
  const owner = (pid: number) => ({ pid, host: hostname(), since: new Date().toISOString() });

  it('writes the request for that server alone, and signals it (SIGTERM)', async () => {
    const file = join(folders(), 'serve.close');
    const server = spawn(process.execPath, [
      '-e',
      "process.on('SIGTERM', () => { console.log('asked'); process.exit(0); }); setInterval(() => {}, 1000); console.log('ready');",
    ]);
    let out = '';
    server.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    const ended = new Promise((resolve) => server.on('close', resolve));
    while (!out.includes('ready')) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(askToClose(t, file, owner(server.pid as number), { keepData: true, discard: false })).toBe(true);
    await ended;
    expect(out).toContain('asked');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ server: server.pid, keepData: true, discard: false });
    // Another process (this one) does not take a request made for another pid.
    expect(takeCloseRequest(file)).toBeUndefined();
    expect(existsSync(file)).toBe(true);
    withdrawCloseRequest(file);
    expect(existsSync(file)).toBe(false);
  });

  it('is taken once by the server it names', () => {
    const file = join(folders(), 'serve.close');
    // Written as askToClose writes it, for this process.
    const request = { server: process.pid, keepData: false, discard: true };
    writeFileSync(file, JSON.stringify(request));
    expect(takeCloseRequest(file)).toEqual(request);
    expect(existsSync(file)).toBe(false);
    expect(takeCloseRequest(file)).toBeUndefined();
  });

  it('counts a server gone since as asked (its lock is left over, and taken over), and leaves no request', () => {
    const file = join(folders(), 'serve.close');
    expect(askToClose(t, file, owner(deadPid()), { keepData: false, discard: false })).toBe(true);
    expect(existsSync(file)).toBe(false);
  });

  it('cannot ask a server on another machine (a home folder shared between two)', () => {
    const file = join(folders(), 'serve.close');
    expect(askToClose(t, file, { ...owner(process.pid), host: `not-${hostname()}` }, { keepData: false, discard: false })).toBe(false);
    expect(existsSync(file)).toBe(false);
  });

  it('reads a request that is not one ua wrote as none', () => {
    const file = join(folders(), 'serve.close');
    writeFileSync(file, 'not json');
    expect(takeCloseRequest(file)).toBeUndefined();
  });
});
