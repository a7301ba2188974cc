import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { readPrivateKey, signIndex } from '../../src/io/feed-keys.js';
import { realText } from '../helpers/broken.js';
import { homeJournalPath, journalEntry } from '../helpers/journal.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';
import { tempHome, uaAsync } from '../helpers/spawn.js';
import { type StaticServer, serveFolder } from '../helpers/static-server.js';
import { t } from '../helpers/words.js';

// A section sets where its volunteers report once, for the whole feed: `ua feed build
// --report-email`, signed into the index with the rest; a real web server on 127.0.0.1, `ua
// update` on a volunteer's machine, then `ua report <id> --submit` through the SMTP test server.

const SECTION = 'informes@seccion.example';
const OWN = 'oficina@seccion.example';

let server: StaticServer | undefined;
let smtp: TestSmtp | undefined;
const homes: string[] = [];
afterEach(async () => {
  await server?.close();
  await smtp?.close();
  server = undefined;
  smtp = undefined;
});
afterAll(() => {
  for (const dir of homes) rmSync(dir, { recursive: true, force: true });
});

type Home = ReturnType<typeof tempHome>;
function home(): Home {
  const made = tempHome();
  homes.push(made.dir, made.env.XDG_CACHE_HOME as string);
  return made;
}
const ua = (args: string[], where: Home, env: NodeJS.ProcessEnv = {}) =>
  uaAsync(args, { cwd: where.dir, env: { ...where.env, UA_HTTP_TIMEOUT: '3', ...env } }).done;

/** Two UAs: 201.26 names nowhere to report (the feed's address is its), 202.26 names its own. */
function section(): Home {
  const made = home();
  mkdirSync(join(made.dir, 'uas'));
  const uaFile = (id: string) => realText().replace('id: "105.22"', `id: "${id}"`).replace('deadline: 2023-03-07', 'deadline: 2027-06-30');
  writeFileSync(join(made.dir, 'uas', '201.26.yaml'), uaFile('201.26'));
  writeFileSync(join(made.dir, 'uas', '202.26.yaml'), uaFile('202.26').replace('\nreport:\n', `\nreport:\n  email: ${OWN}\n`));
  return made;
}

const build = (where: Home, ...extra: string[]) =>
  ua(['feed', 'build', 'uas', '--key', 'section.key', '--out', 'site', '--name', 'amnesty-test', '--force', ...extra], where);

/** The section's key and a feed built with its report address; a volunteer subscribed, with one action for each UA in their journal. */
async function subscribed(): Promise<{ sectionHome: Home; volunteer: Home }> {
  const sectionHome = section();
  const keygen = await ua(['feed', 'keygen', '--out', 'section.key'], sectionHome);
  expect(keygen.code).toBe(0);
  const built = await build(sectionHome, '--report-email', SECTION, '--report-url', 'https://www.seccion.example/informe');
  expect(built.code, built.stderr).toBe(0);
  server = await serveFolder(join(sectionHome.dir, 'site'));
  const volunteer = home();
  expect((await ua(['feed', 'add', 'section', server.url, '--key', keygen.stdout.trim()], volunteer)).code).toBe(0);
  const journal = homeJournalPath(volunteer.dir);
  mkdirSync(join(journal, '..'), { recursive: true });
  const lines = ['201.26', '202.26'].map((id) => JSON.stringify(journalEntry({ ua: id, key: `k${id}`, target: 'boluarte', to: ['presidenta@example.pe'] })));
  writeFileSync(journal, `${lines.join('\n')}\n`);
  return { sectionHome, volunteer };
}

