import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';

/**
 * A web server on 127.0.0.1 serving a folder as a static host does (ETag and 304), with a log
 * of every request, and a few hostile routes for the tests: a redirect to another scheme, an
 * endless body, a server that trickles one byte a second.
 */
export interface StaticServer {
  url: string;
  log: { method: string; path: string; status: number }[];
  close(): Promise<void>;
}

export async function serveFolder(folder: string, special: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {}): Promise<StaticServer> {
  const log: StaticServer['log'] = [];
  const trickles = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    res.on('finish', () => log.push({ method: req.method ?? '', path, status: res.statusCode }));
    const route = special[path];
    if (route) return route(req, res);
    const file = join(folder, normalize(decodeURIComponent(path)).replace(/^(\.\.[/\\])+/, ''));
    let body: Buffer;
    try {
      if (!statSync(file).isFile()) throw new Error('not a file');
      body = readFileSync(file);
    } catch {
      res.statusCode = 404;
      return res.end('not found');
    }
    const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
    if (req.headers['if-none-match'] === etag) {
      res.statusCode = 304;
      return res.end();
    }
    res.setHeader('etag', etag);
    res.setHeader('content-type', file.endsWith('.html') ? 'text/html; charset=utf-8' : 'application/octet-stream');
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    log,
    close: async () => {
      for (const timer of trickles) clearInterval(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A route that sends one byte a second, for ever (a slow-loris server). */
export function trickle(req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  const timer = setInterval(() => res.write(' '), 1000);
  req.socket.on('close', () => clearInterval(timer));
}

/** A route whose body never ends until 50 MB have gone by. */
export function huge(_req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  const chunk = Buffer.alloc(1024 * 1024, 32);
  let sent = 0;
  const more = () => {
    while (sent < 50 && res.write(chunk)) sent++;
    if (sent >= 50) res.end();
    else res.once('drain', more);
  };
  res.on('close', () => {
    sent = 50;
  });
  more();
}
