import { createWriteStream, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDeflate } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REAL_UA } from '../helpers/broken.js';
import { DOCUMENTS, SEED } from '../helpers/paths.js';
import { tempHome, ua, uaAsync } from '../helpers/spawn.js';
import { type StaticServer, serveFolder } from '../helpers/static-server.js';

const FONT = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');

/** Text as people compare it: one space, no commas or line breaks, straight quotes. */
const plain = (value: unknown) =>
  JSON.stringify(value ?? '')
    .replace(/\\n/g, ' ')
    .replace(/[’‘]/g, "'")
    .replace(/[,\s]+/g, ' ')
    .trim();

/** A PDF whose one content stream inflates to `megabytes` of zeros: a few hundred KB on disk. */
async function bombOf(megabytes: number, file: string): Promise<string> {
  const deflate = createDeflate({ level: 9 });
  const chunks: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => chunks.push(chunk));
  const zeros = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < megabytes; i++) if (!deflate.write(zeros)) await new Promise((resolve) => deflate.once('drain', resolve));
  await new Promise<void>((resolve) => deflate.end(() => resolve()));
  const data = Buffer.concat(chunks);
  const head = `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >> endobj\n4 0 obj << /Length ${data.length} /Filter /FlateDecode >> stream\n`;
  writeFileSync(file, Buffer.concat([Buffer.from(head, 'latin1'), data, Buffer.from('\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1')]));
  return file;
}

async function pdfOf(text: string | undefined, file: string): Promise<string> {
  const doc = new PDFDocument({ size: 'A4', font: FONT });
  const out = createWriteStream(file);
  doc.pipe(out);
  if (text !== undefined) doc.fontSize(10).text(text, { width: 450 });
  else doc.rect(100, 100, 200, 200).fill('#333'); // a "scan": no text at all
  doc.end();
  await new Promise<void>((resolve) => out.on('finish', () => resolve()));
  return file;
}

let server: StaticServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Text as Latin-1 (and Windows-1252, for these letters) saves it: one byte a letter, é is E9. */
function latin1(text: string): Buffer {
  return Buffer.from(text, 'latin1');
}

