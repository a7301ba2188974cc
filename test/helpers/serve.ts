import { type ChildProcess, spawn } from 'node:child_process';
import { type IncomingHttpHeaders, request } from 'node:http';
import { TEXT_WIDTH, wrap } from '../../src/core/render.js';
import { BIN, SPAWN_LIMIT_MS, stillRunning } from './spawn.js';

/** A `ua serve` process, started as an organiser would, with the two addresses it printed. */
export interface Served {
  child: ChildProcess;
  base: string;
  attendeeUrl: string;
  organiserUrl: string;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code once the process has ended. */
  ended: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function startServe(args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<Served> {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString('utf8');
  });
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  const started = Date.now();
  for (;;) {
    const organiserUrl = /^(http:\/\/\S+\/organiser\/join\?t=\S+)$/m.exec(out)?.[1];
    const attendeeUrl = /^(http:\/\/\S+\/join\?t=\S+)$/m.exec(out)?.[1];
    if (organiserUrl && attendeeUrl)
      return { child, base: new URL(attendeeUrl).origin, attendeeUrl, organiserUrl, stdout: () => out, stderr: () => err, ended };
    if (child.exitCode !== null) throw new Error(`ua serve ended (${child.exitCode}): ${err}`);
    if (Date.now() - started > SPAWN_LIMIT_MS) throw stillRunning(['ua', 'serve', ...args], SPAWN_LIMIT_MS);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until `check` is true of the server's stderr (a letter said on the terminal). */
export async function untilSaid(served: Served, check: (stderr: string) => boolean): Promise<void> {
  const started = Date.now();
  while (!check(served.stderr())) {
    if (Date.now() - started > SPAWN_LIMIT_MS) throw stillRunning(['ua', 'serve'], SPAWN_LIMIT_MS);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface Answer {
  status: number;
  text: string;
  location: string | null;
}

/** A browser without a browser: it keeps its cookies, follows nothing by itself, posts forms. */
export class Browser {
  private readonly cookies = new Map<string, string>();
  constructor(
    readonly base: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  async get(path: string): Promise<Answer> {
    return this.send(path, { method: 'GET' });
  }

  async post(path: string, fields: Record<string, string | string[]>): Promise<Answer> {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(fields)) for (const item of [value].flat()) body.append(name, item);
    return this.send(path, { method: 'POST', body: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  }

  /** Follows the evening's address (its token for a cookie) to the page it leads to. */
  async join(url: string): Promise<Answer> {
    const joined = await this.get(url.replace(this.base, ''));
    return joined.location ? this.get(joined.location) : joined;
  }

  /** The CSRF token of the form on a page. */
  static csrf(page: Answer): string {
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
    if (!token) throw new Error(`no form on the page (${page.status}): ${page.text.slice(0, 300)}`);
    return token;
  }

  private async send(path: string, init: { method: string; body?: string; headers?: Record<string, string> }): Promise<Answer> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(`${this.base}${path}`, {
      ...init,
      redirect: 'manual',
      headers: { ...this.headers, ...init.headers, ...(cookie ? { cookie } : {}) },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return { status: response.status, text: await response.text(), location: response.headers.get('location') };
  }
}

/** A request with a Host header of one's choosing (fetch will not send another than the URL's). */
export async function getWithHost(base: string, path: string, host: string): Promise<number> {
  return (await askWithHost(base, path, host)).status;
}

/** The same, with other headers (a browser's Accept-Language), and the answer's type and text. */
export function askWithHost(
  base: string,
  path: string,
  host: string,
  headers: Record<string, string> = {},
): Promise<Answer & { type: string; headers: IncomingHttpHeaders }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const sent = request({ host: url.hostname, port: url.port, path, headers: { ...headers, host } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
      });
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          type: response.headers['content-type'] ?? '',
          headers: response.headers,
          text,
          location: response.headers.location ?? null,
        }),
      );
    });
    sent.on('error', reject);
    sent.end();
  });
}

/**
 * The letters of a preview as `ua compose` prints them: the page leaves the phone to break the
 * paragraphs; broken at compose's 76 columns (core's own wrap), letters apart by form feeds.
 */
export function asComposePrints(texts: readonly string[]): string {
  return texts
    .map((text) =>
      text
        .split('\n')
        .map((line) => wrap(line, TEXT_WIDTH))
        .join('\n'),
    )
    .join('\f');
}

/** The letters of a preview page, as text (the page escapes what it shows). */
export function previewTexts(html: string): string[] {
  return [...html.matchAll(/<pre class="letter-text">([\s\S]*?)<\/pre>/g)].map((m) => unescapeHtml(m[1] ?? ''));
}

export function unescapeHtml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&#x3D;/g, '=')
    .replace(/&#x60;/g, '`')
    .replace(/&amp;/g, '&');
}
