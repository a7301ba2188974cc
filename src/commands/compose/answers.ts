import { resolve } from 'node:path';
import { type Answers, type FieldProblem, fieldByKey, mergeAnswers, readAnswers } from '../../core/fields.js';
import type { Translate } from '../../core/i18n.js';
import { signerName } from '../../core/identity.js';
import { formatProblem } from '../../core/problems.js';
import { quoted } from '../../core/shown.js';
import { dataError } from '../../errors.js';
import { readInput, readStreamInput } from '../../io/read-input.js';
import type { World } from '../../world.js';
import type { AnswerFlags } from './composed.js';

/** An answers file or a note is a few kilobytes; a file far larger is not one. */
const MAX_ANSWERS_BYTES = 1024 * 1024;

/** What the volunteer gave for this run: an --answers file, then the flags over it. */
export async function givenAnswers(t: Translate, flags: AnswerFlags & { answers?: string }, world: World): Promise<Answers> {
  return mergeAnswers(flags.answers ? await answersFromFile(t, flags.answers, world) : {}, answersFromFlags(t, flags, world));
}

/** Answers given on the command line, checked field by field; problems name the flag. */
export function answersFromFlags(t: Translate, flags: AnswerFlags, world: World): Answers {
  const note = flags.noteFile
    ? readInput(t, resolve(world.cwd, flags.noteFile), MAX_ANSWERS_BYTES, `--note-file ${flags.noteFile}`).toString('utf8')
    : flags.note;
  const raw = {
    lang: flags.lang,
    targets: flags.target,
    name: flags.name,
    city: flags.city,
    country: flags.country,
    email: flags.email,
    address: flags.address,
    about: flags.about,
    note,
  };
  const { answers, problems } = readAnswers(t, raw);
  if (problems.length > 0) {
    const shown = (p: FieldProblem) => {
      const value = raw[p.key as keyof typeof raw];
      const item = Array.isArray(value) ? value[p.index ?? 0] : value;
      return typeof item === 'string' ? ` ${quoted(item)}` : '';
    };
    const lines = problems.map((p) => t('punct.labelled', { label: `${flagOf(p)}${shown(p)}`, value: p.message }));
    throw dataError(
      lines.length === 1 ? (lines[0] as string) : t('compose.optionsNotValid', { count: lines.length }),
      undefined,
      lines.length === 1 ? [] : lines,
    );
  }
  return answers;
}

/** An --answers file (YAML or JSON; "-" is stdin), with problems located in the file. */
export async function answersFromFile(t: Translate, path: string, world: World): Promise<Answers> {
  const shown = path === '-' ? '<stdin>' : path;
  const bytes =
    path === '-'
      ? await readStreamInput(t, world.stdin, MAX_ANSWERS_BYTES, '--answers -')
      : readInput(t, resolve(world.cwd, path), MAX_ANSWERS_BYTES, `--answers ${path}`);
  const text = bytes.toString('utf8');
  const { checkAnswersText } = await import('../../core/settings.js');
  const { answers, problems } = checkAnswersText(t, text, shown);
  if (!answers) throw dataError(t('compose.fileProblems', { file: shown, count: problems.length }), undefined, problems.map(formatProblem));
  return answers;
}

function flagOf(problem: FieldProblem): string {
  if (problem.key === 'note') return '--note';
  return fieldByKey.get(problem.key as never)?.flag ?? problem.key;
}

/**
 * The profile fills in only what belongs to the person who signs: a letter signed with another
 * name (Tom Lee on Margaret's laptop) takes none of Margaret's details — her email would
 * otherwise be Tom's Reply-To, and the journal would count Tom's letter as hers.
 */
export function sameSigner(profile: Answers, given: Answers): Answers {
  if (!given.name || !profile.name || signerName(given.name) === signerName(profile.name)) return profile;
  // The letter language the profile prefers is not a personal detail: it still applies (compose.ts).
  return {};
}
