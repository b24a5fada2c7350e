/**
 * WebKitGTK has no DevTools protocol to report page errors from the first line on, so the browser
 * reaches the endpoint through this transparent proxy, which adds one same-origin classic script
 * (allowed by the endpoint's CSP, script-src 'self') at the top of every HTML page: it records
 * errors, unhandled rejections, CSP violations and console.error calls before any module runs.
 * Everything else passes through untouched.
 */
import { createServer, request, type Server } from 'node:http';

export const ERRORS_PATH = '/__engines-errors.js';

/** Idempotent: safe to run again in a document that already has it. */
export const ERRORS_JS = `if (!window.__xzwErrors) {
  var list = window.__xzwErrors = [];
  window.addEventListener('error', function (e) {
    if (e.target && e.target !== window) return; // a resource that failed to load: not a script error
    list.push('pageerror: ' + (e.error && e.error.stack ? e.error.message + '\\n' + e.error.stack : e.message) + ' @ ' + e.filename + ':' + e.lineno);
  }, true);
  window.addEventListener('unhandledrejection', function (e) {
    var r = e.reason; list.push('unhandledrejection: ' + (r && r.stack ? r.message + '\\n' + r.stack : String(r)));
  });
  document.addEventListener('securitypolicyviolation', function (e) {
    list.push('csp: ' + e.violatedDirective + ' blocked ' + e.blockedURI);
  });
  var original = console.error;
  console.error = function () {
    list.push('console.error: ' + Array.prototype.map.call(arguments, function (a) {
      return a && a.stack ? (a.name || '') + ': ' + a.message + '\\n' + a.stack : String(a);
    }).join(' '));
    return original.apply(console, arguments);
  };
}`;

export function startErrorProxy(target: string): Promise<{ origin: string; close: () => Promise<void> }> {
  const t = new URL(target);
  const server: Server = createServer((req, res) => {
    if (req.url === ERRORS_PATH) {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
      res.end(ERRORS_JS);
      return;
    }
    const headers = { ...req.headers, host: t.host, 'accept-encoding': 'identity' };
    const up = request({ host: t.hostname, port: t.port, method: req.method, path: req.url, headers }, (r) => {
      if (!/^text\/html/.test(String(r.headers['content-type'] ?? ''))) {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
        return;
      }
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => {
        const html = Buffer.concat(chunks).toString('utf8').replace(/<head([^>]*)>/i, `<head$1><script src="${ERRORS_PATH}"></script>`);
        const out = Buffer.from(html, 'utf8');
        res.writeHead(r.statusCode ?? 502, { ...r.headers, 'content-length': String(out.length) });
        res.end(out);
      });
    });
    up.on('error', (e) => {
      res.writeHead(502);
      res.end(String(e));
    });
    req.pipe(up);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    resolve({ origin: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }) });
  }));
}
