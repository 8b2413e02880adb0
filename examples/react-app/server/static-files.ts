/**
 * Serves the built app: files under one folder, and `index.html` for every other path, so a reload on
 * any screen finds the app. Paths that would leave the folder are refused.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** A file to send: its bytes, its content type, and whether it is the app's page. */
export interface StaticFile {
  readonly body: Buffer;
  readonly contentType: string;
  readonly isPage: boolean;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * The file for a URL path under `root`: the file itself when it exists, else `index.html`; null for a
 * path outside `root`.
 *
 * @example
 * ```ts
 * const file = await resolveStaticFile('dist', '/assets/index-abc.js');
 * ```
 */
export async function resolveStaticFile(root: string, urlPath: string): Promise<StaticFile | null> {
  const base = resolve(root);
  const decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  const candidate = resolve(join(base, normalize(decoded)));
  if (candidate !== base && !candidate.startsWith(base + sep)) return null;
  const path = (await isFile(candidate)) ? candidate : join(base, 'index.html');
  const type = contentTypes[extname(path)] ?? 'application/octet-stream';
  return { body: await readFile(path), contentType: type, isPage: path.endsWith('index.html') };
}