describe('ua import', () => {
  it('the seed document agrees with the hand-made UA file on every fact the document states, validates and composes', () => {
    const { dir, env } = tempHome();
    const result = ua(['import', SEED, '-o', '105.22.yaml'], { cwd: dir, env });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('It validates: ua validate 105.22.yaml.');
    const imported = parse(readFileSync(join(dir, '105.22.yaml'), 'utf8'));
    const made = parse(readFileSync(REAL_UA, 'utf8'));
    for (const key of ['id', 'title', 'country', 'deadline', 'deadline_note', 'update_of', 'previous', 'subjects', 'summary', 'take_action', 'background']) {
      expect(plain(imported[key]), key).toBe(plain(made[key]));
    }
    expect(imported.languages).toEqual(made.languages);
    expect(plain(imported.report.note)).toBe(plain(made.report.note));
    // The hand-made file mends the document's English where a native speaker would (a list of
    // requests with one verb form); the import keeps the document's own words.
    const mended = plain(imported.letters.en.body).replace(
      'persons providing the necessary support to the families of the deceased and collaborate with authorities',
      'persons to provide the necessary support to the families of the deceased and to collaborate with the authorities',
    );
    expect(mended).toBe(plain(made.letters.en.body));
    expect(imported.targets).toHaveLength(2);
    for (const [index, target] of imported.targets.entries()) {
      const mine = made.targets[index];
      expect(target.id).toBe(mine.id);
      expect(target.name).toBe(mine.name);
      for (const key of ['email', 'phone', 'fax', 'social', 'contact_form']) expect(target[key], `${target.id}.${key}`).toEqual(mine[key]);
      // The document's address, line for line as it wrote it; the hand-made file adds the country for the post.
      expect(plain(mine.address.join(' '))).toContain(plain(target.address.join(' ')).replace(/^"|"$/g, ''));
    }
    expect(imported.targets[0].salutation).toEqual({ en: made.targets[0].salutation.en });
    expect(imported.targets[1].organisation).toBe('Embassy of Peru');

    const validate = ua(['validate', '105.22.yaml'], { cwd: dir, env });
    expect(validate.code).toBe(0);
    const compose = ua(['--actions-dir', '.', 'compose', '105.22', '--lang', 'en', '--name', 'Ana', '--city', 'Leeds', '--country', 'UK'], { cwd: dir, env });
    expect(compose.code).toBe(0);
    expect(compose.stdout).toContain('\nDear Madam President Dina Boluarte,\n');
    expect(compose.stdout).toContain('\nDear Ambassador,\n');
    expect(compose.stdout.match(/Yours sincerely,/g)).toHaveLength(2);
  });

  it('a made-up web page with site navigation, a cookie banner and a footer: the case, not the site', () => {
    const result = ua(['import', join(DOCUMENTS, 'web-nav.html'), '--json']);
    expect(result.code, result.stderr).toBe(0);
    const data = JSON.parse(result.stdout);
    expect(data).toMatchObject({
      id: '115.24',
      title: 'Journalist held incommunicado in Venezuela',
      country: 'Venezuela',
      subjects: [{ name: 'Andrés Colmenares', pronouns: 'he/him' }],
      background: 'Andrés Colmenares reports on shortages of medicines for an independent news site.\n\nHe has been threatened before for his work.\n',
    });
    expect(data.letters.es.subject).toBe('Acción Urgente 115.24: Journalist held incommunicado in Venezuela');
    expect(result.stdout).not.toMatch(/Home \| Donate|cookies|section\.example|tracker/);
  });

  it('reads a PDF', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ua-import-'));
    const pdf = await pdfOf(readFileSync(join(DOCUMENTS, 'follow-up.txt'), 'utf8'), join(dir, 'follow-up.pdf'));
    const result = ua(['import', pdf, '--json']);
    expect(result.code).toBe(0);
    const data = JSON.parse(result.stdout);
    expect(data).toMatchObject({ id: '163.09', deadline: '2010-04-26', country: 'Mexico', update_of: '163.09' });
    expect(data.targets[0]).toMatchObject({ name: 'Ángel Aguirre Rivero', email: ['gobernador@guerrero.gob.mx'] });
    expect(data.letters.en.body).toContain('I urge you to provide them with protection');
  });

  it('control characters in a document (an ESC sequence in the title) never reach the UA file', () => {
    const text = readFileSync(join(DOCUMENTS, 'flattened.txt'), 'utf8');
    const hostile = text.replace(/^(.*\S.*)$/m, '$1\u001b]0;owned\u0007\u001b[2J');
    expect(hostile).not.toBe(text);
    const result = ua(['import', '-'], { input: hostile });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(/\u001b|\u0007|\\e|\\x1b/);
    expect(result.stdout).toBe(ua(['import', '-'], { input: text }).stdout);
  });

  it('-o never overwrites without --force; - reads stdin', () => {
    const { dir, env } = tempHome();
    writeFileSync(join(dir, 'ua.yaml'), 'mine');
    const refused = ua(['import', join(DOCUMENTS, 'spanish.txt'), '-o', 'ua.yaml'], { cwd: dir, env });
    expect(refused.code).toBe(2);
    expect(readFileSync(join(dir, 'ua.yaml'), 'utf8')).toBe('mine');
    const forced = ua(['import', join(DOCUMENTS, 'spanish.txt'), '-o', 'ua.yaml', '--force'], { cwd: dir, env });
    expect(readFileSync(join(dir, 'ua.yaml'), 'utf8')).toContain('id: "274.11"');
    // Written, but not ready: a UA file is found by its name, and this one's says another UA (it said "It validates" before).
    expect(forced.code).toBe(3);
    expect(forced.stderr).toMatch(/fix:\nua\.yaml:\d+:\d+: id: the id "274\.11" does not match the file name \(ua\): rename the file 274\.11\.yaml/);
    expect(forced.stderr).not.toContain('It validates');
    const piped = ua(['import', '-'], { input: readFileSync(join(DOCUMENTS, 'flattened.txt'), 'utf8') });
    expect(piped.code).toBe(0);
    expect(piped.stdout).toContain('id: "12.21"');
  });

  it('damaged input: one clear error each, exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ua-import-'));
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '');
    const binary = join(dir, 'photo.jpg');
    writeFileSync(binary, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0, 0, 0xff, 0xd9]));
    const scan = await pdfOf(undefined, join(dir, 'scan.pdf'));
    const bomb = await bombOf(200, join(dir, 'bomb.pdf'));
    const huge = join(dir, 'huge.txt');
    writeFileSync(huge, '');
    truncateSync(huge, 50 * 1024 * 1024);
    for (const [file, message] of [
      [empty, 'is empty'],
      [binary, 'is not a text or PDF file'],
      [scan, 'has no text layer (a scan?)'],
      [huge, 'too large (the limit is 20 MB)'],
      [bomb, 'inflates to more than 128 MB (a decompression bomb?): not read'],
      ['/dev/zero', 'too large (the limit is 20 MB)'],
      [dir, 'it is a folder, not a file'],
      [join(dir, 'missing.txt'), 'no such file or folder'],
    ] as const) {
      const result = ua(['import', file]);
      expect(result.code, file).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim().split('\n')[0]).toContain(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  describe('text in another character set: decoded when it says which, else refused, never U+FFFD', () => {
    const spanish = () => readFileSync(join(DOCUMENTS, 'spanish.txt'), 'utf8');
    const page = (text: string, meta = '') =>
      `<!doctype html><html><head>${meta}</head><body>${text
        .split(/\n\s*\n/)
        .map((paragraph) => `<p>${paragraph.replace(/\n/g, '<br>')}</p>`)
        .join('')}</body></html>`;

    it('a Latin-1 text file says nothing of its charset: refused with the place it breaks, exit 2, nothing written', () => {
      const { dir, env } = tempHome();
      writeFileSync(join(dir, 'ua.txt'), latin1(spanish()));
      const result = ua(['import', 'ua.txt', '-o', 'ua.yaml'], { cwd: dir, env });
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^ua: \S*ua\.txt:1:5: not UTF-8 text \(saved as Latin-1 or Windows-1252\?\)\n {2}Save it as UTF-8 text/);
      expect(readdirSync(dir).sort()).toEqual(['ua.txt']);
    });

    it('a page that declares its charset in a <meta>, or a server that does in its header: read with every accent', async () => {
      const home = tempHome();
      writeFileSync(join(home.dir, 'ua.html'), latin1(page(spanish(), '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">')));
      const fromFile = ua(['import', 'ua.html', '--json'], { cwd: home.dir, env: home.env });
      server = await serveFolder(home.dir, {
        '/ua.txt': (_req, res) => {
          res.writeHead(200, { 'content-type': 'text/plain; charset=windows-1252' });
          res.end(latin1(spanish()));
        },
      });
      const fromServer = await uaAsync(['import', `${server.url}ua.txt`, '--json'], { cwd: home.dir, env: home.env }).done;
      for (const result of [fromFile, fromServer]) {
        expect(result.code, result.stderr).toBe(0);
        expect(result.stdout).not.toContain('\ufffd');
        const data = JSON.parse(result.stdout) as { id: string };
        expect(data.id).toBe('274.11');
        expect(JSON.stringify(data)).toContain('María Elena Torres');
        expect(JSON.stringify(data)).toContain('José Francisco Blake Mora');
      }
    });
  });

  describe('what the import could not find, and where it writes', () => {
    const noId = 'URGENT ACTION\nJOURNALIST DETAINED\nPlease write to the Minister of Justice.\n';

    it('a document with no UA number: written, and exit 3 (needs a hand before ua compose can use it)', () => {
      const { dir, env } = tempHome();
      writeFileSync(join(dir, 'doc.txt'), noId);
      const result = ua(['import', 'doc.txt', '-o', 'ua.yaml'], { cwd: dir, env });
      expect(result.code).toBe(3);
      expect(result.stderr).toContain('doc.txt:1: id: no UA number found');
      expect(result.stderr).toMatch(/Before "ua compose" can use it, fix:\nua\.yaml:\d+:\d+: missing required key "id"/);
      expect(readFileSync(join(dir, 'ua.yaml'), 'utf8')).toContain('title: Journalist detained');
      const piped = ua(['import', '-'], { cwd: dir, env, input: noId });
      expect(piped.code).toBe(3);
      expect(piped.stdout).toContain('title: Journalist detained');
    });

    it('-o a folder: the file is named after the id found; with no id found, refused, exit 2, nothing written', () => {
      const { dir, env } = tempHome();
      mkdirSync(join(dir, 'actions'));
      writeFileSync(join(dir, 'doc.txt'), noId);
      for (const out of ['actions', 'actions/', 'new/']) {
        const result = ua(['import', join(DOCUMENTS, 'spanish.txt'), '-o', out], { cwd: dir, env });
        expect(result.code, out).toBe(0);
        expect(result.stderr).toContain(`Wrote ${join(out, '274.11.yaml')}.`);
        expect(parse(readFileSync(join(dir, out, '274.11.yaml'), 'utf8')).id).toBe('274.11');
        rmSync(join(dir, out, '274.11.yaml'));
      }
      const refused = ua(['import', 'doc.txt', '-o', 'actions'], { cwd: dir, env });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/ua: no UA number found in doc\.txt, so the file cannot be named after it in actions\n {2}Give -o a file name/);
      expect(readdirSync(join(dir, 'actions'))).toEqual([]);
    });
  });

  describe('an address with a user name and password', () => {
    it('is refused before anything is fetched, exit 2, and the password is in no message; nor is one a redirect names', async () => {
      const home = tempHome();
      server = await serveFolder(home.dir, {
        '/ua.txt': (_req, res) => {
          res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
          res.end(readFileSync(SEED));
        },
        '/moved': (_req, res) => {
          res.writeHead(302, { location: `${server?.url.replace('//', '//ana:Pl4nted-S3cret@')}ua.txt` });
          res.end();
        },
      });
      const withPassword = server.url.replace('//', '//ana:Pl4nted-S3cret@');
      const direct = await uaAsync(['import', `${withPassword}ua.txt`, '-o', 'ua.yaml'], { cwd: home.dir, env: home.env }).done;
      expect(direct.code).toBe(2);
      expect(direct.stderr).toContain(`ua: ${server.url}ua.txt: an address with a user name or password is not fetched`);
      expect(server.log).toEqual([]);
      const redirected = await uaAsync(['import', `${server.url}moved`], { cwd: home.dir, env: home.env }).done;
      expect(redirected.code).toBe(1);
      expect(redirected.stderr).toContain(`cannot fetch ${server.url}ua.txt`);
      for (const result of [direct, redirected]) expect(`${result.stdout}${result.stderr}`).not.toContain('Pl4nted-S3cret');
      expect(readdirSync(home.dir)).not.toContain('ua.yaml');
    });
  });
});
