import type { GlobalOptions } from '../cli.js';
import { toCsv } from '../core/csv.js';
import { formatDate, parseIsoDate } from '../core/dates.js';
import { normalizeId } from '../core/ids.js';
import { buildReport, type Kind, reportSentence, type UaReport } from '../core/report.js';
import { forTerminal } from '../core/shown.js';
import { noteDamaged, readJournal } from '../io/journal.js';
import { journalFile } from '../io/paths.js';
import { loadLocale, localeCodes } from '../io/repository.js';
import { note, styleFor } from '../io/style.js';
import type { World } from '../world.js';

const KINDS: readonly Kind[] = ['sent', 'prepared', 'failed', 'in doubt'];

export async function report(id: string | undefined, options: { json: boolean; csv: boolean }, globals: GlobalOptions, world: World): Promise<number> {
  // 1. The journal, every readable line of it.
  const file = journalFile(world.env);
  const { entries, damaged } = readJournal(file);
  noteDamaged(file, damaged, (text) => note(world.stderr, globals, text));
  const reports = buildReport(entries, id === undefined ? undefined : normalizeId(id));

  // 2. For programs: JSON, or one CSV row per letter (an empty list, or just the header, when nothing is recorded).
  if (options.json) {
    world.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
    return 0;
  }
  if (options.csv) {
    world.stdout.write(reportCsv(reports));
    return 0;
  }
  if (reports.length === 0) {
    // Nothing to report is an answer, not an error.
    note(world.stderr, globals, `Nothing recorded${id ? ` for UA ${forTerminal(normalizeId(id))}` : ' yet'} in ${file}.`);
    note(world.stderr, globals, '  Letters sent with --send, or prepared with --format eml or --mailto, are recorded there; printed or saved letters are not.');
    return 0;
  }

  // 3. For people: totals, the breakdown, and the sentence for the UA's report form.
  const style = styleFor(world.stdout, globals);
  const english = loadLocale('en');
  const day = (iso: string) => {
    const date = parseIsoDate(iso.slice(0, 10));
    return date ? formatDate(date, english) : iso.slice(0, 10);
  };
  const languageName = (code: string) => (localeCodes().includes(code) ? (LANGUAGE_NAMES[code] ?? code) : code);
  const out: string[] = [];
  for (const entry of reports) {
    out.push(style.bold(`UA ${entry.ua}: ${KINDS.map((kind) => `${entry.totals[kind]} ${kind}`).join(', ')}`));
    for (const [bucket, counts] of Object.entries(entry.byChannel)) {
      out.push(
        `  ${bucket.padEnd(10)} ${KINDS.filter((kind) => counts[kind] > 0)
          .map((kind) => `${counts[kind]} ${kind}`)
          .join(', ')}`,
      );
    }
    out.push('  To paste into the report form:', `    ${reportSentence(entry, languageName, day)}`, '');
  }
  world.stdout.write(`${out.join('\n')}`);
  return 0;
}

const LANGUAGE_NAMES: Readonly<Record<string, string>> = { en: 'English', es: 'Spanish', fr: 'French' };

function reportCsv(reports: readonly UaReport[]): string {
  const rows = [['ua', 'target', 'name', 'channel', 'lang', 'state', 'to', 'sent_to', 'at']];
  for (const report of reports) {
    for (const letter of report.letters) {
      const sentTo = letter.to.filter((address) => letter.addresses[address] === 'sent');
      rows.push([letter.ua, letter.target, letter.name, letter.channel, letter.lang, letter.state, letter.to.join(' '), sentTo.join(' '), letter.at]);
    }
  }
  return toCsv(rows);
}
