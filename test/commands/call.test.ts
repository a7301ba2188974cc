import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { wordCount } from '../../src/core/call-script.js';
import { ROOT } from '../helpers/paths.js';
import { fakeWorld, run, scriptedPrompter } from '../helpers/world.js';

/** A Monday morning in Washington (10:40), a Sunday night there (22:40 the day before). */
const MONDAY_MORNING = new Date('2026-12-07T15:40:00Z');
const SUNDAY_NIGHT = new Date('2026-12-07T03:40:00Z');
const ME = ['--name', 'Ana Pérez', '--city', 'Leeds'];
const SEED = readFileSync(join(ROOT, 'actions', '105.22.yaml'), 'utf8');

function callWorld(now = MONDAY_MORNING, more: Parameters<typeof fakeWorld>[0] = {}) {
  const captured = fakeWorld({ now: () => now, ...more });
  const journal = join(captured.world.cwd, 'journal.jsonl');
  captured.world = { ...captured.world, env: { ...captured.world.env, UA_JOURNAL: journal } };
  // Another run on the same journal, its output captured afresh.
  const fresh = () => fakeWorld({ now: () => now, cwd: captured.world.cwd, env: captured.world.env });
  return {
    ...captured,
    journal,
    fresh,
    lines: () =>
      readFileSync(journal, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line)),
  };
}

/** The seed with its UA id and targets changed: a folder of UA files for --actions-dir. */
function variant(world: { cwd: string }, id: string, edit: (text: string) => string): string {
  const dir = join(world.cwd, `actions-${id}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${id}.yaml`), edit(SEED.replace('id: "105.22"', `id: "${id}"`)));
  return dir;
}

