import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pdfText } from '../helpers/pdf.js';
import { Terminal } from '../helpers/pty.js';
import { asComposePrints, askWithHost, Browser, getWithHost, previewTexts, type Served, startServe, unescapeHtml, untilSaid } from '../helpers/serve.js';
import { tempHome, ua } from '../helpers/spawn.js';

// `ua serve` as a process, spoken to over HTTP as phones would: the way in (token, Host, CSRF),
// a letter from form to preview to the organiser, the evening surviving a SIGKILL, and --close.

const NOW = '2026-11-28T18:30:00Z';
const ANA = {
  lang: 'es',
  targets: ['boluarte'],
  name: 'Ana Pérez',
  city: 'Leeds',
  country: 'Reino Unido',
  about: 'Soy profesora.',
  note: 'Les pido que actúen ya.',
};

const running: Served[] = [];
afterEach(async () => {
  for (const served of running.splice(0)) {
    if (served.child.exitCode === null && served.child.signalCode === null) served.child.kill('SIGKILL');
    await served.ended;
  }
});

function evening() {
  const home = tempHome();
  const env = { ...home.env, UA_NOW: NOW };
  return { home: home.dir, env, folder: join(home.dir, 'state', 'ua', 'serve') };
}

async function serving(env: NodeJS.ProcessEnv, cwd: string, args = ['105.22']): Promise<Served> {
  const served = await startServe(args, { cwd, env });
  running.push(served);
  return served;
}

/** An attendee's whole way: join, the form, the preview, handing it in. */
async function handIn(served: Served, answers: Record<string, string | string[]>): Promise<{ phone: Browser; preview: string[] }> {
  const phone = new Browser(served.base);
  await phone.join(served.attendeeUrl);
  const form = await phone.get('/ua/105.22');
  const previewed = await phone.post('/ua/105.22', { _csrf: Browser.csrf(form), ...answers, step: 'preview' });
  expect(previewed.status).toBe(200);
  const handed = await phone.post('/ua/105.22', { _csrf: Browser.csrf(previewed), ...answers, step: 'hand' });
  expect(handed.status).toBe(303);
  return { phone, preview: previewTexts(previewed.text) };
}

const keptFiles = (folder: string) => (existsSync(join(folder, 'letters')) ? readdirSync(join(folder, 'letters')).filter((n) => n.endsWith('.json')) : []);

describe('ua serve: the way in', () => {
  it("answers 403 without the evening's token, 421 to a Host it did not announce, and refuses a form without its CSRF token", async () => {
    const { env, home, folder } = evening();
    const served = await serving(env, home);
    const stranger = new Browser(served.base);
    expect((await stranger.get('/')).status).toBe(403);
    expect((await stranger.get('/ua/105.22')).status).toBe(403);
    expect((await stranger.get('/join?t=wrong')).status).toBe(403);
    expect((await stranger.get('/organiser')).status).toBe(403);
    expect(await getWithHost(served.base, '/', 'evil.example')).toBe(421);
    expect(await getWithHost(served.base, '/join', `attacker.example:${new URL(served.base).port}`)).toBe(421);

    const phone = new Browser(served.base);
    expect((await phone.join(served.attendeeUrl)).status).toBe(200);
    // An attendee is not the organiser.
    expect((await phone.get('/organiser')).status).toBe(403);
    const refused = await phone.post('/ua/105.22', { ...ANA, step: 'hand' });
    expect(refused.status).toBe(403);
    const forged = await phone.post('/ua/105.22', { _csrf: 'forged', ...ANA, step: 'hand' });
    expect(forged.status).toBe(403);
    expect(keptFiles(folder)).toEqual([]);
  });

  it('sends security headers and no script', async () => {
    const { env, home } = evening();
    const served = await serving(env, home);
    const response = await fetch(served.attendeeUrl, { redirect: 'manual' });
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(response.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('set-cookie')).toMatch(/HttpOnly/);
  });

  it("answers a foreign Host with a short page in the reader's language, as it answers 403", async () => {
    const { env, home } = evening();
    const served = await serving(env, home);
    const refused = await askWithHost(served.base, '/ua/105.22', 'evil.example', { 'accept-language': 'es-ES,es;q=0.9' });
    expect(refused.status).toBe(421);
    expect(refused.type).toBe('text/html; charset=utf-8');
    expect(refused.text).toContain('<html lang="es">');
    // The security headers of every page, and the words of the 403's kind.
    expect(refused.headers['content-security-policy']).toContain("default-src 'none'");
    expect(refused.text).toContain('Esta dirección no es la de la velada');
    // Nothing of the evening on it: no token, no form.
    expect(refused.text).not.toContain('_csrf');
    expect(refused.text).not.toMatch(/join\?t=/);
    const french = await askWithHost(served.base, '/', `rebound.example:${new URL(served.base).port}`, { 'accept-language': 'fr-CH, fr;q=0.9' });
    expect(french.status).toBe(421);
    expect(unescapeHtml(french.text)).toContain("Cette adresse n'est pas celle de la soirée");
    // Its style sheet comes, whatever the name: the page is readable where it is refused.
    expect((await askWithHost(served.base, '/style.css', 'evil.example')).status).toBe(200);
  });

  it('--lan --host 127.0.0.1 announces that host, and refuses any other Host header', async () => {
    const { env, home } = evening();
    const served = await serving(env, home, ['105.22', '--lan', '--host', '127.0.0.1']);
    expect(served.attendeeUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/join\?t=/);
    expect(served.organiserUrl.startsWith(`${served.base}/organiser/join?t=`)).toBe(true);
    const port = new URL(served.base).port;
    expect(await getWithHost(served.base, '/', `127.0.0.1:${port}`)).toBe(403);
    expect(await getWithHost(served.base, '/', `192.168.1.20:${port}`)).toBe(421);
    expect(await getWithHost(served.base, '/', `127.0.0.1:${Number(port) + 1}`)).toBe(421);
    expect(await getWithHost(served.base, '/', 'evil.example')).toBe(421);
  });

  it.each([
    ['an address of another machine', '203.0.113.9', /--host "203\.0\.113\.9": not an address of this machine\n\s*Addresses of this machine: \d/],
    ['an IPv6 address', '::1', /--host "::1": not an IPv4 address/],
  ])('--lan --host refuses %s (exit 2), and names the candidates', (_name, host, said) => {
    const { env, home, folder } = evening();
    const refused = ua(['serve', '105.22', '--lan', '--host', host], { env, cwd: home });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(said);
    expect(refused.stdout).toBe('');
    // Refused before the evening began: nothing kept.
    expect(existsSync(folder)).toBe(false);
  });
});

