import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { parseSubmission, SUBMISSION_MIME, type Submission } from '../../src/core/submission.js';
import { FIXTURES } from '../helpers/paths.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';
import { tempHome, uaAsync } from '../helpers/spawn.js';

/** The section's report address: what a coordinator's mailbox receives. */
const SECTION = 'informes@seccion.example';

interface Volunteer {
  name: string;
  email: string;
  address: string;
  note: string;
  dir: string;
  env: NodeJS.ProcessEnv;
}

const homes: string[] = [];
afterAll(() => {
  for (const dir of homes) rmSync(dir, { recursive: true, force: true });
});

let smtp: TestSmtp | undefined;
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
});

function volunteer(name: string, email: string, address: string, note: string, server: TestSmtp): Volunteer {
  const { dir, env } = tempHome();
  homes.push(dir, env.XDG_CACHE_HOME as string);
  // The address the submissions are sent from: the volunteer's mailbox at their provider, not the one they sign letters with.
  const sendEnv = { ...env, UA_SMTP_URL: `smtp://127.0.0.1:${server.port}`, UA_FROM: `buzon${homes.length}@proveedor.example` };
  return { name, email, address, note, dir, env: sendEnv };
}

async function run(who: Volunteer, args: string[]) {
  return uaAsync(['--actions-dir', FIXTURES, ...args], { cwd: who.dir, env: who.env }).done;
}

/** Letters by email to the targets named, each signed with the volunteer's details and a note of their own. */
async function act(who: Volunteer, targets: string[]) {
  const sender = ['--name', who.name, '--city', 'Leeds', '--country', 'Reino Unido', '--email', who.email, '--address', who.address, '--note', who.note];
  const result = await run(who, ['compose', '901.26', ...sender, ...targets.flatMap((target) => ['--target', target]), '--send', '--yes']);
  expect(result.code, result.stderr).toBe(0);
  return result;
}

const submit = (who: Volunteer, ...more: string[]) => run(who, ['report', '901.26', '--submit', '--to', SECTION, ...more]);

interface Parsed {
  defects: number;
  text: string;
  attachments: { type: string; filename: string; data: string }[];
}