describe('ua call without a terminal', () => {
  it('--format json: the number dialled from abroad, the time there, open or not, and the script with the caller filled in', async () => {
    const world = callWorld();
    const { code, stdout } = await run(['call', '105.22', '--lang', 'en', '--format', 'json', ...ME], world);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.targets).toEqual([
      expect.objectContaining({
        id: 'rivero',
        numbers: [{ written: '202 833 9860', international: '+1 202 833 9860', e164: '+12028339860' }],
        timezone: 'America/New_York',
        local_time: '2026-12-07T10:40',
        hours: 'Mo-Fr 09:00-17:00',
        hours_assumed: true,
        open: true,
        next_opening: null,
        last_outcome: null,
      }),
    ]);
    expect(json.script).toMatch(/^Hello, my name is Ana Pérez and I am calling from Leeds\. I am calling about Amnesty International's Urgent Action 105\.22/);
    // Nothing asked, nothing recorded.
    expect(() => readFileSync(world.journal)).toThrow();
  });

  it("on a Sunday night there: closed, and when it opens (their time, and the volunteer's)", async () => {
    const { code, stdout } = await run(['call', '105.22', '--lang', 'en', '--format', 'text', ...ME], callWorld(SUNDAY_NIGHT));
    expect(code).toBe(0);
    expect(stdout).toContain('Time there: Sunday 22:40 (America/New_York)');
    expect(stdout).toContain('⚠ It is Sunday there (22:40): the office is closed all day.');
    // The volunteer's own time is this machine's zone: the e2e tests fix it (TZ), this process's is its own.
    expect(stdout).toMatch(/It opens Monday 09:00 their time, which is \w+ \d\d:00 your time\./);
    const json = JSON.parse((await run(['call', '105.22', '--format', 'json', ...ME], callWorld(SUNDAY_NIGHT))).stdout);
    expect(json.targets[0]).toMatchObject({ open: false, next_opening: '2026-12-07T14:00:00.000Z', local_time: '2026-12-06T22:40' });
  });

  it.each(['en', 'es', 'fr'])("the seed's script in %s is read aloud in under a minute (at most 150 words)", async (lang) => {
    const { stdout } = await run(['call', '105.22', '--lang', lang, '--format', 'json', ...ME], callWorld());
    const script: string = JSON.parse(stdout).script;
    expect(script).toContain('Ana Pérez');
    expect(script).toContain('Leeds');
    expect(wordCount(script)).toBeLessThanOrEqual(150);
    expect(wordCount(script)).toBeGreaterThan(60);
  });

  it("the UA's own call_script, its name and city filled in, wins over the built one", async () => {
    const world = callWorld();
    const dir = variant(world.world, '901.26', (text) =>
      text.replace('call_script:\n', 'call_script:\n  en: "Hi, I am {{sender.name}} from {{sender.city}}. Please free the protesters."\n'),
    );
    const { code, stdout } = await run(['--actions-dir', dir, 'call', '901.26', '--lang', 'en', '--format', 'json', ...ME], world);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).script).toBe('Hi, I am Ana Pérez from Leeds. Please free the protesters.');
  });

  it('without a script of its own, one is built from the requests in that language (es, fr): under a minute', async () => {
    const world = callWorld();
    const asks = [
      'asks:',
      '  en: [Seek dialogue and end the unlawful use of force against protesters.]',
      '  es: [Buscar el diálogo y poner fin al uso ilegítimo de la fuerza contra los manifestantes.]',
      '  fr: [Rechercher le dialogue et mettre fin au recours illégal à la force contre les manifestants.]',
      '',
    ].join('\n');
    const dir = variant(world.world, '904.26', (text) => text.slice(0, text.indexOf('# What a caller says')).replace(/asks:\n( {2}- .*\n)+/, asks));
    const script = async (lang: string) =>
      JSON.parse((await run(['--actions-dir', dir, 'call', '904.26', '--lang', lang, '--format', 'json', ...ME], world.fresh())).stdout).script as string;
    expect(await script('es')).toBe(
      'Buenos días, mi nombre es Ana Pérez y le llamo desde Leeds. Le llamo en relación con la Acción Urgente 904.26 de Amnistía Internacional, relativa a Perú. Pido respetuosamente a las autoridades que atiendan estas peticiones: buscar el diálogo y poner fin al uso ilegítimo de la fuerza contra los manifestantes. Le agradezco su tiempo y que transmita mi mensaje. Muchas gracias.',
    );
    expect(await script('fr')).toContain('Je demande respectueusement aux autorités de donner suite à ces demandes\u00a0: rechercher le dialogue');
    for (const lang of ['en', 'es', 'fr']) expect(wordCount(await script(lang))).toBeLessThanOrEqual(150);
  });

  it('one list of requests (English) and no script in Spanish: --lang es is refused, with the languages there are', async () => {
    const world = callWorld();
    const dir = variant(world.world, '905.26', (text) => text.slice(0, text.indexOf('# What a caller says')));
    const { code, stderr } = await run(['--actions-dir', dir, 'call', '905.26', '--lang', 'es', '--format', 'json', ...ME], world);
    expect(code).toBe(2);
    expect(stderr).toBe('ua: UA 905.26 has no call script in "es", and no requests in it to make one\n  Choose one of: en.\n');
  });

  it('--outcome records the call; a later no-answer does not undo "spoke"; ua report counts calls by outcome', async () => {
    const world = callWorld();
    const first = await run(['call', '105.22', '--target', 'rivero', '--outcome', 'spoke', ...ME], world);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('Recorded: I spoke to someone.');
    await run(['call', '105.22', '--target', 'rivero', '--outcome', 'no-answer', ...ME], world);
    const [spoke, noAnswer] = world.lines();
    expect(spoke).toMatchObject({ v: 3, ua: '105.22', channel: 'call', state: 'spoke', target: 'rivero', target_name: 'Oswaldo de Rivero', lang: 'es' });
    expect(spoke).toMatchObject({ to: ['+12028339860'], addresses: { '+12028339860': 'spoke' }, sender: 'Ana Pérez', at: MONDAY_MORNING.toISOString() });
    expect(spoke.key).toMatch(/:call$/);
    expect(noAnswer.key).toBe(spoke.key);
    const report = await run(['report'], world.fresh());
    expect(report.stdout).toMatch(/call\/es +1 answered\n/);
    const json = JSON.parse((await run(['call', '105.22', '--format', 'json', ...ME], world.fresh())).stdout);
    expect(json.targets[0].last_outcome).toBe('spoke');
  });

  it('a wrong number is recorded, and ua report shows it', async () => {
    const world = callWorld();
    await run(['call', '105.22', '--target', 'rivero', '--outcome', 'wrong-number', '--lang', 'en', ...ME], world);
    expect((await run(['report'], world.fresh())).stdout).toMatch(/call\/en +1 wrong number\n/);
  });

  it('targets not yet reached come first', async () => {
    const world = callWorld();
    const dir = variant(world.world, '902.26', (text) => text.replace('    email:\n      - dboluarte@presidencia.gob.pe', '    phone:\n      - "01 311 3900"'));
    const args = ['--actions-dir', dir, 'call', '902.26'];
    expect(JSON.parse((await run([...args, '--format', 'json', ...ME], world)).stdout).targets.map((x: { id: string }) => x.id)).toEqual([
      'boluarte',
      'rivero',
    ]);
    await run([...args, '--target', 'boluarte', '--outcome', 'voicemail', ...ME], world);
    const after = JSON.parse((await run([...args, '--format', 'json', ...ME], world.fresh())).stdout);
    expect(after.targets.map((x: { id: string }) => x.id)).toEqual(['rivero', 'boluarte']);
    expect(after.targets[0].timezone).toBe('America/New_York');
    expect(after.targets[1]).toMatchObject({ timezone: 'America/Lima', numbers: [expect.objectContaining({ international: '+51 1 3113900' })] });
  });

  it.each([
    [['--target', 'nobody', '--format', 'json'], 'ua: UA 105.22 has no target "nobody"'],
    [['--target', 'boluarte', '--format', 'json'], 'ua: boluarte has no phone number in UA 105.22'],
    [['--outcome', 'spoke'], 'ua: --outcome records one call: name the target with --target'],
    [[], 'ua: there is no terminal to ask how the call went'],
    [['--format', 'json', '--lang', 'de'], 'ua: UA 105.22 has no call script in "de", and no requests in it to make one'],
  ])('%j: one clear line and a hint, exit 2', async (args, line) => {
    const { code, stderr, stdout } = await run(['call', '105.22', ...args, ...ME], callWorld());
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.split('\n')[0]).toBe(line);
    expect(stderr.trim().split('\n')).toHaveLength(2);
  });

  it('a UA without phones: one line, exit 2', async () => {
    const world = callWorld();
    const dir = variant(world.world, '903.26', (text) => text.replace(/ {4}phone:\n {6}- "202 833 9860"\n/, ''));
    const { code, stderr } = await run(['--actions-dir', dir, 'call', '903.26', '--format', 'json', ...ME], world);
    expect(code).toBe(2);
    expect(stderr).toBe('ua: UA 903.26 gives no phone number for any target\n  "ua show 903.26" says how else to reach them.\n');
  });

  it('without the name and city, the flags to give are named', async () => {
    const { code, stderr } = await run(['call', '105.22', '--format', 'json'], callWorld());
    expect(code).toBe(2);
    expect(stderr).toMatch(/^ua: missing --name, --city/);
  });
});

