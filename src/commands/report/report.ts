import { type CsvSeparator, toCsv } from '../../core/csv.js';
import { formatDate, parseIsoDate } from '../../core/dates.js';
import { withAnswers } from '../../core/follow-up.js';
import type { PluralKey } from '../../core/i18n.js';
import { normalizeId } from '../../core/ids.js';
import { addressList } from '../../core/outcomes.js';
import { buildReport, KINDS, type Kind, type UaReport } from '../../core/report.js';
import { authorsOf, reportSentence } from '../../core/report-authors.js';
import { displayWidth, padEnd } from '../../core/screen.js';
import { forTerminal, forTerminalDeep } from '../../core/shown.js';
import { readReplies, repliesFile } from '../../io/follow-up-state.js';
import { noteDamaged, readJournal } from '../../io/journal-read.js';
import { journalFile } from '../../io/paths.js';
import { loadLocale } from '../../io/repository.js';
import { fitting } from '../../io/style.js';
import { csvSeparator } from '../common/csv-separator.js';
import { CHANNEL_NAMES, OUTCOME_KEYS, SUBMITTED_OUTCOME_KEYS } from '../common/outcome-words.js';
import type { Context } from '../context.js';

export interface ReportOptions {
  json: boolean;
  /** One CSV row per letter. */
  csv: boolean;
  csvSep?: CsvSeparator;
}

/** Said for every UA, even at 0; calls' and posts' kinds only when there are some. */
const ALWAYS: readonly Kind[] = ['sent', 'prepared', 'failed', 'in doubt'];
/** Channels whose outcomes are told one by one: "2 answered, 1 voicemail". */
const BY_OUTCOME = new Set(['call', 'social', 'fax']);

export async function report(id: string | undefined, options: ReportOptions, ctx: Context): Promise<number> {
  const { world, t } = ctx;
  // 1. The journal, every readable line of it.
  const file = journalFile(world.env);
  const read = readJournal(t, file);
  const { entries } = read;
  noteDamaged(t, file, read, ctx.note);
  // What came back from the officials, as the volunteer said: beside the actions, never among them.
  const replies = readReplies(repliesFile(world.env));
  const built = buildReport(entries, id === undefined ? undefined : normalizeId(id));
  const all = replies ? withAnswers(built, replies) : built;

  // 2. For programs: JSON, or one CSV row per letter (an empty list, or just the header, when nothing is recorded).
  if (options.json) {
    world.stdout.write(`${JSON.stringify(all.map(reportJson), null, 2)}\n`);
    return 0;
  }
  // A journal edited by hand may hold anything: what is printed as text is shown safely.
  const reports = forTerminalDeep(all);
  if (options.csv) {
    world.stdout.write(reportCsv(reports, csvSeparator(options.csvSep, world.env)));
    return 0;
  }
  if (reports.length === 0) {
    // Nothing to report is an answer, not an error.
    ctx.note(id ? t('report.nothingFor', { id: forTerminal(normalizeId(id)), file }) : t('report.nothing', { file }));
    ctx.note(`  ${t('report.whatCounts')}`);
    return 0;
  }

  // 3. For people: totals, the breakdown, and the sentences for the UA's report form; at a
  // terminal, each sentence to paste is broken between words, under its first word.
  world.stdout.write((await fitting(world.stdout, world.env))(textReport(reports, ctx)));
  return 0;
}

/** Each UA: its totals, by channel and language, and what to paste into its report form. */
function textReport(reports: readonly UaReport[], ctx: Context): string {
  const { world, t } = ctx;
  const style = ctx.style(world.stdout);
  const inUi = loadLocale(t, ctx.uiLang);
  const day = (iso: string) => {
    const date = parseIsoDate(iso.slice(0, 10));
    return date ? formatDate(date, inUi) : iso.slice(0, 10);
  };
  const counted = (counts: Record<Kind, number>, all: boolean) =>
    KINDS.filter((kind) => (all && ALWAYS.includes(kind)) || counts[kind] > 0)
      .map((kind) => t(KIND_KEYS[kind], { count: counts[kind] }))
      .join(', ');
  const out: string[] = [];
  for (const entry of reports) {
    out.push(style.bold(t('punct.labelled', { label: t('report.heading', { id: entry.ua }), value: counted(entry.totals, true) })));
    // "email/es" as the volunteer says it: "e-mail/es", "correo postal/es".
    const buckets = Object.entries(entry.byChannel).map(([bucket, counts]) => {
      const [channel = '', lang = ''] = bucket.split('/');
      const told = BY_OUTCOME.has(channel) ? outcomesTold(entry.outcomes[bucket] ?? {}, ctx) : counted(counts, false);
      return [`${CHANNEL_NAMES[channel] ? t(CHANNEL_NAMES[channel]) : channel}/${lang}`, told] as const;
    });
    const width = Math.max(10, ...buckets.map(([name]) => displayWidth(name)));
    for (const [name, told] of buckets) out.push(`  ${padEnd(name, width)} ${told}`);
    const replies = repliesTold(entry, ctx);
    if (replies) out.push(`  ${t('punct.labelled', { label: t('report.replies'), value: replies })}`);
    // One person's letters: their sentence, as it always was. A machine several people used, or
    // an evening's pack: a sentence each, never "I prepared 9 letters" for everyone at once.
    const authors = authorsOf(entry);
    const [only] = authors;
    if (authors.length === 1 && only?.kind === 'signer') out.push(`  ${t('report.paste')}`, `    ${reportSentence(t, entry.ua, only, day)}`, '');
    else {
      out.push(`  ${t('report.pasteEach')}`);
      for (const author of authors.slice(0, LISTED)) {
        const counts = counted(author.totals, false);
        const label =
          author.kind === 'pack'
            ? t('report.byPack', { folder: author.name, counts })
            : t('report.bySigner', { name: author.name || t('report.nameRemoved'), counts });
        out.push(`    ${label}`, `      ${reportSentence(t, entry.ua, author, day)}`);
      }
      if (authors.length > LISTED) out.push(`    ${t('report.moreAuthors', { count: authors.length - LISTED })}`);
      out.push('');
    }
  }
  return out.join('\n');
}

