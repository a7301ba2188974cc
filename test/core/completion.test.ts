import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { completionScript } from '../../src/core/completion.js';

const commands = [
  {
    path: '',
    commands: ['write', "it's"],
    options: [
      { flags: ['-f', '--format'], takesValue: true, choices: ['a b', '$(x)'] },
      { flags: ['-q'], takesValue: false },
    ],
  },
  { path: 'write', commands: [], options: [], argument: 'id' as const },
];

describe('the table written into each script', () => {
  it('bash and zsh: one case branch per key, every word quoted so nothing in it is expanded', () => {
    const script = completionScript('bash', 'case "$1|$2|$3" in\n  @TABLE@\nesac', commands);
    expect(script).toBe(
      [
        'case "$1|$2|$3" in',
        `    'commands||') REPLY='write it'\\''s' ;;`,
        `    'options||') REPLY='-f --format -q' ;;`,
        `    'valued||') REPLY='-f --format' ;;`,
        `    'choices||-f'|'choices||--format') REPLY='a b $(x)' ;;`,
        `    'argument|write|') REPLY='@id' ;;`,
        'esac',
      ].join('\n'),
    );
    const words = spawnSync('bash', ['-c', `_w() { REPLY=; ${script}; printf '%s\\n' "$REPLY"; }; _w commands '' ''; _w choices '' --format`], {
      encoding: 'utf8',
    });
    expect(words.stdout).toBe("write it's\na b $(x)\n");
  });

  it('fish: one switch case per key, each word its own quoted argument', () => {
    const script = completionScript('fish', '  @TABLE@', commands);
    expect(script).toContain(`        case 'commands||'\n            printf '%s\\n' 'write' 'it\\'s'`);
    expect(script).toContain(`        case 'choices||-f' 'choices||--format'\n            printf '%s\\n' 'a b' '$(x)'`);
  });
});
