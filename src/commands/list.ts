import type { GlobalOptions } from '../cli.js';
import { letterLanguages } from '../core/action.js';
import { countryIn } from '../core/countries.js';
import { deadlineStatus, describeDeadline, localDay, parseIsoDate } from '../core/dates.js';
import { forTerminal, forTerminalDeep } from '../core/shown.js';
import { t, uiLanguage } from '../i18n.js';
import { loadLocale, Repository } from '../io/repository.js';
import { note, styleFor } from '../io/style.js';
import type { World } from '../world.js';

export async function list(options: { json: boolean }, globals: GlobalOptions, world: World): Promise<number> {
  // 1. Every UA the tool can see; broken files are named, not fatal.
  const { actions, broken } = await Repository.open(world.cwd, world.env, globals.actionsDir).catalogue();
  for (const { file, problems } of broken) {
    note(world.stderr, globals, `ua: ${t('list.skipped', { file: forTerminal(file), count: problems.length })}`);
  }
  const today = localDay(world.now());
  const inUi = loadLocale(uiLanguage());

  // 2. One row per UA, soonest deadline first.
  const rows = actions
    .map(({ action, file }) => {
      const deadline = parseIsoDate(action.deadline);
      const status = deadline ? deadlineStatus(deadline, today) : undefined;
      return {
        id: action.id,
        title: action.title,
        country: action.country,
        deadline: action.deadline,
        open: status?.open ?? false,
        days_left: status?.open ? status.daysLeft : null,
        deadline_text: deadline ? describeDeadline(deadline, today, inUi) : action.deadline,
        preferred_language: action.languages.preferred,
        languages: letterLanguages(action),
        file,
      };
    })
    .sort((a, b) => Number(b.open) - Number(a.open) || a.deadline.localeCompare(b.deadline));

  // 3. Out: JSON for programs, a table for people.
  if (options.json) {
    world.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  if (rows.length === 0) {
    note(world.stderr, globals, t('list.none'));
    return 0;
  }
  const style = styleFor(world.stdout, globals);
  const table = [
    [t('list.id'), t('list.title'), t('list.country'), t('list.deadline'), t('list.languages')],
    ...forTerminalDeep(rows).map((row) => [
      row.id,
      row.title,
      countryIn(row.country, uiLanguage()),
      row.deadline_text,
      row.languages.map((lang) => (lang === row.preferred_language ? `${lang}*` : lang)).join(' '),
    ]),
  ];
  const widths = table[0]?.map((_, column) => Math.max(...table.map((cells) => cells[column]?.length ?? 0))) ?? [];
  table.forEach((cells, index) => {
    const line = cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join('  ');
    const row = rows[index - 1];
    world.stdout.write(`${index === 0 ? style.bold(line) : row && !row.open ? style.dim(line) : line}\n`);
  });
  note(world.stderr, globals, style.dim(t('list.preferredNote')));
  return 0;
}