describe("a feed's report address, for all its UAs", () => {
  it('build --report-email, serve, update: --submit sends to it without --to; a UA file that names its own keeps it; ua show names it', async () => {
    const { volunteer } = await subscribed();
    expect((await ua(['update'], volunteer)).code).toBe(0);
    smtp = await startSmtp();
    const mail = { UA_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, UA_FROM: 'buzon@proveedor.example' };
    const submitted = await ua(['report', '201.26', '--submit'], volunteer, mail);
    expect(submitted.code, submitted.stderr).toBe(0);
    expect(submitted.stderr).toContain(`UA 201.26: submission 1 sent to ${SECTION} (1 action)`);
    expect(smtp.delivered.map((message) => message.to)).toEqual([[SECTION]]);
    // The UA file's own address wins over the feed's.
    const own = await ua(['report', '202.26', '--submit', '--dry-run'], volunteer, mail);
    expect(own.stderr).toContain(`Above: the attachment that would go to ${OWN}, exactly.`);
    const shown = await ua(['show', '201.26'], volunteer);
    expect(shown.stdout).toMatch(new RegExp(`${SECTION} https://www\\.seccion\\.example/informe`));
  });

  it('an address changed on the host without a new signature: update refuses the index, and the counts still go where the section said', async () => {
    const { sectionHome, volunteer } = await subscribed();
    expect((await ua(['update'], volunteer)).code).toBe(0);
    expect((await build(sectionHome, '--report-email', SECTION)).code).toBe(0);
    const file = join(sectionHome.dir, 'site', 'index.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace(SECTION, 'harvest@attacker.example'));
    const update = await ua(['update'], volunteer);
    expect(update.stderr).toContain('the index is not signed by the feed');
    expect(update.code).toBe(1);
    const rehearsal = await ua(['report', '201.26', '--submit', '--dry-run'], volunteer);
    expect(rehearsal.stderr).toContain(`would go to ${SECTION}, exactly.`);
  });

  it('two addresses, or one with a line break, signed by the section all the same: update refuses the index', async () => {
    const { sectionHome, volunteer } = await subscribed();
    const file = join(sectionHome.dir, 'site', 'index.json');
    const original = readFileSync(file, 'utf8');
    for (const hostile of [`${SECTION}, harvest@attacker.example`, `${SECTION}\nBcc: harvest@attacker.example`]) {
      const json = Buffer.from(original.replace(JSON.stringify(SECTION), JSON.stringify(hostile)));
      writeFileSync(file, json);
      writeFileSync(`${file}.sig`, signIndex(json, readPrivateKey(t, join(sectionHome.dir, 'section.key'))));
      const update = await ua(['update'], volunteer);
      expect(update.stderr).toContain("not updated: the index's report address is not one address");
      expect(update.code).toBe(1);
    }
    const nowhere = await ua(['report', '201.26', '--submit', '--dry-run'], volunteer);
    expect(nowhere.code).toBe(2);
  });

  it('build refuses two addresses or a line break in one line, exit 2, and no feed is written; a rebuild that drops the address is warned', async () => {
    const sectionHome = section();
    expect((await ua(['feed', 'keygen', '--out', 'section.key'], sectionHome)).code).toBe(0);
    for (const [flag, value] of [
      ['--report-email', `${SECTION}, harvest@attacker.example`],
      ['--report-email', `${SECTION}\nBcc: harvest@attacker.example`],
      ['--report-url', 'https://www.seccion.example/informe https://attacker.example/'],
      ['--report-url', 'javascript:alert(1)'],
    ] as const) {
      const refused = await build(sectionHome, flag, value);
      expect(refused.code, `${flag} ${JSON.stringify(value)}`).toBe(2);
      expect(refused.stderr).toMatch(new RegExp(`^ua: ${flag} `));
      expect(refused.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
      expect(() => readFileSync(join(sectionHome.dir, 'site', 'index.json'))).toThrow();
    }
    expect((await build(sectionHome, '--report-email', SECTION)).code).toBe(0);
    const dropped = await build(sectionHome);
    expect(dropped.code).toBe(0);
    expect(dropped.stderr).toContain(`ua: warning: the feed last built in site had a report address (${SECTION}); this build has none`);
  });
});
