import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asComposePrints, type Served, startServe } from '../helpers/serve.js';
import { tempHome, ua } from '../helpers/spawn.js';

// `ua serve` in a real browser, Debian's Chromium (`.ci/run` installs it): two phones, one in
// Spanish and one in French, and the organiser at once; axe-core on every page; screenshots.
// The screenshots go to $UA_SCREENSHOTS when it is set (and stay there, to be looked at), else to
// a folder of the suite's temporary one, removed after; the test prints where.

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((file) => existsSync(file));
const NOW = '2026-11-28T18:30:00Z';
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const PHONE = { width: 360, height: 740 };
const REBOUND = 'rebound.example';

let browser: Browser;
let served: Served;
let home: string;
let env: NodeJS.ProcessEnv;
let shots: string;

beforeAll(async () => {
  const made = tempHome();
  home = made.dir;
  env = { ...made.env, UA_NOW: NOW };
  shots = process.env.UA_SCREENSHOTS ?? mkdtempSync(join(tmpdir(), 'ua-serve-screens-'));
  mkdirSync(shots, { recursive: true });
  console.log(`ua serve screenshots: ${shots}`);
  if (!CHROMIUM) return;
  served = await startServe(['105.22'], { cwd: home, env });
  // A name of another site pointed at this machine, as DNS rebinding would.
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', `--host-resolver-rules=MAP ${REBOUND} 127.0.0.1`] });
});

afterAll(async () => {
  await browser?.close();
  served?.child.kill('SIGTERM');
  await served?.ended;
  if (!process.env.UA_SCREENSHOTS) rmSync(shots, { recursive: true, force: true });
});

/** axe-core's serious and critical findings on the page as it is. */
async function accessibilityProblems(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const run = (
      globalThis as unknown as { axe: { run: () => Promise<{ violations: { id: string; impact: string; help: string; nodes: { html: string }[] }[] }> } }
    ).axe.run;
    return (await run()).violations;
  });
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.html).join(' | ')})`);
}

/** Checks the page (no serious accessibility problem, nothing wider than the screen) and takes its picture. */
async function look(page: Page, name: string): Promise<void> {
  expect(await accessibilityProblems(page), name).toEqual([]);
  // (Run in the page: its document, not Node's globals.)
  const width = await page.evaluate(
    () => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth,
  );
  expect(width, `${name} is wider than the screen`).toBeLessThanOrEqual(page.viewportSize()?.width ?? 0);
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

/** The words of the page's table that the browser broke over two lines ("Langu/e"): each word's text measured where it is drawn. */
async function wordsBroken(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    // (Run in the page: its DOM, typed here as little as it is used.)
    type Text = { textContent: string | null };
    type Range = { setStart(node: Text, at: number): void; setEnd(node: Text, at: number): void; getClientRects(): { length: number } };
    const doc = (globalThis as unknown as { document: Record<string, (...args: unknown[]) => unknown> }).document;
    const walker = doc.createTreeWalker?.(doc.querySelector?.('table'), 4) as { nextNode(): Text | null };
    const broken: string[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of (node.textContent ?? '').matchAll(/\S+/g)) {
        const range = doc.createRange?.() as Range;
        range.setStart(node, match.index ?? 0);
        range.setEnd(node, (match.index ?? 0) + match[0].length);
        if (range.getClientRects().length > 1) broken.push(match[0]);
      }
    }
    return broken;
  });
}

async function phone(locale: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: PHONE, locale, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  return { context, page: await context.newPage() };
}

interface Person {
  locale: string;
  prefix: string;
  lang: string;
  name: string;
  city: string;
  country: string;
  about: string;
  note: string;
  words: { write: RegExp; preview: RegExp; hand: RegExp; thanks: RegExp };
}

const ES: Person = {
  locale: 'es-ES',
  prefix: 'phone-es',
  lang: 'es',
  name: 'Lucía Fernández',
  city: 'Sevilla',
  country: 'España',
  about: 'Soy enfermera.',
  note: 'Les ruego que garanticen la seguridad de los defensores.',
  words: { write: /Escriba su carta/, preview: /Ver mi carta/, hand: /Entregársela al organizador/, thanks: /Gracias: su carta/ },
};
const FR: Person = {
  locale: 'fr-FR',
  prefix: 'phone-fr',
  lang: 'fr',
  name: 'Chloé Lefèvre',
  city: 'Lyon',
  country: 'France',
  about: 'Je suis enseignante.',
  note: 'Je vous prie de protéger ces personnes.',
  words: { write: /Écrivez votre lettre/, preview: /Voir ma lettre/, hand: /La remettre à l'organisateur/, thanks: /Merci : votre lettre/ },
};

/** A person on their phone: the address from the QR code, the form filled in as one would, the preview, handed in. */
async function writeOnPhone(person: Person): Promise<string[]> {
  const { context, page } = await phone(person.locale);
  await page.goto(served.attendeeUrl);
  await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(person.words.write);
  await look(page, `${person.prefix}-1-home`);
  await page.getByRole('link', { name: /105\.22/ }).click();
  await page.locator(`#lang-${person.lang}`).check();
  await page.locator('#name').fill(person.name);
  await page.locator('#city').fill(person.city);
  await page.locator('#country').fill(person.country);
  await page.locator('#about').fill(person.about);
  await page.locator('#note').fill(person.note);
  await look(page, `${person.prefix}-2-form`);
  await page.getByRole('button', { name: person.words.preview }).click();
  const letters = await page.locator('pre.letter-text').allTextContents();
  await look(page, `${person.prefix}-3-preview`);
  await page.getByRole('button', { name: person.words.hand }).click();
  await expect(page.locator('[role=status]').first().textContent()).resolves.toMatch(person.words.thanks);
  await look(page, `${person.prefix}-4-handed`);
  await context.close();
  return letters;
}

