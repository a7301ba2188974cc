import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PRYING_TEMPLATES, realText } from '../helpers/broken.js';
import { fakeWorld, run } from '../helpers/world.js';

// A property of the whole tool: whatever a UA file holds, `ua validate` and `ua compose` end
// with exit 0 or 2 and plain lines, never exit 1, never "This is a bug", never a stack trace.
// 1,000 random mutations of the real UA file, from a fixed seed (the failing seed is printed).
const ORIGINAL = realText();
const SENDER = ['--name', 'Ana Pérez', '--city', 'Leeds', '--country', 'Reino Unido', '--no-interactive'];
const TEMPLATES = [
  '{{sender.name}}',
  ...PRYING_TEMPLATES,
  '{{log "x"}}',
  '{{> partial}}',
  '{{#each action.subjects}}{{name}}{{/each}}',
  '{{process.env.HOME}}',
  '{{__proto__}}',
  '{{#if}}',
  '{{',
  '{{{target.name}}}',
  '{{sender.name.length}}',
];
const VALUES = ['42', '-1', '3.5', 'true', 'null', '[]', '{}', '[a, b]', '{x: 1}', '"2023-13-45"', '~', "''", '[[1]]', '!!binary aGVsbG8='];
const CONTROLS = ['\u001b[2J', '\u001b]0;owned\u0007', '\u0000', '\u0085', '\u202e', '\u0008'];

/** A small seeded generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(text: string, next: () => number): string {
  const lines = text.split('\n');
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T;
  const at = Math.floor(next() * lines.length);
  const line = lines[at] ?? '';
  switch (Math.floor(next() * 6)) {
    case 0:
      lines.splice(at, 1);
      break;
    case 1:
      lines[at] = line.includes(':') ? `${line.slice(0, line.indexOf(':') + 1)} ${pick(VALUES)}` : `${line} ${pick(VALUES)}`;
      break;
    case 2:
      lines[at] = `${line}${pick(TEMPLATES)}`;
      break;
    case 3:
      lines[at] = `${line.slice(0, Math.floor(line.length / 2))}${pick(CONTROLS)}${line.slice(Math.floor(line.length / 2))}`;
      break;
    case 4:
      lines.splice(at, 0, line);
      break;
    default:
      lines[at] = line.replace(/^(\s*)/, (indent) => (next() < 0.5 ? `${indent}  ` : indent.slice(2)));
  }
  return lines.join('\n');
}

const dir = mkdtempSync(join(tmpdir(), 'ua-mutations-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('1,000 random mutations of actions/105.22.yaml', () => {
  it('validate and compose end with exit 0 or 2, in plain lines', async () => {
    const seed = Number(process.env.UA_MUTATION_SEED ?? 20261128);
    const next = random(seed);
    const actions = join(dir, 'actions');
    mkdirSync(actions);
    const base = fakeWorld();
    const env = { ...base.world.env, XDG_CACHE_HOME: join(dir, 'cache') };
    for (let i = 0; i < 1000; i++) {
      let text = ORIGINAL;
      for (let k = 1 + Math.floor(next() * 3); k > 0; k--) text = mutate(text, next);
      writeFileSync(join(actions, '105.22.yaml'), text);
      for (const argv of [
        ['validate', join(actions, '105.22.yaml')],
        ['--actions-dir', actions, 'compose', '105.22', ...SENDER],
        ['--actions-dir', actions, 'show', '105.22'],
      ]) {
        const result = await run(argv, fakeWorld({ cwd: base.world.cwd, env }));
        const why = `seed ${seed}, mutation ${i}, ua ${argv.slice(-3).join(' ')}:\n${result.stderr}\n--- file:\n${text}`;
        expect([0, 2], why).toContain(result.code);
        expect(result.stderr, why).not.toMatch(/bug|\n\s+at /);
      }
    }
    rmSync(base.world.cwd, { recursive: true, force: true });
  });
});