describe('ua serve: the QR code', () => {
  /** The colours the QR code is drawn in at a terminal (qrcode's: white and black backgrounds). */
  const COLOURED = /\x1b\[(47|40)m/;

  it('is drawn in block characters without colour codes into a pipe, in colour with FORCE_COLOR=1', async () => {
    const { env, home } = evening();
    const plain = await serving(env, home);
    expect(plain.stdout()).toMatch(/[█▀▄]{7}/);
    expect(plain.stdout()).not.toContain('\x1b');
    plain.child.kill('SIGTERM');
    await plain.ended;
    const forced = await serving({ ...env, FORCE_COLOR: '1' }, home);
    expect(forced.stdout()).toMatch(COLOURED);
  });

  it.each([
    ['in colour at a terminal', {}, true],
    ['without colour at a terminal with NO_COLOR', { NO_COLOR: '1' }, false],
  ])('is drawn %s', async (_name, more, coloured) => {
    const { env, home } = evening();
    const terminal = new Terminal(['serve', '105.22'], { cwd: home, env: { ...env, ...more } });
    try {
      await terminal.waitFor(/organiser\/join\?t=\S+/);
      expect(COLOURED.test(terminal.raw)).toBe(coloured);
      expect(terminal.screen).toMatch(/[█▀▄]{7}/);
    } finally {
      terminal.kill();
      await terminal.exited;
    }
  });
});

describe('ua serve: a letter', () => {
  it('previews the letter `ua compose` writes for the same answers, byte for byte, and keeps it when handed in', async () => {
    const { env, home, folder } = evening();
    const served = await serving(env, home);
    const { preview } = await handIn(served, ANA);
    const composed = ua(
      [
        'compose',
        '105.22',
        '--no-interactive',
        '--lang',
        'es',
        '--target',
        'boluarte',
        '--name',
        ANA.name,
        '--city',
        ANA.city,
        '--country',
        ANA.country,
        '--about',
        ANA.about,
        '--note',
        ANA.note,
      ],
      { env, cwd: home },
    );
    expect(composed.code).toBe(0);
    // The page leaves the paragraphs' line breaks to the phone; broken at 76 columns, it is compose's text.
    expect(preview.some((text) => text.split('\n').some((line) => line.length > 76))).toBe(true);
    expect(asComposePrints(preview)).toBe(composed.stdout);
    expect(keptFiles(folder)).toHaveLength(1);
    await untilSaid(served, (text) => /Letter 1: UA 105\.22, Ana Pérez \(Leeds, Reino Unido\), in es, to boluarte/.test(text));
  });

  it('shows markup typed in a field as text, and refuses control characters', async () => {
    const { env, home } = evening();
    const served = await serving(env, home);
    const phone = new Browser(served.base);
    await phone.join(served.attendeeUrl);
    const form = await phone.get('/ua/105.22');
    const previewed = await phone.post('/ua/105.22', { _csrf: Browser.csrf(form), ...ANA, name: '<script>alert(1)</script>', step: 'preview' });
    expect(previewed.text).not.toContain('<script>');
    expect(previewed.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const control = await phone.post('/ua/105.22', { _csrf: Browser.csrf(previewed), ...ANA, city: 'Leeds\u001b[31m', step: 'preview' });
    expect(control.status).toBe(422);
    expect(control.text).not.toContain('\u001b');
  });

  it('keeps one letter per attendee and UA: handing it in again changes it', async () => {
    const { env, home, folder } = evening();
    const served = await serving(env, home);
    const { phone } = await handIn(served, ANA);
    const form = await phone.get('/ua/105.22');
    // The form comes back with the letter as handed in.
    expect(form.text).toContain('value="Ana Pérez"');
    const again = await phone.post('/ua/105.22', { _csrf: Browser.csrf(form), ...ANA, city: 'York', step: 'hand' });
    expect(again.status).toBe(303);
    expect(keptFiles(folder)).toHaveLength(1);
    expect(readFileSync(join(folder, 'letters', keptFiles(folder)[0] as string), 'utf8')).toContain('"city": "York"');
  });
});

describe('ua serve: the evening', () => {
  it('loses nothing to a SIGKILL: restarted, it has every letter, and the attendees still have their cookie', async () => {
    const { env, home } = evening();
    const first = await serving(env, home);
    const { phone } = await handIn(first, ANA);
    await handIn(first, { ...ANA, name: 'Chloé Lefèvre', lang: 'fr' });
    first.child.kill('SIGKILL');
    await first.ended;

    const second = await serving(env, home);
    expect(second.stderr()).toMatch(/2 letters are already kept/);
    expect(second.attendeeUrl).toBe(first.attendeeUrl.replace(first.base, second.base));
    const organiser = new Browser(second.base);
    const page = await organiser.join(second.organiserUrl);
    expect(page.text).toContain('Ana Pérez');
    expect(page.text).toContain('Chloé Lefèvre');
    const samePhone = new Browser(second.base);
    Object.assign(samePhone, { cookies: (phone as unknown as { cookies: Map<string, string> }).cookies });
    expect((await samePhone.get('/')).status).toBe(200);
  });

  it("--close refuses while letters were neither printed nor sent; after the print pack, it deletes the attendees' data", async () => {
    const { env, home, folder } = evening();
    const served = await serving(env, home);
    await handIn(served, ANA);
    served.child.kill('SIGTERM');
    expect((await served.ended).code).toBe(0);
    const refused = ua(['serve', '--close'], { env, cwd: home });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/1 letter of the evening was neither printed nor sent/);
    expect(keptFiles(folder)).toHaveLength(1);

    const again = await serving(env, home);
    const organiser = new Browser(again.base);
    const page = await organiser.join(again.organiserUrl);
    const packed = await organiser.post('/organiser/pack', { _csrf: Browser.csrf(page), copies: '0' });
    expect(packed.text).toMatch(/Print pack written/);
    again.child.kill('SIGTERM');
    await again.ended;
    const closed = ua(['serve', '--close'], { env, cwd: home });
    expect(closed.code).toBe(0);
    expect(existsSync(folder)).toBe(false);
  });

  it('--close refuses a letter handed in, or changed, after the print pack: each letter must be printed or sent as it is now', async () => {
    const { env, home, folder } = evening();
    const served = await serving(env, home);
    const { phone } = await handIn(served, ANA);
    const organiser = new Browser(served.base);
    const pack = async () => {
      const page = await organiser.get('/organiser');
      expect((await organiser.post('/organiser/pack', { _csrf: Browser.csrf(page), copies: '0' })).text).toMatch(/Print pack written/);
    };
    await organiser.join(served.organiserUrl);
    await pack();
    // A second attendee hands a letter in after the pack: it was never printed.
    await handIn(served, { ...ANA, name: 'Bo Li' });
    expect((await organiser.get('/organiser')).text).toMatch(/Not yet printed or sent/);
    const refused = ua(['serve', '--close'], { env, cwd: home });
    expect(refused.code, refused.stderr).toBe(2);
    expect(refused.stderr).toMatch(/1 letter of the evening was neither printed nor sent/);
    await pack();
    expect((await organiser.get('/organiser')).text).not.toMatch(/Not yet printed or sent/);
    // Ana changes hers after the second pack: the printed one is not the one she wants sent.
    const form = await phone.get('/ua/105.22');
    const changed = await phone.post('/ua/105.22', { _csrf: Browser.csrf(form), ...ANA, city: 'York', step: 'hand' });
    expect(changed.status).toBe(303);
    const page = await organiser.get('/organiser');
    const closing = await organiser.post('/organiser/close', { _csrf: Browser.csrf(page) });
    expect(closing.text).toMatch(/neither printed nor sent/);
    expect(keptFiles(folder)).toHaveLength(2);
    await pack();
    const closed = ua(['serve', '--close'], { env, cwd: home });
    expect(closed.code, closed.stderr).toBe(0);
    expect(existsSync(folder)).toBe(false);
  });

  it('--close --discard deletes letters never printed', async () => {
    const { env, home, folder } = evening();
    const served = await serving(env, home);
    await handIn(served, ANA);
    served.child.kill('SIGTERM');
    await served.ended;
    expect(ua(['serve', '--close', '--discard'], { env, cwd: home }).code).toBe(0);
    expect(existsSync(folder)).toBe(false);
  });

  it('--close while the server runs: refused (exit 2, the server serving on) while letters are neither printed nor sent; with --discard, the server closes the evening and stops', async () => {
    const { env, home, folder } = evening();
    const served = await serving(env, home);
    await handIn(served, ANA);
    const refused = ua(['serve', '--close'], { env, cwd: home });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^ua: 1 letter of the evening was neither printed nor sent\.$/m);
    expect(served.child.exitCode).toBeNull();
    const organiser = new Browser(served.base);
    expect((await organiser.join(served.organiserUrl)).text).toContain('Ana Pérez');

    const closed = ua(['serve', '--close', '--discard'], { env, cwd: home });
    expect(closed.code, closed.stderr).toBe(0);
    expect(closed.stderr).toMatch(new RegExp(`The evening's server \\(process ${served.child.pid}\\) is running: asking it to close the evening`));
    expect(closed.stderr).toMatch(/The evening is closed; the attendees' letters are deleted\./);
    expect(await served.ended).toEqual({ code: 0, signal: null });
    // Its own terminal says it, as when the organiser presses Close.
    expect(served.stderr()).toMatch(
      /"ua serve --close" asks to end the evening\.\n.*The evening is closed; the attendees' letters are deleted\.\nThe evening is over\./s,
    );
    expect(existsSync(folder)).toBe(false);
    expect(existsSync(join(home, 'state', 'ua', 'serve.lock'))).toBe(false);
  });

  it('--close --keep-data while the server runs, once the letters are printed: the letters kept aside, where it says', async () => {
    const { env, home, folder } = evening();
    const served = await serving(env, home);
    await handIn(served, ANA);
    const organiser = new Browser(served.base);
    const page = await organiser.join(served.organiserUrl);
    expect((await organiser.post('/organiser/pack', { _csrf: Browser.csrf(page), copies: '0' })).text).toMatch(/Print pack written/);
    const closed = ua(['serve', '--close', '--keep-data'], { env, cwd: home });
    expect(closed.code, closed.stderr).toBe(0);
    const kept = /the attendees' letters are kept in (\S+)\./.exec(closed.stderr)?.[1] ?? '';
    expect(kept.startsWith(`${folder}-`)).toBe(true);
    expect(keptFiles(kept)).toHaveLength(1);
    expect((await served.ended).code).toBe(0);
    expect(existsSync(folder)).toBe(false);
  });

  it('--close takes over the lock of a server that was killed (SIGKILL), as when none runs', async () => {
    const { env, home, folder } = evening();
    const served = await serving(env, home);
    await handIn(served, ANA);
    served.child.kill('SIGKILL');
    await served.ended;
    expect(existsSync(join(home, 'state', 'ua', 'serve.lock'))).toBe(true);
    const refused = ua(['serve', '--close'], { env, cwd: home });
    expect(refused.code).toBe(2);
    expect(refused.stderr).not.toMatch(/asking it/);
    const closed = ua(['serve', '--close', '--discard'], { env, cwd: home });
    expect(closed.code, closed.stderr).toBe(0);
    expect(closed.stderr).not.toMatch(/asking it/);
    expect(existsSync(folder)).toBe(false);
  });

  it("the print pack is `ua batch`'s for the same signers and answers", async () => {
    const { env, home } = evening();
    const served = await serving(env, home);
    await handIn(served, ANA);
    await handIn(served, { ...ANA, name: 'Chloé Lefèvre', lang: 'fr', targets: ['boluarte', 'rivero'], about: '', note: 'Je vous prie d’agir.' });
    const organiser = new Browser(served.base);
    const page = await organiser.join(served.organiserUrl);
    const packed = await organiser.post('/organiser/pack', { _csrf: Browser.csrf(page), copies: '2' });
    expect(packed.status).toBe(200);
    const pack = join(home, 'ua-evening-2026-11-28', '105.22');
    // The same answers, typed into a sign-up sheet by hand, through `ua batch`.
    const sheet = join(home, 'signups.csv');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      sheet,
      'name,city,country,lang,targets,about,note\n' +
        `${ANA.name},${ANA.city},${ANA.country},es,boluarte,${ANA.about},${ANA.note}\n` +
        'Chloé Lefèvre,Leeds,Reino Unido,fr,boluarte rivero,,Je vous prie d’agir.\n',
    );
    const batch = ua(['batch', '105.22', '--signers', sheet, '--copies', '2', '--out', join(home, 'by-batch')], { env, cwd: home });
    expect(batch.code).toBe(0);
    const files = readdirSync(join(home, 'by-batch'))
      .filter((n) => n.endsWith('.pdf'))
      .sort();
    expect(
      readdirSync(pack)
        .filter((n) => n.endsWith('.pdf'))
        .sort(),
    ).toEqual(files);
    for (const file of files) expect(pdfText(join(pack, file))).toBe(pdfText(join(home, 'by-batch', file)));
    expect(pdfText(join(pack, 'print-pack.pdf'))).toContain('Chloé Lefèvre');
  });

  it('writes the walk-in copies in the languages the organiser ticks, as `ua batch --copies --lang` does', async () => {
    const { env, home } = evening();
    const served = await serving(env, home);
    await handIn(served, ANA);
    const organiser = new Browser(served.base);
    const page = await organiser.join(served.organiserUrl);
    // Every letter language of the evening's UAs, the officials' own ticked.
    expect(page.text).toMatch(/<input type="checkbox" name="copylang" value="es" id="copylang-es" checked>/);
    expect(page.text).toMatch(/<input type="checkbox" name="copylang" value="en" id="copylang-en">/);
    expect(page.text).toMatch(/<input type="checkbox" name="copylang" value="fr" id="copylang-fr">/);
    const packed = await organiser.post('/organiser/pack', { _csrf: Browser.csrf(page), copies: '2', copylang: ['en', 'fr'] });
    expect(packed.text).toMatch(/Print pack written/);
    const pack = join(home, 'ua-evening-2026-11-28', '105.22');
    const sheet = join(home, 'signups.csv');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(sheet, `name,city,country,lang,targets,about,note\n${ANA.name},${ANA.city},${ANA.country},es,boluarte,${ANA.about},${ANA.note}\n`);
    const batch = ua(['batch', '105.22', '--signers', sheet, '--copies', '2', '--lang', 'en,fr', '--out', join(home, 'by-batch')], { env, cwd: home });
    expect(batch.code, batch.stderr).toBe(0);
    for (const file of ['print-pack.pdf', 'labels.pdf', 'envelopes.pdf']) expect(pdfText(join(pack, file))).toBe(pdfText(join(home, 'by-batch', file)));
    expect(readFileSync(join(pack, 'tally.csv'), 'utf8')).toBe(readFileSync(join(home, 'by-batch', 'tally.csv'), 'utf8'));
    expect(readFileSync(join(pack, 'tally.csv'), 'utf8')).toMatch(/,en,/);
    expect(readFileSync(join(pack, 'tally.csv'), 'utf8')).toMatch(/,fr,/);
  });

  it('50 phones handing in at once: every letter kept, once', async () => {
    const { env, home, folder } = evening();
    const served = await serving(env, home);
    const names = Array.from({ length: 50 }, (_, i) => `Attendee ${i + 1}`);
    await Promise.all(names.map((name) => handIn(served, { ...ANA, name })));
    const kept = keptFiles(folder).map((file) => JSON.parse(readFileSync(join(folder, 'letters', file), 'utf8')).answers.name as string);
    expect(kept.sort()).toEqual([...names].sort());
    const organiser = new Browser(served.base);
    const page = await organiser.join(served.organiserUrl);
    for (const name of names) expect(page.text.split(`>${name}<`).length - 1).toBe(1);
  });
});
