/**
 * What a shell completes for ua, as a table every completion script reads: for each command
 * (by its path: "" is ua itself, "feed add" a subcommand) its subcommands, its options, those
 * that take a value, the values an option allows, and what its first argument is. The scripts'
 * code is in templates/completion/; only this table is written into them.
 */
export interface CompletionCommand {
  /** "", "compose", "feed add". */
  path: string;
  commands: string[];
  options: { flags: string[]; takesValue: boolean; choices?: readonly string[] }[];
  /** Its first argument: a UA id (the scripts ask `ua completion --ids`), words to choose from, or anything (files). */
  argument?: 'id' | readonly string[];
}

/** One line of the table: the keys it answers ("kind|path|option") and its words. */
interface Row {
  keys: string[];
  words: readonly string[];
}

/** The table's rows; empty ones are left out (a key not found answers nothing). */
function rows(commands: readonly CompletionCommand[]): Row[] {
  const out: Row[] = [];
  const add = (keys: string[], words: readonly string[]) => {
    if (words.length > 0) out.push({ keys, words });
  };
  for (const { path, commands: subcommands, options, argument } of commands) {
    add([`commands|${path}|`], subcommands);
    add(
      [`options|${path}|`],
      options.flatMap((option) => option.flags),
    );
    add(
      [`valued|${path}|`],
      options.filter((option) => option.takesValue).flatMap((option) => option.flags),
    );
    for (const option of options) {
      if (option.choices)
        add(
          option.flags.map((flag) => `choices|${path}|${flag}`),
          option.choices,
        );
    }
    if (argument) add([`argument|${path}|`], argument === 'id' ? ['@id'] : argument);
  }
  return out;
}

/** A word for sh, bash or zsh, in single quotes: nothing in it is expanded. */
function shQuoted(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** A word for fish, in single quotes, where only \' and \\ are escapes. */
function fishQuoted(word: string): string {
  return `'${word.replace(/[\\']/g, (char) => `\\${char}`)}'`;
}

/** The table as the branches of a `case` (bash and zsh): each sets REPLY to its words. */
function shTable(commands: readonly CompletionCommand[]): string {
  return rows(commands)
    .map(({ keys, words }) => `    ${keys.map(shQuoted).join('|')}) REPLY=${shQuoted(words.join(' '))} ;;`)
    .join('\n');
}

/** The table as the branches of a fish `switch`: each prints its words, one a line. */
function fishTable(commands: readonly CompletionCommand[]): string {
  return rows(commands)
    .flatMap(({ keys, words }) => [`        case ${keys.map(fishQuoted).join(' ')}`, `            printf '%s\\n' ${words.map(fishQuoted).join(' ')}`])
    .join('\n');
}

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** The shell's script (its template) with ua's table in place of the line holding @TABLE@. */
export function completionScript(shell: Shell, template: string, commands: readonly CompletionCommand[]): string {
  const table = shell === 'fish' ? fishTable(commands) : shTable(commands);
  return template.replace(/^.*@TABLE@.*$/m, () => table);
}
