import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { realText, writeCopy } from '../helpers/broken.js';
import { BIN, SPAWN_LIMIT_MS, stillRunning, tempHome, ua } from '../helpers/spawn.js';

// The scripts call `ua` as a shell finds it: a folder on PATH holds it, as an install would.
const { dir, env: home } = tempHome();
const bin = join(dir, 'bin');
mkdirSync(bin);
symlinkSync(BIN, join(bin, 'ua'));
const env = { ...home, PATH: `${bin}:${process.env.PATH}` };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const has = (shell: string) => spawnSync(shell, ['--version'], { stdio: 'ignore' }).error === undefined;

/** Runs a shell's code with ua on PATH; its stdout, failing on anything else. */
function shell(name: string, args: string[]): string {
  const result = spawnSync(name, args, { cwd: dir, env, encoding: 'utf8', timeout: SPAWN_LIMIT_MS });
  if (result.signal) throw stillRunning([name, ...args], SPAWN_LIMIT_MS);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout;
}

describe('ua completion', () => {
  it('bash: the script loads, and completes commands, options, choices and the UA ids ua sees', () => {
    // The completion function is called as bash calls it: COMP_WORDS, COMP_CWORD, then COMPREPLY.
    const out = shell('bash', [
      '-c',
      `source <(ua completion bash) || exit 1
      complete -p ua
      ask() { COMP_WORDS=("$@"); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); COMP_LINE="$*"; COMP_POINT=\${#COMP_LINE}; COMPREPLY=(); _ua; echo "$*|\${COMPREPLY[*]}"; }
      ask ua compose 1
      ask ua comp
      ask ua compose --fo
      ask ua compose --format m
      ask ua feed l
      ask ua profile ''
      ask ua compose 105.22 ''`,
    ]);
    expect(out.split('\n')).toEqual([
      'complete -o default -F _ua ua',
      'ua compose 1|105.22',
      'ua comp|compose completion',
      'ua compose --fo|--format --force',
      'ua compose --format m|markdown',
      'ua feed l|list',
      'ua profile |show edit clear',
      // Nothing to offer: bash then completes file names (complete -o default).
      'ua compose 105.22 |',
      '',
    ]);
  });

  it('bash: the ids are those of the folders named with --actions-dir, as ua would see them', () => {
    const folder = join(writeCopy(realText().replace('id: "105.22"', 'id: "106.26"'), '106.26.yaml'), '..');
    const out = shell('bash', [
      '-c',
      `source <(ua completion bash)
      COMP_WORDS=(ua --actions-dir '${folder}' show 10); COMP_CWORD=4; _ua; echo "\${COMPREPLY[*]}"`,
    ]);
    expect(out).toBe('106.26 105.22\n');
  });

  it.skipIf(!has('zsh'))('zsh: the script parses, and completes the UA ids and commands', () => {
    const script = join(dir, '_ua');
    writeFileSync(script, ua(['completion', 'zsh'], { env }).stdout);
    shell('zsh', ['-n', script]);
    // compadd and compdef only exist inside zsh's completion system: here they print what they are given.
    const out = shell('zsh', [
      '-c',
      `compdef() { print -- "compdef $*"; }
      compadd() { [[ $1 == -- ]] && shift; print -- "\${(j: :)@}"; }
      source ${script}
      words=(ua compose 1); CURRENT=3; _ua
      words=(ua comp); CURRENT=2; _ua`,
    ]);
    expect(out.split('\n')).toEqual(['compdef _ua ua', '105.22', expect.stringMatching(/^list show compose .*completion help$/), '']);
  });

  it.skipIf(!has('fish'))('fish: the script parses, and completes the UA ids and commands', () => {
    const script = join(dir, 'ua.fish');
    writeFileSync(script, ua(['completion', 'fish'], { env }).stdout);
    shell('fish', ['-n', script]);
    expect(shell('fish', ['-c', `source ${script}; complete -C 'ua compose 1'`])).toBe('105.22\n');
    expect(shell('fish', ['-c', `source ${script}; complete -C 'ua comp'`])).toBe('completion\ncompose\n');
  });

  it('names the shells when none is given; --ids prints the ids alone', () => {
    const none = ua(['completion'], { env });
    expect(none.code).toBe(2);
    expect(none.stderr).toBe(
      'ua: name your shell: ua completion bash, zsh or fish\n  To try it in this shell: source <(ua completion bash); in fish: ua completion fish | source.\n',
    );
    expect(ua(['completion', 'tcsh'], { env }).code).toBe(2);
    expect(ua(['completion', '--ids'], { env })).toEqual({ code: 0, stdout: '105.22\n', stderr: '' });
  });
});
