/**
 * Serves the built PWA from dist/. Cache policy: Vite's content-hashed files under
 * /assets/ never change, so the phone may keep them for a year; everything else
 * (index.html, sw.js, the manifest, icons) is `no-cache` so an update is seen on the
 * next online visit and the service worker decides what runs offline.
 * Unknown GET paths that want HTML get index.html (the app routes them, e.g. /enrol).
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { Context } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const NO_CACHE = 'no-cache';

export function contentTypeOf(path: string): string {
  return TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** Resolves a URL path inside distDir, or null when it would escape it. */
function safePath(distDir: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const root = resolve(distDir);
  const full = resolve(root, '.' + decoded);
  return full === root || full.startsWith(root + sep) ? full : null;
}

async function fileResponse(c: Context, full: string, cacheControl: string): Promise<Response> {
  const body = await readFile(full);
  c.header('Content-Type', contentTypeOf(full));
  c.header('Cache-Control', cacheControl);
  c.header('Content-Length', String(body.byteLength));
  if (c.req.method === 'HEAD') return c.body(null, 200);
  return c.body(new Uint8Array(body), 200);
}

async function isFile(full: string): Promise<boolean> {
  try {
    return (await stat(full)).isFile();
  } catch {
    return false;
  }
}

/** Handler for GET/HEAD of anything that is not the API. */
export function serveDist(distDir: string) {
  return async (c: Context): Promise<Response> => {
    const path = c.req.path;
    const full = safePath(distDir, path === '/' ? '/index.html' : path);
    if (full && (await isFile(full))) {
      const hashed = path.startsWith('/assets/');
      return fileResponse(c, full, hashed ? IMMUTABLE : NO_CACHE);
    }
    // A missing asset must 404 (a stale index.html asking for an old hash must not
    // receive HTML as JavaScript); a page path the app routes gets the shell.
    const wantsHtml = (c.req.header('Accept') ?? '').includes('text/html');
    const looksLikeFile = extname(path) !== '';
    const index = resolve(distDir, 'index.html');
    if (wantsHtml && !looksLikeFile && !path.startsWith('/assets/') && (await isFile(index))) {
      return fileResponse(c, index, NO_CACHE);
    }
    c.header('Cache-Control', NO_CACHE);
    return c.text('未找到', 404);
  };
}
