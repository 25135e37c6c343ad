import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
  '.wasm': 'application/wasm',
};

/** A page server on loopback; pages load from `http://localhost:<port>` (a secure context). */
export interface StaticServer {
  /** e.g. `http://localhost:43123` */
  readonly url: string;
  close(): Promise<void>;
}

/** What a {@link serveStatic} server answers: in-memory files first, then files of `dir`. */
export interface StaticContent {
  /** Files by URL path, e.g. `{ '/index.html': '<!doctype html>…' }`. */
  files?: Record<string, string>;
  /** A folder to serve (a Vite build); unknown paths without an extension get its `index.html`. */
  dir?: string;
  /** Called with the path of every request (a request log). */
  onRequest?: (path: string) => void;
}

function contentType(path: string): string {
  return CONTENT_TYPES[extname(path)] ?? 'application/octet-stream';
}

async function readFromDir(dir: string, urlPath: string): Promise<{ body: Buffer; path: string } | undefined> {
  const relative = normalize(decodeURIComponent(urlPath)).replace(/^([/\\])+/, '');
  if (relative.split(sep).includes('..')) return undefined;
  const wanted = relative === '' ? 'index.html' : relative;
  const candidates = extname(wanted) ? [wanted] : [wanted, 'index.html'];
  for (const candidate of candidates) {
    try {
      return { body: await readFile(join(dir, candidate)), path: candidate };
    } catch {
      // try the next candidate
    }
  }
  return undefined;
}

/**
 * Serves in-memory files and/or a folder on a free loopback port.
 *
 * @example
 * ```ts
 * const site = await serveStatic({ files: { '/': html, '/app.js': script } });
 * await page.goto(site.url);
 * await site.close();
 * ```
 */
export async function serveStatic({ files = {}, dir, onRequest }: StaticContent): Promise<StaticServer> {
  const server: Server = createServer((request, response) => {
    const urlPath = new URL(request.url ?? '/', 'http://localhost').pathname;
    onRequest?.(urlPath);
    const inMemory = files[urlPath] ?? (urlPath === '/' ? files['/index.html'] : undefined);
    if (inMemory !== undefined) {
      response.writeHead(200, { 'content-type': contentType(urlPath === '/' ? '/index.html' : urlPath) });
      response.end(inMemory);
      return;
    }
    if (!dir) {
      response.writeHead(404).end();
      return;
    }
    readFromDir(dir, urlPath).then(
      (found) => {
        if (!found) response.writeHead(404).end();
        else response.writeHead(200, { 'content-type': contentType(found.path) }).end(found.body);
      },
      () => response.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1' }, resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://localhost:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
