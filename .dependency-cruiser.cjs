// The house's rules, checked by `npm test` (test/architecture.test.ts) and by hand with
// `npx depcruise src`. ARCHITECTURE.md says why each one is there.

/** Node's modules that reach the world: core may use none of them (node:url and node:crypto are pure functions). */
const IO_BUILTINS =
  '^(node:)?(fs|fs/promises|child_process|net|tls|http|https|http2|dns|os|process|worker_threads|cluster|dgram|readline|tty|sea|module|stream|v8|vm|inspector)$';

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'A module never depends on itself through others, type imports included: each layer can be read, and tested, on its own.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-is-pure',
      severity: 'error',
      comment: 'src/core is the letters and the rules: it imports only core, the generated tables and libraries, never io, commands or the command line.',
      from: { path: '^src/core/' },
      to: { path: '^src/', pathNot: ['^src/core/', '^src/generated/'] },
    },
    {
      name: 'core-touches-nothing',
      severity: 'error',
      comment: 'src/core reads no file, starts no process and opens no connection: that is what io is for.',
      from: { path: '^src/core/' },
      to: { dependencyTypes: ['core'], path: IO_BUILTINS },
    },
    {
      name: 'io-is-below-commands',
      severity: 'error',
      comment: 'src/io implements what commands need; it never imports a command or the command line.',
      from: { path: '^src/io/' },
      to: { path: ['^src/commands/', '^src/(cli|cli-help|run|main|worker)\\.ts$'] },
    },
    {
      name: 'commands-are-below-the-command-line',
      severity: 'error',
      comment: 'A command gets its context from run.ts, passed down; it never reaches back up to cli.ts or run.ts.',
      from: { path: '^src/commands/' },
      to: { path: '^src/(cli|cli-help|run|main|worker)\\.ts$' },
    },
    {
      name: 'shared-leaves',
      severity: 'error',
      comment: 'world.ts (the ports) and errors.ts are used by every layer, so they import only core.',
      from: { path: '^src/(world|errors)\\.ts$' },
      to: { path: '^src/', pathNot: ['^src/core/', '^src/generated/'] },
    },
    {
      name: 'only-the-entry-runs',
      severity: 'error',
      comment:
        'main.ts and run.ts are the entry and its error boundary: only main.ts and the other entries (worker.ts, the single executable start) import them.',
      from: { pathNot: '^src/(worker|main|sea/main)\\.ts$' },
      to: { path: '^src/(run|main)\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type imports are dependencies too: a cycle of types is a cycle of meaning.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^src/generated/' },
  },
};
