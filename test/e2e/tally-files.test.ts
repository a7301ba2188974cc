import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFolders } from '../helpers/folders.js';
import { tempHome, ua } from '../helpers/spawn.js';
import { IDS, intoMaildir, mbox, submission, submissionMessage, THREE_ROWS, threeVolunteers } from '../helpers/submissions.js';

const folder = tempFolders('tally');

function maildir(): string {
  const dir = folder();
  for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(dir, sub));
  return dir;
}

const tally = (args: string[]) => {
  const home = tempHome();
  return ua(['tally', ...args], { env: home.env });
};

const ordinary = 'From: someone@example.org\r\nSubject: hello\r\n\r\nNot a report.\r\n';

describe('ua tally from files', () => {
  it('a Maildir: three volunteers, a second submission counted, a resend counted once, other mail left alone', () => {
    const dir = maildir();
    intoMaildir(dir, [...threeVolunteers().map((json) => submissionMessage(json)), ordinary]);
    const json = tally([dir, '--json']);
    expect(json.stderr).toBe('');
    expect(json.code).toBe(0);
    const result = JSON.parse(json.stdout);
    expect(result.rows).toEqual(THREE_ROWS);
    expect(result).toMatchObject({ volunteers: 3, submissions: 4, duplicates: 1, setAside: [] });
    expect(result.uas).toEqual([
      { ua: '105.22', count: 8, attempts: 0, answers: 0, volunteers: 2, evenings: 0 },
      { ua: '12.23', count: 4, attempts: 0, answers: 0, volunteers: 1, evenings: 0 },
    ]);
    // Nothing of the senders unless asked.
    expect(json.stdout).not.toContain('example.org');
    const text = tally([dir]);
    expect(text.stdout).toContain('UA 105.22: 8 actions, reported by 2 volunteers');
    expect(text.stdout).toContain('  call: 2 answered');
    expect(text.stdout).toContain('  email: 6 sent');
    expect(text.stdout).toContain('Counted: 4 submissions from 3 volunteers.');
    expect(text.stdout).not.toContain('example.org');
    expect(tally([dir, '--senders']).stdout).toContain('Senders: ana.perez@example.org');
  });

  it('an mbox export gives the same totals, in CSV and in Spanish and French', () => {
    const dir = folder();
    const file = join(dir, 'reports.mbox');
    writeFileSync(file, mbox([ordinary, ...threeVolunteers().map((json) => submissionMessage(json))]));
    expect(JSON.parse(tally([file, '--json']).stdout).rows).toEqual(THREE_ROWS);
    expect(tally([file, '--csv', '--csv-sep', ',']).stdout).toBe(
      '\uFEFFua,channel,outcome,count,kind\r\n105.22,call,spoke,2,action\r\n105.22,email,sent,6,action\r\n12.23,post,prepared,4,action\r\n',
    );
    expect(tally([file, '--lang-ui', 'es']).stdout).toContain('AU 105.22: 8 acciones, comunicadas por 2 voluntarios');
    expect(tally([file, '--lang-ui', 'fr']).stdout).toContain('AU 105.22 : 8 actions, rapportées par 2 bénévoles');
  });

  it('forged submissions are set aside, one line each, and the rest is counted right', () => {
    const dir = maildir();
    const good = threeVolunteers().map((json) => submissionMessage(json));
    const forged = [
      submissionMessage(submission(IDS[1], 9, '105.22', [{ channel: 'email', outcome: 'sent', count: 1_000_000 }])),
      submissionMessage('{"format": "ua-letters/report", '),
      submissionMessage(submission(IDS[1], 1, '105.22', [{ channel: 'call', outcome: 'spoke', count: 200 }])),
      submissionMessage('x'.repeat(10 * 1024 * 1024)),
    ];
    intoMaildir(dir, good, 'a');
    intoMaildir(dir, forged, 'b');
    const run = tally([dir, '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).rows).toEqual(THREE_ROWS);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toEqual([
      'ua: set aside new/b00000.host: a count no one reaches (1000000)',
      'ua: set aside new/b00001.host: the attachment is not JSON',
      'ua: set aside new/b00002.host: the same submission (105.22 #1) with other counts: the first one is kept',
      expect.stringMatching(/^ua: set aside new\/b00003\.host: too large \(\d+ bytes\)$/),
    ]);
  });

  it('5,000 messages in a Maildir', () => {
    const dir = maildir();
    const messages = Array.from({ length: 5000 }, (_, i) =>
      submissionMessage(submission(IDS[i % 3] as string, Math.floor(i / 3) + 1, '105.22', [{ channel: 'email', outcome: 'sent', count: 1 }])),
    );
    intoMaildir(dir, messages);
    const result = JSON.parse(tally([dir, '--json']).stdout);
    expect(result).toMatchObject({ volunteers: 3, submissions: 5000, rows: [{ ua: '105.22', channel: 'email', outcome: 'sent', count: 5000 }] });
  });

  it('refuses what is not a source, in one line', () => {
    const dir = folder();
    const run = tally([dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/is a folder but not a Maildir/);
    expect(tally(['imap://me@example.org/INBOX']).stderr).toMatch(/must start with imaps:\/\//);
    const withPassword = tally(['imaps://me:secret@example.org/INBOX']);
    expect(withPassword.code).toBe(2);
    expect(withPassword.stderr).not.toContain('secret');
  });
});
