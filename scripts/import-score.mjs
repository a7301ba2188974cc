#!/usr/bin/env node
// How many of the facts `ua import` gets right, on a folder of documents and the UA files they
// should give: node scripts/import-score.mjs [folder] (default test/fixtures/documents).
// Each document <name>.txt/.html/.pdf is scored against <folder>/expected/<name>.yaml (the facts
// a coordinator checked; a fact the expected file leaves out is not scored, but a target or an
// email the document does not have is counted as invented). Run `node scripts/build.mjs` first.
// The real documents coordinators have stay outside the project: point this at their folder.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const folder = resolve(process.argv[2] ?? join(root, 'test/fixtures/documents'));
const plain = (value) => (typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : JSON.stringify(value));

/** The facts of a UA file, each a path and a value: the head, every target's, each ask, the letters' openings. */
function factsOf(data) {
  const facts = new Map();
  const add = (path, value) => value !== undefined && value !== null && facts.set(path, plain(value));
  for (const key of ['id', 'title', 'country', 'deadline', 'issued', 'take_action']) add(key, data[key]);
  add('languages.preferred', data.languages?.preferred);
  for (const [i, subject] of (data.subjects ?? []).entries()) add(`subjects[${i}]`, `${subject.name} (${subject.pronouns ?? ''})`);
  for (const [i, ask] of (Array.isArray(data.asks) ? data.asks : []).entries()) add(`asks[${i}]`, ask);
  for (const [i, target] of (data.targets ?? []).entries()) {
    for (const key of ['name', 'title', 'copy']) add(`targets[${i}].${key}`, target[key]);
    for (const [lang, salutation] of Object.entries(target.salutation ?? {})) add(`targets[${i}].salutation.${lang}`, salutation);
    for (const email of target.email ?? []) add(`targets[${i}].email ${email}`, email);
  }
  for (const [lang, letter] of Object.entries(data.letters ?? {})) add(`letters.${lang}.start`, plain(letter.body).slice(0, 60));
  return facts;
}

const totals = { right: 0, missed: 0, wrong: 0, invented: 0 };
const documents = readdirSync(folder).filter((name) => ['.txt', '.html', '.pdf'].includes(extname(name)));
for (const name of documents) {
  const expectedFile = join(folder, 'expected', `${basename(name, extname(name))}.yaml`);
  if (!existsSync(expectedFile)) continue;
  const run = spawnSync(process.execPath, [join(root, 'bin/ua.js'), 'import', join(folder, name), '--json'], { encoding: 'utf8' });
  const found = run.stdout ? factsOf(JSON.parse(run.stdout)) : new Map();
  const expected = factsOf(parse(readFileSync(expectedFile, 'utf8')));
  const score = { right: 0, missed: 0, wrong: 0, invented: 0 };
  const notes = [];
  for (const [path, value] of expected) {
    const got = found.get(path);
    // An expected letter's opening is its start: the found one need only begin with it.
    const same = got === value || (path.endsWith('.start') && got?.startsWith(value.slice(0, 40)));
    const outcome = same ? 'right' : got === undefined ? 'missed' : 'wrong';
    score[outcome]++;
    if (outcome !== 'right') notes.push(`  ${outcome} ${path}: ${got ?? '-'} (expected ${value})`);
  }
  // A target or an email the expected file does not have: the import made it up.
  const targetsExpected = new Set([...expected.keys()].map((path) => /^targets\[\d+\]/.exec(path)?.[0]));
  for (const path of found.keys()) {
    const target = /^targets\[\d+\]/.exec(path)?.[0];
    if ((path.endsWith('.name') && target && !targetsExpected.has(target)) || (path.includes('.email ') && !expected.has(path))) {
      score.invented++;
      notes.push(`  invented ${path}`);
    }
  }
  for (const key of Object.keys(totals)) totals[key] += score[key];
  const all = score.right + score.missed + score.wrong;
  console.log(`${name}: ${score.right}/${all}${notes.length ? `\n${notes.join('\n')}` : ''}`);
}
const all = totals.right + totals.missed + totals.wrong;
console.log(
  `\n${totals.right} of ${all} facts right (${all ? ((100 * totals.right) / all).toFixed(1) : '0'}%): ${totals.missed} missed, ${totals.wrong} wrong, ${totals.invented} invented`,
);