/** "2 answered, 1 voicemail, 1 no answer": a call's or a post's outcomes, each counted. */
function outcomesTold(outcomes: Readonly<Record<string, number>>, { t }: Context): string {
  return Object.entries(OUTCOME_KEYS)
    .filter(([state]) => (outcomes[state] ?? 0) > 0)
    .map(([state, key]) => t(key, { count: outcomes[state] ?? 0 }))
    .join(', ');
}

/** "1 reply received, 2 with no reply": the answers about replies, when there are some. */
function repliesTold({ replies }: UaReport, { t }: Context): string {
  return Object.entries(replies ?? {})
    .filter(([, count]) => count > 0)
    .map(([answer, count]) => t(SUBMITTED_OUTCOME_KEYS[answer] ?? 'tally.outcome.reply', { count }))
    .join(', ');
}

/** People and packs given a sentence each; the others are counted (--csv lists every letter). */
const LISTED = 20;

const KIND_KEYS: Readonly<Record<Kind, PluralKey>> = {
  sent: 'report.kind.sent',
  prepared: 'report.kind.prepared',
  failed: 'report.kind.failed',
  'in doubt': 'report.kind.inDoubt',
  done: 'report.kind.done',
  'to do': 'report.kind.toDo',
};

/** A UA's report for programs: snake_case keys only, and lists where the report keys by data. */
function reportJson(report: UaReport) {
  const counts = (totals: Record<Kind, number>) => ({
    sent: totals.sent,
    prepared: totals.prepared,
    done: totals.done,
    to_do: totals['to do'],
    failed: totals.failed,
    in_doubt: totals['in doubt'],
  });
  return {
    ua: report.ua,
    totals: counts(report.totals),
    by_channel: Object.entries(report.byChannel).map(([bucket, totals]) => {
      const [channel, lang] = bucket.split('/');
      return { channel, lang, ...counts(totals), outcomes: report.outcomes[bucket] ?? {} };
    }),
    // Each person (by the name they signed) and each print pack, with what they did.
    by_author: authorsOf(report).map((author) => ({ kind: author.kind, name: author.name, ...counts(author.totals) })),
    // What came back from the officials, as the volunteer said: answers, not actions.
    replies: {
      reply: report.replies?.reply ?? 0,
      acknowledged: report.replies?.acknowledged ?? 0,
      no_reply: report.replies?.['no-reply'] ?? 0,
      not_expected: report.replies?.['not-expected'] ?? 0,
    },
    first: report.first ?? null,
    last: report.last ?? null,
    // What a submission counts by (firstDone) is the submission's; --json's letters stay as they were.
    letters: report.letters.map(({ kind, addresses, signer, pack, reply, evening: _evening, firstDone: _firstDone, ...letter }) => ({
      ...letter,
      kind: kind.replace(' ', '_'),
      addresses: addressList(addresses),
      signer: signer || null,
      pack: pack ?? null,
      reply: reply ?? null,
    })),
  };
}

function reportCsv(reports: readonly UaReport[], separator: CsvSeparator): string {
  // signer, pack and reply last: a script that reads the first nine columns reads them as before.
  const rows = [['ua', 'target', 'name', 'channel', 'lang', 'state', 'to', 'sent_to', 'at', 'signer', 'pack', 'reply']];
  for (const report of reports) {
    for (const letter of report.letters) {
      const sentTo = letter.to.filter((address) => letter.addresses[address] === 'sent');
      const { ua, target, name, channel, lang, state, at, signer, pack, reply } = letter;
      rows.push([ua, target, name, channel, lang, state, letter.to.join(' '), sentTo.join(' '), at, signer, pack ?? '', reply ?? '']);
    }
  }
  return toCsv(rows, separator);
}