const composed = (person: Person) =>
  ua(
    [
      'compose',
      '105.22',
      '--no-interactive',
      '--lang',
      person.lang,
      '--name',
      person.name,
      '--city',
      person.city,
      '--country',
      person.country,
      '--about',
      person.about,
      '--note',
      person.note,
    ],
    { env, cwd: home },
  ).stdout;

describe.skipIf(!CHROMIUM)('ua serve in Chromium', () => {
  it('two phones (es, fr) write, preview and hand in the letters `ua compose` writes, while the organiser watches', async () => {
    const organiserContext = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'en-GB' });
    const organiser = await organiserContext.newPage();
    await organiser.goto(served.organiserUrl);
    await look(organiser, 'organiser-1-empty');

    const [spanish, french] = await Promise.all([writeOnPhone(ES), writeOnPhone(FR)]);
    expect(asComposePrints(spanish)).toBe(composed(ES));
    expect(asComposePrints(french)).toBe(composed(FR));

    await organiser.reload();
    expect(await organiser.locator('tbody tr').count()).toBe(2);
    await look(organiser, 'organiser-2-letters');
    // Past the UA's deadline (NOW is years after it): the warning, and the box to send anyway, in French too.
    await organiser.getByRole('link', { name: 'Français' }).click();
    await expect(organiser.getByRole('checkbox', { name: /Envoyer même si la date limite est passée/ }).isVisible()).resolves.toBe(true);
    await look(organiser, 'organiser-2-letters-fr');
    // French words are long: the table breaks none of them mid-word, at 1024 px nor on a phone.
    expect(await wordsBroken(organiser)).toEqual([]);
    await organiser.setViewportSize(PHONE);
    await look(organiser, 'organiser-2-letters-fr-phone');
    expect(await wordsBroken(organiser)).toEqual([]);
    await organiser.setViewportSize({ width: 1024, height: 768 });
    await organiser.getByRole('link', { name: 'English' }).click();
    await organiser.getByRole('link', { name: /Tally/ }).click();
    // The projector's page reloads itself (its one script, allowed by its own policy).
    await organiser.waitForEvent('load', { timeout: 60_000 });
    await look(organiser, 'organiser-3-tally');
    await organiserContext.close();
  });

  it('an English phone, a refused form, and a language switched on the page', async () => {
    const { context, page } = await phone('en-GB');
    await page.goto(served.attendeeUrl);
    await look(page, 'phone-en-1-home');
    await page.getByRole('link', { name: /105\.22/ }).click();
    await page.locator('#name').fill('<b>Ann</b>');
    await page.locator('#city').fill('Leeds');
    await page.locator('#country').fill('UK');
    // No official chosen: the server says so, and the form comes back as it was typed.
    for (const box of await page.getByRole('checkbox').all()) await box.uncheck();
    await page.getByRole('button', { name: /See my letter/ }).click();
    await expect(page.locator('[role=alert]').textContent()).resolves.toMatch(/need a change/);
    expect(await page.locator('#name').inputValue()).toBe('<b>Ann</b>');
    await look(page, 'phone-en-2-refused');
    await page.getByRole('link', { name: 'Français' }).click();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await look(page, 'phone-en-3-in-french');
    await context.close();
  });

  it("a page under another name (DNS rebinding) is refused with a short page in the phone's language", async () => {
    const { context, page } = await phone('es-ES');
    const answer = await page.goto(`http://${REBOUND}:${new URL(served.base).port}/`);
    expect(answer?.status()).toBe(421);
    await expect(page.locator('[role=status]').textContent()).resolves.toMatch(/Esta dirección no es la de la velada/);
    await look(page, 'phone-es-5-foreign-host');
    await context.close();
  });
});