describe('ua call at a terminal', () => {
  it('shows the number, the time there and the script, asks how it went, records it', async () => {
    const prompter = scriptedPrompter([
      [/Your name/, 'Ana Pérez'],
      [/Your city/, 'Leeds'],
      [/How did the call go/, 'voicemail'],
    ]);
    const world = callWorld(SUNDAY_NIGHT, { tty: true, prompter: async () => prompter });
    const { code, stderr } = await run(['call', '105.22', '--lang', 'en'], world);
    expect(code).toBe(0);
    expect(stderr).toContain('Call Oswaldo de Rivero, Embassy of Peru');
    expect(stderr).toContain('Number: +1 202 833 9860');
    expect(stderr).toContain('⚠ It is Sunday there (22:40)');
    expect(stderr).toContain('What to say (English):');
    expect(stderr).toContain('Recorded: I left a voicemail.');
    expect(world.lines()[0]).toMatchObject({ state: 'voicemail', channel: 'call', sender: 'Ana Pérez', lang: 'en' });
  });

  it('"no answer" stays to do: said, and offered again first next time', async () => {
    const prompter = scriptedPrompter([[/How did the call go/, 'no-answer']]);
    const world = callWorld(MONDAY_MORNING, { tty: true, prompter: async () => prompter });
    const { stderr } = await run(['call', '105.22', '--lang', 'en', ...ME], world);
    expect(stderr).toContain('"ua call 105.22" will offer Embassy of Peru again.');
    expect(world.lines()[0].state).toBe('no-answer');
  });
});

