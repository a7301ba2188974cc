import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Translate } from '../core/i18n.js';
import { dataError } from '../errors.js';
import { crypto } from './crypto.js';
import { writeFileAtomically } from './staging.js';

// The evening of `ua serve`, on disk: what the attendees typed is the only copy there is, so
// every letter is written all or nothing and flushed (io/staging.ts) before the attendee is told
// it was handed in; a crash or a SIGKILL between two letters loses neither.

/** What an attendee answered for one UA: the fields of `ua compose`, as a sign-up sheet's row. */
export interface EveningAnswers {
  lang: string;
  targets: string[];
  name: string;
  city: string;
  country: string;
  /** For replies from the officials, and for sending by email (ua batch sends only signers who give one). */
  email?: string;
  about?: string;
  note?: string;
}

/** One attendee's letter(s) for one UA, as kept. */
export interface KeptLetter {
  /** The attendee's random id (their cookie): one record per attendee and UA. */
  attendee: string;
  ua: string;
  answers: EveningAnswers;
  /** Arrival order: the print pack's order; a change keeps its place. */
  seq: number;
  at: string;
  /** The organiser set it aside: not printed, not sent. */
  setAside?: boolean;
  /** Its version: one more each time the attendee changes it (absent in letters kept before: 0). */
  rev?: number;
  /** The version last printed or sent (core/evening.ts notYetOut): absent, never. */
  printed?: number;
}

/** The evening itself: its UAs and the secrets the attendees' and organiser's addresses carry. */
export interface EveningFile {
  started: string;
  ids: string[];
  attendeeToken: string;
  organiserToken: string;
  /** Signs the cookies: kept, so a restarted server still knows its attendees. */
  cookieSecret: string;
  /** Written by earlier versions, for the whole evening; unread: what was printed is now each letter's (KeptLetter.printed). */
  delivered?: boolean;
}

const ATTENDEE = /^[0-9a-f]{32}$/;
export const isAttendeeId = (id: string): boolean => ATTENDEE.test(id);
export const newSecret = (): string => crypto().randomBytes(24).toString('base64url');
export const newAttendeeId = (): string => crypto().randomBytes(16).toString('hex');

export class Evening {
  private readonly kept = new Map<string, KeptLetter>();

  private constructor(
    private readonly t: Translate,
    readonly folder: string,
    public file: EveningFile,
  ) {}

  /** The evening in `folder`: the one left by an earlier run (restarted after a crash), or a new one for `ids`. */
  static open(t: Translate, folder: string, ids: readonly string[], now: Date): Evening {
    mkdirSync(join(folder, 'letters'), { recursive: true, mode: 0o700 });
    const path = join(folder, 'evening.json');
    const file: EveningFile = existsSync(path)
      ? (JSON.parse(readFileSync(path, 'utf8')) as EveningFile)
      : { started: now.toISOString(), ids: [...ids], attendeeToken: newSecret(), organiserToken: newSecret(), cookieSecret: newSecret() };
    const evening = new Evening(t, folder, file);
    if (!existsSync(path)) evening.saveFile();
    for (const name of readdirSync(join(folder, 'letters')).filter((n) => n.endsWith('.json'))) {
      const letter = JSON.parse(readFileSync(join(folder, 'letters', name), 'utf8')) as KeptLetter;
      evening.kept.set(keyOf(letter.attendee, letter.ua), letter);
    }
    return evening;
  }

  /** Every letter kept, in the order they arrived. */
  letters(): KeptLetter[] {
    return [...this.kept.values()].sort((a, b) => a.seq - b.seq);
  }

  find(attendee: string, ua: string): KeptLetter | undefined {
    return this.kept.get(keyOf(attendee, ua));
  }

  /** Keeps (or replaces) an attendee's letter for a UA; on disk before it returns. */
  keep(attendee: string, ua: string, answers: EveningAnswers, now: Date): KeptLetter {
    if (!isAttendeeId(attendee)) throw new Error('not an attendee id');
    const earlier = this.find(attendee, ua);
    const seq = earlier?.seq ?? Math.max(0, ...this.letters().map((l) => l.seq)) + 1;
    const letter: KeptLetter = {
      attendee,
      ua,
      answers,
      seq,
      at: now.toISOString(),
      ...(earlier?.setAside ? { setAside: true } : {}),
      rev: (earlier?.rev ?? 0) + 1,
      // What was printed stays known: that version, not this one (so the evening does not close on it).
      ...(earlier?.printed !== undefined ? { printed: earlier.printed } : {}),
    };
    this.write(letter);
    return letter;
  }

  setAside(seq: number, aside: boolean): void {
    const letter = this.letters().find((l) => l.seq === seq);
    if (!letter) throw dataError(this.t('serve.noSuchLetter'));
    this.write({ ...letter, setAside: aside || undefined });
  }

  /**
   * Records the letters printed or sent, as they were when the pack or the send read them: a
   * letter changed meanwhile keeps its newer version to print.
   */
  markDelivered(done: readonly KeptLetter[]): void {
    for (const letter of done) {
      const now = this.find(letter.attendee, letter.ua);
      if (now && now.printed !== (letter.rev ?? 0)) this.write({ ...now, printed: letter.rev ?? 0 });
    }
  }

  /** Where keepAside() puts the letters: beside where the next evening will be, named by when this one started. */
  get asideFolder(): string {
    return `${this.folder}-${this.file.started.replace(/[:.]/g, '-')}`;
  }

  /** Ends the evening but keeps its letters, in asideFolder; returns where. */
  keepAside(): string {
    const kept = this.asideFolder;
    renameSync(this.folder, kept);
    this.kept.clear();
    return kept;
  }

  /** Ends the evening: everything the attendees typed is removed. */
  remove(): void {
    rmSync(this.folder, { recursive: true, force: true });
    this.kept.clear();
  }

  private write(letter: KeptLetter): void {
    const name = `${letter.attendee}-${letter.ua.replace(/[^0-9A-Za-z.-]/g, '_')}.json`;
    const path = join(this.folder, 'letters', name);
    writeFileAtomically(this.t, { path, force: true, shown: name }, `${JSON.stringify(letter, null, 2)}\n`);
    this.kept.set(keyOf(letter.attendee, letter.ua), letter);
  }

  private saveFile(): void {
    const path = join(this.folder, 'evening.json');
    writeFileAtomically(this.t, { path, force: true, shown: 'evening.json' }, `${JSON.stringify(this.file, null, 2)}\n`);
  }
}

const keyOf = (attendee: string, ua: string) => `${attendee}\u0000${ua}`;
