import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KEY, Terminal } from '../helpers/pty.js';
import { tempHome, ua } from '../helpers/spawn.js';

/** The seed's embassy in Washington: Monday 10:40 there, and Sunday 22:40 there (03:40 UTC on Monday). */
const MONDAY_MORNING = '2026-12-07T15:40:00Z';
const SUNDAY_NIGHT = '2026-12-07T03:40:00Z';

const CASES = [
  {
    lang: 'en',
    LANG: 'en_GB.UTF-8',
    // The volunteer's own zone, fixed: the machine's, as a person's laptop has it.
    TZ: 'Europe/London',
    open: 'The office is open now.',
    closed: '⚠ It is Sunday there (22:40): the office is closed all day.',
    opens: 'It opens Monday 09:00 their time, which is Monday 14:00 your time.',
    script: /Hello, my name is Ana Pérez and I am calling from Leeds\./,
    question: /How did the call go/,
    recorded: 'Recorded: I spoke to someone.',
  },
  {
    lang: 'es',
    LANG: 'es_ES.UTF-8',
    TZ: 'Europe/Madrid',
    open: 'La oficina está abierta ahora.',
    closed: '⚠ Allí es domingo (22:40): la oficina está cerrada todo el día.',
    opens: 'Abre el lunes, 09:00, hora local, es decir, el lunes, 15:00 en su hora.',
    script: /Buenos días\. Mi nombre es Ana Pérez y le llamo desde Leeds, en relación con la Acción Urgente 105\.22/,
    question: /Cómo fue la llamada/,
    recorded: 'Registrado: Hablé con alguien.',
  },
  {
    lang: 'fr',
    LANG: 'fr_FR.UTF-8',
    TZ: 'Europe/Paris',
    open: 'Le bureau est ouvert en ce moment.',
    closed: '⚠ Nous sommes dimanche sur place (22:40)\u00a0: le bureau est fermé toute la journée.',
    opens: 'Il ouvre lundi 09:00, heure locale, soit lundi 15:00 à votre heure.',
    script: /Bonjour\. Je m'appelle Ana Pérez et je vous appelle depuis Leeds au sujet de l'Action urgente 105\.22/,
    question: /Comment s'est passé l'appel/,
    recorded: "Enregistré\u00a0: J'ai parlé à quelqu'un.",
  },
];

/** The screen's text with its line breaks joined: a long line may be broken to the terminal's width. */
const flat = (screen: string) => screen.replace(/[ \t\r\n]+/g, ' ');

describe('ua call in a real terminal', () => {
  let terminal: Terminal | undefined;
  afterEach(() => {
    terminal?.kill();
    terminal = undefined;
  });

  describe.each(CASES)('in $lang', (language) => {
    it('a weekday morning there: the number, open, the script; "spoke" recorded', async () => {
      const { dir, env } = tempHome();
      terminal = new Terminal(['call', '105.22', '--lang', language.lang, '--name', 'Ana Pérez', '--city', 'Leeds'], {
        cwd: dir,
        env: { ...env, LANG: language.LANG, TZ: language.TZ, UA_NOW: MONDAY_MORNING },
      });
      await terminal.waitFor(language.question);
      const screen = flat(terminal.screen);
      expect(screen).toContain('+1 202 833 9860');
      expect(screen).toContain('10:40 (America/New_York)');
      expect(screen).toContain(language.open);
      expect(screen).toMatch(language.script);
      terminal.type(KEY.enter); // the first choice: spoke to someone
      expect(await terminal.exited).toBe(0);
      expect(flat(terminal.screen)).toContain(language.recorded);
      const [line] = readFileSync(join(dir, 'state', 'ua', 'journal.jsonl'), 'utf8')
        .trim()
        .split('\n');
      expect(JSON.parse(line as string)).toMatchObject({
        channel: 'call',
        state: 'spoke',
        lang: language.lang,
        to: ['+12028339860'],
        at: '2026-12-07T15:40:00.000Z',
      });
      rmSync(dir, { recursive: true, force: true });
    });

    it("a Sunday night there: the warning, and when it opens, their time and the volunteer's", async () => {
      const { dir, env } = tempHome();
      terminal = new Terminal(['call', '105.22', '--lang', language.lang, '--name', 'Ana Pérez', '--city', 'Leeds'], {
        cwd: dir,
        env: { ...env, LANG: language.LANG, TZ: language.TZ, UA_NOW: SUNDAY_NIGHT },
      });
      await terminal.waitFor(language.question);
      const screen = flat(terminal.screen);
      expect(screen).toContain(language.closed);
      expect(screen).toContain(language.opens);
      // "I did not call": the last choice; nothing recorded.
      for (let i = 0; i < 4; i++) terminal.type(KEY.down);
      terminal.type(KEY.enter);
      expect(await terminal.exited).toBe(0);
      expect(() => readFileSync(join(dir, 'state', 'ua', 'journal.jsonl'))).toThrow();
      rmSync(dir, { recursive: true, force: true });
    });
  });

  it('without a terminal: --outcome records, --format json prints, and ua call 105.22 alone says what to give', async () => {
    const { dir, env } = tempHome();
    const fixed = { ...env, UA_NOW: MONDAY_MORNING, TZ: 'Europe/London' };
    const me = ['--name', 'Ana Pérez', '--city', 'Leeds'];
    expect(ua(['call', '105.22', '--target', 'rivero', '--outcome', 'voicemail', ...me], { cwd: dir, env: fixed }).code).toBe(0);
    const json = JSON.parse(ua(['call', '105.22', '--format', 'json', ...me], { cwd: dir, env: fixed }).stdout);
    expect(json.targets[0]).toMatchObject({ local_time: '2026-12-07T10:40', open: true, last_outcome: 'voicemail' });
    const bare = ua(['call', '105.22'], { cwd: dir, env: fixed });
    expect(bare.code).toBe(2);
    expect(bare.stderr.split('\n')[0]).toBe('ua: there is no terminal to ask how the call went');
    rmSync(dir, { recursive: true, force: true });
  });
});
