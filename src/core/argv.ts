// What a command line asks for, read before the command line is parsed: the start (start.ts)
// loads only the command a run uses, and the registry (cli.ts) declares only its options.

/** The command a run will use, or whose help it shows: `ua -q compose …`, `ua help compose`. */
export function commandIn(argv: readonly string[]): string | undefined {
  const words = argv.filter((arg, index) => !arg.startsWith('-') && !/^--(actions-dir|lang-ui)$/.test(argv[index - 1] ?? ''));
  return words[0] === 'help' ? words[1] : words[0];
}

/** `ua --version` and nothing else (-v, or commander's own -V, which scripts written for it may use). */
export function asksVersion(argv: readonly string[]): boolean {
  return argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v' || argv[0] === '-V');
}