/** A message as Python's email package reads it (policy.strict): its defects, its text part, its attachments' bytes. */
function parseWithPython(raw: string): Parsed {
  const folder = mkdtempSync(join(tmpdir(), 'ua-submit-eml-'));
  try {
    const file = join(folder, 'message.eml');
    writeFileSync(file, raw, 'latin1');
    const script = [
      'import email, email.policy, json, sys',
      'm = email.message_from_bytes(open(sys.argv[1], "rb").read(), policy=email.policy.strict)',
      'text = m.get_body(preferencelist=("plain",)).get_content()',
      'atts = [{"type": p.get_content_type(), "filename": p.get_filename(), "data": p.get_payload(decode=True).decode("utf-8")} for p in m.iter_attachments()]',
      'print(json.dumps({"defects": len(m.defects) + sum(len(p.defects) for p in m.walk()), "text": text, "attachments": atts}))',
    ].join('\n');
    return JSON.parse(execFileSync('python3', ['-c', script, file], { encoding: 'utf8' })) as Parsed;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The submissions the section's address received, read back as ua tally would. */
function received(server: TestSmtp): { raw: string; parsed: Parsed; submission: Submission; json: string }[] {
  return server.delivered
    .filter((message) => message.to.includes(SECTION))
    .map(({ raw }) => {
      const parsed = parseWithPython(raw);
      expect(parsed.defects).toBe(0);
      expect(parsed.attachments).toHaveLength(1);
      const [attachment] = parsed.attachments;
      expect(attachment?.type).toBe(SUBMISSION_MIME);
      const read = parseSubmission(attachment?.data ?? '');
      if (!('submission' in read)) throw new Error(`not a submission: ${JSON.stringify(read)}`);
      return { raw, parsed, submission: read.submission, json: attachment?.data ?? '' };
    });
}

/** A port nothing listens on: one the system gave and took back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const counted = (submission: Submission) => submission.counts.map(({ channel, lang, outcome, count }) => [channel, lang, outcome, count]);

describe('ua report --submit, as a process, to the real SMTP test server', () => {
  it('three volunteers submit; one twice with new actions between; nothing personal leaves; a rerun sends nothing', async () => {
    smtp = await startSmtp();
    const ana = volunteer('Ana Pérez', 'ana@example.org', '12 Calle Mayor', 'Escribo desde un pueblo pequeño de Leeds', smtp);
    const ben = volunteer('Benoît Durand', 'ben@example.net', '7 rue des Lilas', 'Je suis enseignant à la retraite', smtp);
    const chloe = volunteer('Chloë Okafor', 'chloe@example.com', '3 Mill Lane', 'As a nurse I have seen what prison does', smtp);
    await act(ana, ['minister', 'president']);
    // After the first letters for a UA, one line says how to tell the section; after later ones, none.
    expect((await act(ben, ['president'])).stderr).toMatch(/^Let the section know what you did \(counts only\): ua report 901\.26 --submit$/m);
    await act(chloe, ['prosecutor', 'ombudsman', 'president']);

    // The rehearsal prints the attachment's very bytes, and keeps the id it showed.
    const rehearsal = await submit(chloe, '--dry-run');
    expect(rehearsal.code, rehearsal.stderr).toBe(0);
    const before = smtp.delivered.length;
    expect(rehearsal.stderr).toMatch(/Nothing was sent \(--dry-run\)/);

    for (const who of [ana, ben, chloe]) {
      const result = await submit(who);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toMatch(/UA 901\.26: submission 1 sent to informes@seccion\.example/);
    }
    expect(smtp.delivered.length).toBe(before + 3);
    const first = received(smtp);
    expect(first.map(({ submission }) => counted(submission))).toEqual([
      [['email', 'es', 'sent', 2]],
      [['email', 'es', 'sent', 1]],
      [['email', 'es', 'sent', 3]],
    ]);
    expect(new Set(first.map(({ submission }) => submission.submission)).size).toBe(3);
    expect(first.every(({ submission }) => submission.sequence === 1 && submission.ua === '901.26' && /^ua \d/.test(submission.tool))).toBe(true);
    expect(first[2]?.json).toBe(rehearsal.stdout);
    expect(first[0]?.parsed.text).toMatch(/email, 2 sent/);
    expect(first[0]?.parsed.text).toMatch(/Sent with ua \d/);

    // Ben acts again: his second submission holds only the new letter, under the same id.
    expect((await act(ben, ['prosecutor', 'ombudsman'])).stderr).not.toMatch(/Let the section know/);
    const again = await submit(ben);
    expect(again.code, again.stderr).toBe(0);
    const all = received(smtp);
    const [benFirst, benSecond] = all.filter(({ submission }) => submission.submission === first[1]?.submission.submission);
    expect(benSecond?.submission.sequence).toBe(2);
    expect(counted(benSecond?.submission as Submission)).toEqual([['email', 'es', 'sent', 2]]);
    expect(benFirst?.submission.sequence).toBe(1);

    // Nothing new: nothing sent, exit 0.
    const delivered = smtp.delivered.length;
    const rerun = await submit(ben);
    expect(rerun.code).toBe(0);
    expect(rerun.stderr).toMatch(/nothing new to report since your last submission \(3 so far\)/);
    expect(smtp.delivered.length).toBe(delivered);

    // Not one byte of any submission names a volunteer, their address or email, or their letter.
    for (const { raw } of all) {
      const decoded = raw + JSON.stringify(parseWithPython(raw));
      for (const who of [ana, ben, chloe]) {
        for (const secret of [who.name, who.email, who.address, who.note, who.name.split(' ')[1] as string]) expect(decoded).not.toContain(secret);
      }
      expect(decoded).not.toMatch(/ministra@|presidente@|Leeds/);
    }
  });

  it('a refused recipient, then a connection dropped as the message ends: one line each, exit 1; nothing lost, nothing counted twice', async () => {
    let refuse = true;
    let drop = false;
    smtp = await startSmtp({ rcpt: (address) => (refuse && address === SECTION ? 550 : undefined), data: () => (drop ? 'drop' : undefined) });
    const dora = volunteer('Dora Kim', 'dora@example.org', '1 High Street', 'Please release them now', smtp);
    await act(dora, ['president']);
    const rehearsal = await submit(dora, '--dry-run');

    // Refused: nothing went, nothing is recorded, the next run sends the same counts.
    const refused = await submit(dora);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split('\n')).toHaveLength(2);
    expect(refused.stderr).toMatch(/^ua: UA 901\.26: the submission was not sent to informes@seccion\.example: /);
    expect(refused.stderr).toMatch(/the next ua report 901\.26 --submit sends the same counts/);

    // Dropped once the whole message went: it may have arrived. Said, and not sent again unasked.
    refuse = false;
    drop = true;
    const dropped = await submit(dora);
    expect(dropped.code).toBe(1);
    expect(dropped.stderr.trim().split('\n')).toHaveLength(2);
    expect(dropped.stderr).toMatch(/^ua: UA 901\.26: submission 1 to informes@seccion\.example may or may not have arrived/);
    drop = false;
    const asked = await submit(dora);
    expect(asked.code).toBe(1);
    expect(asked.stderr).toMatch(/^ua: UA 901\.26: submission 1 to informes@seccion\.example may have arrived/);
    expect(received(smtp)).toEqual([]);

    // --resend: the very same submission (id and sequence), which a tally counts once.
    const resent = await submit(dora, '--resend');
    expect(resent.code, resent.stderr).toBe(0);
    const [only, ...more] = received(smtp);
    expect(more).toEqual([]);
    expect(only?.json).toBe(rehearsal.stdout);
    expect(only?.submission.sequence).toBe(1);
  });

  it('the server down: one line, exit 1, and the next run sends the counts', async () => {
    smtp = await startSmtp();
    const hal = volunteer('Hal Berg', 'hal@example.org', '5 Quay Side', 'Ich schreibe aus Leeds', smtp);
    await act(hal, ['president']);
    const listed = await run(hal, ['list']);
    expect(listed.stdout).toMatch(/^901\.26 \(to report\)/m);
    expect(listed.stderr).toMatch(/\(to report\): actions not yet reported to the section: ua report <id> --submit/);
    const down = await uaAsync(['--actions-dir', FIXTURES, 'report', '901.26', '--submit', '--to', SECTION], {
      cwd: hal.dir,
      env: { ...hal.env, UA_SMTP_URL: `smtp://127.0.0.1:${await closedPort()}` },
    }).done;
    expect(down.code).toBe(1);
    expect(down.stderr.trim().split('\n')).toHaveLength(2);
    expect(down.stderr).toMatch(/^ua: UA 901\.26: the submission was not sent/);
    const up = await submit(hal);
    expect(up.code, up.stderr).toBe(0);
    expect(received(smtp).map(({ submission }) => counted(submission))).toEqual([[['email', 'es', 'sent', 1]]]);
    const after = await run(hal, ['list']);
    expect(after.stdout).toMatch(/^901\.26 /m);
    expect(`${after.stdout}${after.stderr}`).not.toMatch(/to report/);
  });

  it('killed (SIGKILL) while the server holds the message: in doubt, said, not resent unasked; --resend sends the same submission', async () => {
    let stall = true;
    let stalled = false;
    smtp = await startSmtp({
      data: (raw) => {
        if (stall && raw.includes(SUBMISSION_MIME)) {
          stalled = true;
          return 'stall';
        }
        return undefined;
      },
    });
    const eve = volunteer('Eve Adams', 'eve@example.org', '9 Park Road', 'I write as a mother', smtp);
    await act(eve, ['president', 'ombudsman']);
    const first = uaAsync(['--actions-dir', FIXTURES, 'report', '901.26', '--submit', '--to', SECTION], { cwd: eve.dir, env: eve.env });
    while (!stalled) await new Promise((resolve) => setTimeout(resolve, 20));
    first.child.kill('SIGKILL');
    expect((await first.done).signal).toBe('SIGKILL');
    stall = false;

    const told = await submit(eve);
    expect(told.code).toBe(1);
    expect(told.stderr).toMatch(/submission 1 to informes@seccion\.example may have arrived/);
    expect(received(smtp)).toEqual([]);

    const resent = await submit(eve, '--resend');
    expect(resent.code, resent.stderr).toBe(0);
    const [only] = received(smtp);
    expect(only?.submission.sequence).toBe(1);
    expect(counted(only?.submission as Submission)).toEqual([['email', 'es', 'sent', 2]]);
    expect((await submit(eve)).stderr).toMatch(/nothing new/);
  });

  it('two runs at once: one message, the other finds nothing new', async () => {
    smtp = await startSmtp({ answerDelay: 300 });
    const fay = volunteer('Fay Lind', 'fay@example.org', '4 Elm Row', 'I am writing again', smtp);
    await act(fay, ['president']);
    const sent = smtp.delivered.length;
    const [a, b] = await Promise.all([submit(fay), submit(fay)]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(smtp.delivered.length).toBe(sent + 1);
    expect(`${a.stderr}${b.stderr}`).toMatch(/nothing new/);
  });

  it('a UA file that names its report address is used without --to; one that names none asks for --to', async () => {
    smtp = await startSmtp();
    const gil = volunteer('Gil Ortega', 'gil@example.org', '2 Rose Hill', 'Free them', smtp);
    await act(gil, ['president']);
    const actions = mkdtempSync(join(tmpdir(), 'ua-submit-actions-'));
    homes.push(actions);
    writeFileSync(join(actions, '901.26.yaml'), `${readFileSync(join(FIXTURES, '901.26.yaml'), 'utf8')}\nreport:\n  email: ${SECTION}\n`);
    const nowhere = await uaAsync(['--actions-dir', FIXTURES, 'report', '901.26', '--submit'], { cwd: gil.dir, env: gil.env }).done;
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toMatch(/says nowhere to report/);
    const named = await uaAsync(['--actions-dir', actions, 'report', '901.26', '--submit'], { cwd: gil.dir, env: gil.env }).done;
    expect(named.code, named.stderr).toBe(0);
    expect(received(smtp)).toHaveLength(1);
  });
});
