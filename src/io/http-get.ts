import type { IncomingMessage } from 'node:http';
import { checkFeedUrl } from '../core/feeds.js';
import type { Translate } from '../core/i18n.js';
import { withoutCredentials } from '../core/shown.js';
import { UaError } from '../errors.js';
import { formatBytes } from './read-input.js';
import { describeSystemError, errorCode } from './system-errors.js';

/**
 * One GET, with the limits a feed or a web page needs: HTTPS (plain HTTP only to this
 * machine), at most three redirects and never to another scheme, a size limit checked as the
 * bytes come, and one deadline for the whole exchange, so a server that trickles (a slow-loris)
 * is cut off like one that never answers. TLS certificates are verified (NODE_EXTRA_CA_CERTS
 * adds a private CA).
 */
export interface HttpResult {
  /** 304: unchanged since the ETag / Last-Modified given. */
  status: 200 | 304;
  body: Buffer;
  etag?: string;
  lastModified?: string;
  contentType?: string;
  /** Where the body came from, after redirects. */
  url: string;
}

export interface HttpOptions {
  maxBytes: number;
  /** The whole exchange, redirects included. */
  timeoutMs: number;
  etag?: string;
  lastModified?: string;
}

const MAX_REDIRECTS = 3;

export async function httpGet(t: Translate, url: string, options: HttpOptions): Promise<HttpResult> {
  const deadline = Date.now() + options.timeoutMs;
  let current = url;
  for (let redirects = 0; ; redirects++) {
    const problem = checkFeedUrl(t, current);
    if (problem) throw failed(t, current, problem);
    const response = await request(t, current, options, deadline);
    const status = response.statusCode ?? 0;
    if ([301, 302, 303, 307, 308].includes(status)) {
      response.resume();
      const next = new URL(response.headers.location ?? '', current);
      if (next.protocol !== new URL(current).protocol) throw failed(t, url, t('http.otherScheme', { to: next.protocol.replace(':', '') }));
      if (redirects >= MAX_REDIRECTS) throw failed(t, url, t('http.tooManyRedirects', { count: MAX_REDIRECTS }));
      current = next.toString();
      continue;
    }
    if (status === 304) {
      response.resume();
      return { status: 304, body: Buffer.alloc(0), url: current, etag: header(response, 'etag'), lastModified: header(response, 'last-modified') };
    }
    if (status !== 200) {
      response.resume();
      throw failed(t, current, t('http.status', { status }));
    }
    const body = decoded(t, await readBody(t, response, current, options.maxBytes, deadline), header(response, 'content-encoding'), current, options.maxBytes);
    return {
      status: 200,
      body,
      url: current,
      etag: header(response, 'etag'),
      lastModified: header(response, 'last-modified'),
      contentType: header(response, 'content-type'),
    };
  }
}

/** A server that compresses though asked not to: gzip and deflate undone (within the limit), anything else refused. */
function decoded(t: Translate, body: Buffer, encoding: string | undefined, url: string, maxBytes: number): Buffer {
  const how = (encoding ?? 'identity').trim().toLowerCase();
  if (how === 'identity' || how === '') return body;
  const zlib = process.getBuiltinModule('node:zlib');
  try {
    if (how === 'gzip' || how === 'x-gzip') return zlib.gunzipSync(body, { maxOutputLength: maxBytes });
    if (how === 'deflate') return zlib.inflateSync(body, { maxOutputLength: maxBytes });
    if (how === 'br') return zlib.brotliDecompressSync(body, { maxOutputLength: maxBytes });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(t, url, maxBytes);
    throw failed(t, url, t('http.badEncoding', { encoding: how }));
  }
  throw failed(t, url, t('http.badEncoding', { encoding: how }));
}

function header(response: IncomingMessage, name: string): string | undefined {
  const value = response.headers[name];
  return typeof value === 'string' ? value : undefined;
}

async function request(t: Translate, url: string, options: HttpOptions, deadline: number): Promise<IncomingMessage> {
  const { protocol } = new URL(url);
  const client = protocol === 'https:' ? await import('node:https') : await import('node:http');
  const headers: Record<string, string> = { 'accept-encoding': 'identity', 'user-agent': 'ua (Urgent Action letters)' };
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;
  return new Promise((resolve, reject) => {
    const req = client.get(url, { headers }, resolve);
    const timer = setTimeout(() => req.destroy(timedOut(t, url, options.timeoutMs)), Math.max(0, deadline - Date.now()));
    req.on('response', (response) => {
      // The deadline covers the body too: readBody takes the timer over.
      clearTimeout(timer);
      response.on('error', () => undefined);
    });
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error instanceof UaError ? error : failed(t, url, reason(t, error)));
    });
  });
}

function readBody(t: Translate, response: IncomingMessage, url: string, maxBytes: number, deadline: number): Promise<Buffer> {
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    return Promise.reject(tooLarge(t, url, maxBytes));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(
      () => {
        response.destroy();
        reject(timedOut(t, url, 0));
      },
      Math.max(0, deadline - Date.now()),
    );
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        clearTimeout(timer);
        response.destroy();
        reject(tooLarge(t, url, maxBytes));
      } else chunks.push(chunk);
    });
    response.on('end', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks, size));
    });
    response.on('error', (error) => {
      clearTimeout(timer);
      reject(failed(t, url, reason(t, error)));
    });
  });
}

function reason(t: Translate, error: unknown): string {
  const code = errorCode(error) ?? (error as { code?: string } | undefined)?.code;
  if (code === 'ECONNREFUSED') return t('http.refused');
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return t('http.noHost');
  if (typeof code === 'string' && /CERT|SELF_SIGNED|TLS|SSL/.test(code)) return t('http.untrusted', { code });
  if (code === 'ECONNRESET') return t('http.reset');
  const words = errorCode(error) ? describeSystemError(t, error) : (((error as Error).message ?? String(error)).split('\n')[0]?.slice(0, 120) ?? '');
  // Node's own words may quote the address, password and all.
  return withoutCredentials(words);
}

function failed(t: Translate, url: string, why: string): UaError {
  // A redirect may name an address with a password in it: never echoed.
  return new UaError('failure', t('http.failed', { url: withoutCredentials(url), reason: why }));
}

function timedOut(t: Translate, url: string, ms: number): UaError {
  return failed(t, url, ms > 0 ? t('http.timeout', { seconds: Math.round(ms / 1000) }) : t('http.timeoutBody'));
}

function tooLarge(t: Translate, url: string, maxBytes: number): UaError {
  return failed(t, url, t('http.tooLarge', { limit: formatBytes(maxBytes) }));
}
