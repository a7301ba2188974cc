import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Browser, type Served, startServe, unescapeHtml } from '../helpers/serve.js';
import { deliveredTo, startSmtp, type TestSmtp } from '../helpers/smtp.js';
import { tempHome } from '../helpers/spawn.js';

// The organiser's other ways out: the pooled send under the journal (ua batch --send, against a
// real smtp-server on 127.0.0.1) and .eml drafts. A day before the UA's deadline, as a send needs.

const NOW = '2023-03-01T18:30:00Z';
const ANA = { lang: 'es', targets: ['boluarte'], name: 'Ana Pérez', city: 'Leeds', country: 'Reino Unido', about: '', note: '' };

let served: Served | undefined;
let smtp: TestSmtp | undefined;
afterEach(async () => {
  served?.child.kill('SIGKILL');
  await served?.ended;
  await smtp?.close();
  served = undefined;
  smtp = undefined;
});

async function handIn(base: Served, answers: Record<string, string | string[]>): Promise<void> {
  const phone = new Browser(base.base);
  await phone.join(base.attendeeUrl);
  const form = await phone.get('/ua/105.22');
  expect((await phone.post('/ua/105.22', { _csrf: Browser.csrf(form), ...answers, step: 'hand' })).status).toBe(303);
}

describe('ua serve: sending and drafts', () => {
  it('sends each letter once through the journal, however often the organiser presses the button', async () => {
    smtp = await startSmtp();
    const home = tempHome();
    const env = { ...home.env, UA_NOW: NOW, UA_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, UA_FROM: 'group@example.org' };
    served = await startServe(['105.22'], { cwd: home.dir, env });
    await handIn(served, { ...ANA, email: 'ana@example.org' });
    await handIn(served, { ...ANA, name: 'Chloé Lefèvre', lang: 'fr', email: 'chloe@example.org' });
    const organiser = new Browser(served.base);
    const page = await organiser.join(served.organiserUrl);
    const sent = await organiser.post('/organiser/send', { _csrf: Browser.csrf(page) });
    expect(sent.text, served.stderr()).toMatch(/Sent: the terminal has the details/);
    expect(deliveredTo(smtp)).toEqual(['dboluarte@presidencia.gob.pe', 'dboluarte@presidencia.gob.pe']);
    const again = await organiser.post('/organiser/send', { _csrf: Browser.csrf(sent) });
    expect(again.status).toBe(200);
    expect(smtp.delivered).toHaveLength(2);
  });

  it("after the UA's deadline, sends only once the organiser ticks the page's box, which says what --after-deadline says", async () => {
    smtp = await startSmtp();
    const home = tempHome();
    const env = { ...home.env, UA_NOW: '2026-11-28T18:30:00Z', UA_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, UA_FROM: 'group@example.org' };
    served = await startServe(['105.22'], { cwd: home.dir, env });
    await handIn(served, { ...ANA, email: 'ana@example.org' });
    const organiser = new Browser(served.base);
    const page = await organiser.join(served.organiserUrl);
    const warning =
      'Note: the deadline of UA 105.22 passed on 7 March 2023. Check with the Amnesty office in your country before sending appeals after the deadline.';
    expect(page.text).toContain(warning);
    expect(page.text).toMatch(
      /<input type="checkbox" name="afterDeadline" value="yes" id="after-deadline"><label for="after-deadline">Send even though the deadline has passed<\/label>/,
    );

    const refused = await organiser.post('/organiser/send', { _csrf: Browser.csrf(page) });
    expect(refused.status).toBe(200);
    expect(unescapeHtml(refused.text)).toMatch(
      /Note: the deadline of UA 105\.22 passed on 7 March 2023\.\nNothing was sent: tick "Send even though the deadline has passed"/,
    );
    expect(smtp.delivered).toHaveLength(0);

    const sent = await organiser.post('/organiser/send', { _csrf: Browser.csrf(refused), afterDeadline: 'yes' });
    expect(sent.text, served.stderr()).toMatch(/Sent: the terminal has the details/);
    expect(deliveredTo(smtp)).toEqual(['dboluarte@presidencia.gob.pe']);
    // The terminal says it too, in the words ua batch uses.
    expect(served.stderr()).toContain(warning);
  });

  it('offers no such box before the deadline', async () => {
    const home = tempHome();
    served = await startServe(['105.22'], { cwd: home.dir, env: { ...home.env, UA_NOW: NOW } });
    const page = await new Browser(served.base).join(served.organiserUrl);
    expect(page.text).not.toContain('afterDeadline');
    expect(page.text).not.toContain('deadline');
  });

  it('writes an .eml draft per letter, in a folder per attendee', async () => {
    const home = tempHome();
    const env = { ...home.env, UA_NOW: NOW };
    served = await startServe(['105.22'], { cwd: home.dir, env });
    await handIn(served, ANA);
    await handIn(served, { ...ANA, name: 'Chloé Lefèvre', lang: 'fr', targets: ['boluarte', 'rivero'] });
    const organiser = new Browser(served.base);
    const page = await organiser.join(served.organiserUrl);
    const written = await organiser.post('/organiser/drafts', { _csrf: Browser.csrf(page) });
    expect(written.text).toMatch(/Email drafts written/);
    const drafts = join(home.dir, 'ua-evening-2023-03-01', 'drafts');
    expect(existsSync(drafts)).toBe(true);
    expect(readdirSync(drafts).sort()).toEqual(['1-105.22', '2-105.22']);
    expect(readdirSync(join(drafts, '2-105.22')).filter((n) => n.endsWith('.eml'))).toHaveLength(2);
  });
});

describe('ua serve: limits', () => {
  it('refuses a body over its limit (413) and a client past its rate (429)', async () => {
    const home = tempHome();
    served = await startServe(['105.22'], { cwd: home.dir, env: { ...home.env, UA_NOW: NOW } });
    const phone = new Browser(served.base);
    await phone.join(served.attendeeUrl);
    const form = await phone.get('/ua/105.22');
    const huge = await phone.post('/ua/105.22', { _csrf: Browser.csrf(form), ...ANA, note: 'x'.repeat(40_000), step: 'preview' });
    expect(huge.status).toBe(413);
    const statuses: number[] = [];
    for (let i = 0; i < 130; i++) statuses.push((await phone.get('/')).status);
    expect(statuses).toContain(429);
    // Another phone is not held back by this one.
    const other = new Browser(served.base);
    expect((await other.join(served.attendeeUrl)).status).toBe(200);
  });
});
