import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../src/core/journal-entries.js';
import { journalEntry } from '../helpers/journal.js';
import { fakeWorld, run } from '../helpers/world.js';

/** One of each action on UA 901.26 by Ana Pérez: a letter, an email, a fax, four calls, a post. */
const ofEach: Partial<JournalEntry>[] = [
  { key: 'post', channel: 'post', state: 'prepared', to: ['Ministerio de Justicia'] },
  { key: 'email', channel: 'email', state: 'sent' },
  { key: 'fax', channel: 'fax', state: 'sent', to: ['+34915552000@fax.example.net'] },
  { key: 'call-1', channel: 'call', state: 'spoke', to: ['+34915551000'] },
  { key: 'call-2', channel: 'call', state: 'voicemail', to: ['+34915551000'] },
  { key: 'call-3', channel: 'call', state: 'no-answer', to: ['+34915551001'] },
  { key: 'call-4', channel: 'call', state: 'wrong-number', to: ['+34915551002'] },
  { key: 'social', channel: 'social', state: 'posted', to: ['x:@justicia'] },
];

function journalWorld(lang: string) {
  const captured = fakeWorld();
  const file = join(captured.world.cwd, 'journal.jsonl');
  writeFileSync(file, ofEach.map((more) => `${JSON.stringify(journalEntry(more))}\n`).join(''));
  captured.world = { ...captured.world, env: { ...captured.world.env, UA_JOURNAL: file, LANG: `${lang}.UTF-8` } };
  return captured;
}

describe('ua report: every channel, calls by outcome', () => {
  it('counts letters, emails, faxes, calls by outcome and posts; the sentence to paste names each', async () => {
    const { stdout, code } = await run(['report'], journalWorld('en_GB'));
    expect(code).toBe(0);
    expect(stdout).toContain('UA 901.26: 2 sent, 1 prepared, 3 done, 1 to do again, 1 failed, 0 in doubt');
    expect(stdout).toMatch(/ {2}post\/es +1 prepared\n/);
    expect(stdout).toMatch(/ {2}email\/es +1 sent\n/);
    expect(stdout).toMatch(/ {2}fax\/es +1 sent\n/);
    expect(stdout).toMatch(/ {2}call\/es +1 answered, 1 voicemail, 1 no answer, 1 wrong number\n/);
    expect(stdout).toMatch(/ {2}post on social media\/es +1 posted\n/);
    expect(stdout.replace(/\s+/g, ' ')).toContain('I called minister (2 calls, in Spanish); I posted 1 message on social media (in Spanish) to minister');
  });

  it('--json: each channel with its outcomes; in Spanish and French the words are theirs', async () => {
    const json = JSON.parse((await run(['report', '--json'], journalWorld('en_GB'))).stdout);
    expect(json[0].totals).toEqual({ sent: 2, prepared: 1, done: 3, to_do: 1, failed: 1, in_doubt: 0 });
    expect(json[0].by_channel.find((bucket: { channel: string }) => bucket.channel === 'call').outcomes).toEqual({
      spoke: 1,
      voicemail: 1,
      'no-answer': 1,
      'wrong-number': 1,
    });
    const es = (await run(['report'], journalWorld('es_ES'))).stdout;
    expect(es).toMatch(/llamada\/es +1 atendida, 1 mensaje de voz, 1 sin respuesta, 1 número equivocado/);
    const fr = (await run(['report'], journalWorld('fr_FR'))).stdout;
    expect(fr).toMatch(/appel\/es +1 abouti, 1 message vocal, 1 sans réponse, 1 faux numéro/);
  });
});