describe('the compose menu offers the call', () => {
  it('after the letters: "Also call Embassy of Peru? It is 10:40 there and the office is open", into the same call', async () => {
    const prompter = scriptedPrompter([
      [/About yourself|about yourself/, ''],
      [/personal paragraph/, ''],
      [/What would you like to do/, 'print'],
      [/^Also call Embassy of Peru\? It is 10:40 there and the office is open\.$/, true],
      [/How did the call go/, 'spoke'],
      [/Remember your details/, false],
    ]);
    const world = callWorld(MONDAY_MORNING, { tty: true, prompter: async () => prompter });
    const { code, stderr } = await run(['compose', '105.22', '--lang', 'en', '--target', 'all', ...ME, '--country', 'UK'], world);
    expect(code).toBe(0);
    expect(prompter.remaining()).toBe(0);
    expect(stderr).toContain('Call Oswaldo de Rivero, Embassy of Peru');
    expect(stderr).toContain('Hello, my name is Ana Pérez and I am calling from Leeds.');
    const calls = world.lines().filter((line) => line.channel === 'call');
    expect(calls).toEqual([expect.objectContaining({ state: 'spoke', target: 'rivero', lang: 'en', sender: 'Ana Pérez' })]);
  });

  it("on the office's Sunday night the offer says it is closed, and when it opens", async () => {
    const prompter = scriptedPrompter([
      [/about yourself/, ''],
      [/personal paragraph/, ''],
      [/What would you like to do/, 'print'],
      [/^Also call Embassy of Peru\? It is 22:40 there and the office is closed \(it opens Monday 09:00 their time\)\.$/, false],
      [/Remember your details/, false],
    ]);
    const world = callWorld(SUNDAY_NIGHT, { tty: true, prompter: async () => prompter });
    expect((await run(['compose', '105.22', '--lang', 'en', '--target', 'all', ...ME, '--country', 'UK'], world)).code).toBe(0);
    expect(prompter.remaining()).toBe(0);
    expect(world.lines().filter((line) => line.channel === 'call')).toEqual([]);
  });

  it('a call already answered is not offered again', async () => {
    const prompter = scriptedPrompter([
      [/about yourself/, ''],
      [/personal paragraph/, ''],
      [/What would you like to do/, 'print'],
      [/Remember your details/, false],
    ]);
    const world = callWorld(MONDAY_MORNING, { tty: true, prompter: async () => prompter });
    await run(['call', '105.22', '--target', 'rivero', '--outcome', 'voicemail', ...ME], world.fresh());
    expect((await run(['compose', '105.22', '--lang', 'en', '--target', 'all', ...ME, '--country', 'UK'], world)).code).toBe(0);
    expect(prompter.remaining()).toBe(0);
  });
});
