import { basename, extname, resolve } from 'node:path';
import { sha256Hex } from '../../core/digest.js';
import { checkFeedName, type FeedEntry, type FeedIndex, MAX_FEED_FILE_BYTES } from '../../core/feeds.js';
import type { Translate } from '../../core/i18n.js';
import { normalizeId } from '../../core/ids.js';
import { formatProblem, type Problem } from '../../core/problems.js';
import { forTerminal, quoted } from '../../core/shown.js';
import { dataError, UaError, usageError } from '../../errors.js';
import { newKeyPair, publicKeyOf, readPrivateKey, signIndex } from '../../io/feed-keys.js';
import { readInput } from '../../io/read-input.js';
import { actionFilesIn, localeCodes } from '../../io/repository.js';
import { staged, writeFileAtomically } from '../../io/staging.js';
import { utf8Source } from '../../io/text-encoding.js';
import { decideInteractive } from '../common/interactivity.js';
import type { Context } from '../context.js';
import { feedReport, noteDroppedReport } from './report.js';
import { withTallies } from './tallies.js';

export interface KeygenOptions {
  /** Where the private key goes. */
  out?: string;
  force: boolean;
}

export interface BuildOptions {
  /** The private key file. */
  key?: string;
  /** The feed's folder, written whole. */
  out?: string;
  /** The feed's name in its index; asked at a terminal when not given, required without one. */
  name?: string;
  /** The coordinator's totals (`ua tally --json`), signed into the index. */
  tallies?: string;
  /** The day those totals were added up (YYYY-MM-DD); today when not given. */
  talliedOn?: string;
  /** Where the feed's volunteers report their actions, for every UA whose file names nowhere. */
  reportEmail?: string;
  reportUrl?: string;
  force: boolean;
}

// `ua feed keygen` and `ua feed build`: for a section that publishes its UAs (keygen once, build each time).

/** A key pair: the private key into a file only its owner reads; the public key, one line, on stdout. */
export async function feedKeygen(flags: KeygenOptions, ctx: Context): Promise<number> {
  const { world, t } = ctx;
  if (!flags.out) throw usageError(t('feed.keygenNeedsOut'), t('feed.keygenNeedsOutHint'));
  const { privatePem, publicLine } = newKeyPair();
  writeFileAtomically(t, { path: resolve(world.cwd, flags.out), force: flags.force, mode: 0o600, shown: flags.out }, privatePem);
  world.stdout.write(`${publicLine}\n`);
  ctx.note(t('feed.keygenDone', { file: forTerminal(flags.out) }));
  ctx.note(`  ${t('feed.keygenHint')}`);
  return 0;
}

/**
 * A feed's folder, ready for any static host: every UA file of `folder` checked (one problem
 * refuses the build), copied as <id>.yaml, and index.json with its signature.
 */
export async function feedBuild(folder: string, flags: BuildOptions, ctx: Context): Promise<number> {
  const { world, t } = ctx;
  if (!flags.key || !flags.out) throw usageError(t('feed.buildNeeds'), t('feed.buildNeedsHint'));
  // The name is the section's to choose: never the output folder's ("site", "public").
  const interactive = decideInteractive(t, {}, world);
  if (flags.name === undefined && !interactive) throw usageError(t('feed.buildNeedsName'));
  const badName = flags.name === undefined ? undefined : checkFeedName(t, flags.name);
  if (badName) throw usageError(t('punct.labelled', { label: `--name ${quoted(flags.name ?? '')}`, value: badName }));
  const report = feedReport(flags, ctx);
  const privateKey = readPrivateKey(t, resolve(world.cwd, flags.key));
  const files = (() => {
    try {
      return actionFilesIn(t, resolve(world.cwd, folder));
    } catch (error) {
      // Said without the hint about --actions-dir, which is not what is wrong here.
      throw error instanceof UaError ? new UaError(error.kind, error.message) : error;
    }
  })();
  if (files.length === 0) throw dataError(t('feed.buildEmpty', { folder }));

  // 1. Every file checked, every problem said at once.
  const { entries, problems } = await checkedFiles(t, files);
  if (problems.length > 0) throw dataError(t('feed.buildRefused', { count: problems.length }), t('feed.buildRefusedHint'), problems.map(formatProblem));
  const uas = withTallies(
    entries.map(({ entry }) => entry),
    flags.tallies,
    flags.talliedOn,
    ctx,
  );

  // 2. The index, signed; the folder replaced whole (only one ua made, with --force).
  const name = flags.name ?? (await askFeedName(ctx));
  const out = resolve(world.cwd, flags.out);
  const index: FeedIndex = {
    feed: name,
    built_at: world.now().toISOString(),
    ...(report ? { report } : {}),
    uas: uas.sort((a, b) => a.id.localeCompare(b.id)),
  };
  noteDroppedReport(flags.out, report, ctx);
  const json = Buffer.from(`${JSON.stringify(index, null, 2)}\n`);
  await staged(t, { path: out, kind: 'folder', force: flags.force, shown: flags.out }, undefined, (stage) => {
    for (const { entry, bytes } of entries) stage.write(entry.file, bytes);
    stage.write('index.json', json);
    stage.write('index.json.sig', signIndex(json, privateKey));
  });
  ctx.note(t('feed.built', { count: entries.length, folder: forTerminal(flags.out) }));
  ctx.note(`  ${t('feed.builtHint', { key: publicKeyOf(privateKey) })}`);
  return 0;
}

/** Each UA file of the folder, checked and entered as the index lists it; the problems of all of them. */
async function checkedFiles(t: Translate, files: readonly string[]): Promise<{ entries: { entry: FeedEntry; bytes: Buffer }[]; problems: Problem[] }> {
  const { checkActionText } = await import('../../core/validate-action.js');
  const problems: Problem[] = [];
  const entries: { entry: FeedEntry; bytes: Buffer }[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const bytes = readInput(t, file, MAX_FEED_FILE_BYTES, file);
    const decoded = utf8Source(t, bytes, file);
    const checked =
      'problem' in decoded
        ? { action: undefined, problems: [decoded.problem] }
        : checkActionText(t, decoded.text, file, localeCodes(), basename(file, extname(file)));
    if (!checked.action) {
      problems.push(...checked.problems);
      continue;
    }
    const { action } = checked;
    const earlier = seen.get(action.id);
    if (earlier) problems.push({ file, line: 1, col: 1, path: 'id', message: t('feed.sameId', { id: action.id, other: earlier }) });
    seen.set(action.id, file);
    const entry = { id: action.id, title: action.title, country: action.country, deadline: action.deadline, file: `${normalizeId(action.id)}.yaml` };
    entries.push({ entry: { ...entry, sha256: sha256Hex(bytes), size: bytes.length }, bytes });
  }
  return { entries, problems };
}

/** The feed's name, asked at a terminal and checked as --name is. */
async function askFeedName({ world, t, style }: Context): Promise<string> {
  const prompter = await world.prompter(style(world.stderr), t);
  const name = await prompter.input(t('feed.askName'), {
    validate: (text) => (text.trim() === '' ? t('ask.required') : checkFeedName(t, text.trim())),
  });
  return name.trim();
}
