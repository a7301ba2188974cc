import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type LoadedAction, letterLanguages } from '../../core/action.js';
import { countryCode, countryIn } from '../../core/countries.js';
import { deadlineStatus, describeDeadline, localDay, parseIsoDate } from '../../core/dates.js';
import { reportedShort } from '../../core/feed-totals.js';
import { tableLines } from '../../core/screen.js';
import { forTerminal, forTerminalDeep } from '../../core/shown.js';
import { readConfig } from '../../io/config.js';
import { type FeedTrust, feedDir, readState } from '../../io/feed-store.js';
import { stateDir } from '../../io/paths.js';
import { loadLocale, Repository } from '../../io/repository.js';
import { writeFileAtomically } from '../../io/staging.js';
import { unreportedUas } from '../../io/submissions.js';
import type { Style, World } from '../../world.js';
import { ago, type SourceOf, sourceName } from '../common/where-from.js';
import type { Context } from '../context.js';

export interface ListOptions {
  /** Expired UAs too. */
  all: boolean;
  /** Only the UAs of this country: its name in any language ua knows, or its code. */
  country?: string;
  json: boolean;
}

/** The UAs to act on, soonest deadline first; `--all` adds the expired ones. */
export async function list(options: ListOptions, ctx: Context): Promise<number> {
  const { world, t, note } = ctx;
  // 1. Every UA the tool can see; broken files are named, not fatal.
  const repository = await Repository.open(t, world, ctx.globals.actionsDirs);
  const { actions, broken } = await repository.catalogue();
  for (const { source, message } of repository.unreadable) note(forTerminal(`ua: ${t('list.sourceSkipped', { where: sourceName(t, source), message })}`));
  for (const { file, problems, changedSince: feed } of broken)
    note(`ua: ${feed ? t('list.skippedFeed', { file: forTerminal(file), feed }) : t('list.skipped', { file: forTerminal(file), count: problems.length })}`);

  // 2. One row per UA, soonest deadline first (JSON keeps every field, snake_case).
  const seen = seenBefore(world);
  const describe = rowOf(ctx, seen, unreportedUas(t, world.env), repository.trust);
  const all = actions
    .map(describe)
    .filter((row) => !options.country || sameCountry(row.country, options.country))
    .sort((a, b) => Number(b.open) - Number(a.open) || (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : 0));
  const rows = options.all ? all : all.filter((row) => row.open);
  remember(
    ctx,
    all.map((row) => row.id),
  );

  // 3. Out: JSON for programs, a table for people.
  if (options.json) {
    world.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  if (rows.length === 0) {
    const expired = all.length - rows.length;
    note(
      expired > 0 ? t('list.noneOpen', { count: expired }) : options.country ? t('list.noneFor', { country: forTerminal(options.country) }) : t('list.none'),
    );
    return 0;
  }
  const style = printTable(rows, ctx);
  note(style.dim(t('list.preferredNote')));
  if (rows.some((row) => row.reported)) note(style.dim(t('list.reportedNote')));
  if (rows.some((row) => row.unreported)) note(style.dim(t('list.unreportedNote', { mark: t('list.unreported') })));
  await sayFeedAges(rows, ctx);
  if (!options.all && all.length > rows.length) note(style.dim(t('list.moreExpired', { count: all.length - rows.length })));
  return 0;
}

type Row = ReturnType<ReturnType<typeof rowOf>>;

/** "Perú", "peru", "PE" and "Peru" are one country; a name ua does not know matches as written, case aside. */
function sameCountry(a: string, b: string): boolean {
  const key = (name: string) => countryCode(name) ?? name.trim().toLowerCase();
  return key(a) === key(b);
}

/** A UA as `ua list` shows it, and as its JSON gives it. */
function rowOf({ world, t, uiLang }: Context, seen: Set<string> | undefined, unreported: ReadonlySet<string>, trust: FeedTrust) {
  const today = localDay(world.now());
  const inUi = loadLocale(t, uiLang);
  return ({ action, file, source, hides }: LoadedAction) => {
    const deadline = parseIsoDate(action.deadline);
    const status = deadline ? deadlineStatus(deadline, today) : undefined;
    return {
      id: action.id,
      title: action.title,
      country: action.country,
      deadline: action.deadline,
      open: status?.open ?? false,
      days_left: status?.open ? status.daysLeft : null,
      deadline_text: deadline ? describeDeadline(t, deadline, today, inUi) : action.deadline,
      preferred_language: action.languages.preferred,
      languages: letterLanguages(action),
      file,
      source: source ?? ({ kind: 'bundled', dir: '' } as SourceOf),
      hides: hides ?? [],
      new: seen !== undefined && !seen.has(action.id),
      /** Actions in the journal not yet sent to the section (ua report <id> --submit). */
      unreported: unreported.has(action.id),
      /** The section's total, signed in its feed; null for a UA from anywhere else. */
      reported: (source?.feed ? trust.reported(file, source.feed) : undefined) ?? null,
    };
  };
}

/** The table, bold header and expired rows dim; returns the style it used. */
function printTable(rows: readonly Row[], ctx: Context): Style {
  const { world, t } = ctx;
  const style = ctx.style(world.stdout);
  const table = [
    [t('list.id'), t('list.title'), t('list.country'), t('list.deadline'), t('list.languages'), t('list.source')],
    ...forTerminalDeep(rows).map((row) => [
      `${row.id}${row.unreported ? ` ${t('list.unreported')}` : ''}${row.new ? ` ${t('list.new')}` : ''}`,
      row.title,
      countryIn(row.country, ctx.uiLang),
      row.deadline_text,
      row.languages.map((lang) => (lang === row.preferred_language ? `${lang}*` : lang)).join(' '),
      `${sourceName(t, row.source)}${row.reported ? ` · ${reportedShort(row.reported, ctx.uiLang)}` : ''}`,
    ]),
  ];
  // Columns measured as the terminal shows them: a title in Chinese takes twice its length.
  tableLines(table).forEach((line, index) => {
    const row = rows[index - 1];
    world.stdout.write(`${index === 0 ? style.bold(line) : row && !row.open ? style.dim(line) : line}\n`);
  });
  return style;
}

/** Each feed whose UAs are listed, and when it was last checked ("3 hours ago"). */
async function sayFeedAges(rows: readonly { source: SourceOf }[], { world, t, note }: Context): Promise<void> {
  const feeds = new Set(rows.flatMap((row) => (row.source.feed ? [row.source.feed] : [])));
  if (feeds.size === 0) return;
  const config = await readConfig(t, world.env);
  for (const name of feeds) {
    if (!config.feeds[name]) continue;
    const checked = readState(feedDir(world.env, name)).checked_at;
    note(t('list.feedChecked', { name, when: checked ? ago(t, checked, world.now()) : t('feed.never') }));
  }
}

/** The ids an earlier `ua list` showed, so new ones stand out; undefined the first time. */
function seenBefore(world: World): Set<string> | undefined {
  try {
    return new Set(JSON.parse(readFileSync(join(stateDir(world.env), 'seen.json'), 'utf8')) as string[]);
  } catch {
    return undefined;
  }
}

function remember({ world, t }: Context, ids: readonly string[]): void {
  try {
    const dir = stateDir(world.env);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const before = seenBefore(world) ?? new Set<string>();
    writeFileAtomically(t, { path: join(dir, 'seen.json'), force: true }, JSON.stringify([...new Set([...before, ...ids])].sort()));
  } catch {
    // Marking what is new is a nicety: a read-only home still lists.
  }
}
