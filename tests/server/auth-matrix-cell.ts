/** Running one cell of the authorization matrix: a role's request of a route, and every check of its answer. */
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { dbSnapshot } from './helpers';
import {
  allowed, credsFor, markersA, markersB, reportA, s, SEC_ROLES, teamA, type Answer, type Cell, type Creds, type Req, type Role, type Row,
} from './auth-matrix-fixtures';

let cells = 0;
let counter = 0;
/** How many cells ran to the end. */
export const cellsChecked = () => cells;

/** The answer as text: spreadsheets are opened (sheet names and every cell), other binaries are left out. */
async function read(res: Response): Promise<string> {
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('spreadsheetml')) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const parts: string[] = [];
    wb.eachSheet((ws) => {
      parts.push(ws.name);
      ws.eachRow((row) => row.eachCell((c) => parts.push(String(c.text))));
    });
    return parts.join('\n');
  }
  if (type.includes('wordprocessingml')) return `(docx ${(await res.arrayBuffer()).byteLength} bytes)`;
  return res.text();
}

async function send(req: Req, c: Creds): Promise<Answer> {
  const headers: Record<string, string> = { ...c.headers, ...req.headers };
  let body: string | FormData | undefined;
  if (req.files) {
    const f = new FormData();
    for (const [k, v] of Object.entries(req.form ?? {})) for (const x of Array.isArray(v) ? v : [v]) f.append(k, x);
    for (const [k, v] of Object.entries(req.files)) f.append(k, v);
    body = f; // fetch sets the multipart Content-Type with its boundary
  } else if (req.form) {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(req.form)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
    body = p.toString();
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
  } else if (req.json !== undefined) {
    body = JSON.stringify(req.json);
    headers['Content-Type'] = 'application/json';
  }
  const res = await fetch(`${s.url}${req.path}`, { method: req.method, headers, body, redirect: 'manual' });
  const text = await read(res);
  const out = new Headers(res.headers);
  out.set('x-matrix-path', req.path);
  return { status: res.status, location: res.headers.get('location'), type: res.headers.get('content-type') ?? '', text, headers: out };
}

/** What each role must never be shown. */
function forbidden(role: Role): string[] {
  switch (role) {
    case 'admin': return [];
    case 'secretaryA': case 'viewerA': case 'deviceA': return markersB;
    case 'secretaryB': return markersA;
    default: return [...markersA, ...markersB];
  }
}

const LEAKS = [/\n\s+at /, /node:internal/, /node_modules/, /\.tsx?:\d+/, /Internal Server Error/];

export async function runCell(key: string, row: Row, role: Role): Promise<void> {
  const n = ++counter;
  s.clock.now += 1000;
  const c = await credsFor(role, row.fresh === true);
  const cell: Cell = { role, n, creds: c };
  const req = await row.sample(cell);
  const want = row.expect[role];
  const where = `${key} as ${role}: ${req.method} ${req.path}`;
  const before = dbSnapshot(s);
  const res = await send(req, c);
  const after = dbSnapshot(s);
  const shown = `${where}\n→ ${res.status} ${res.location ?? ''} ${res.text.slice(0, 300)}`;

  if (want === 'login') {
    expect(res.status, shown).toBe(303);
    expect(res.location, shown).toBe('/secretary/login');
  } else {
    expect(res.status, shown).toBe(want);
  }
  if (want === 303) {
    const loc = row.location ?? /^(?!\/secretary\/login$)/;
    const expected = typeof loc === 'string' ? loc.replace('{report}', reportA).replace('{teamA}', teamA.id) : loc;
    if (typeof expected === 'string') expect(res.location, shown).toBe(expected);
    else expect(res.location ?? '', shown).toMatch(expected);
  }
  // Every answer carries the security headers of app.ts.
  expect(res.headers.get('content-security-policy'), shown).toMatch(/default-src 'self'/);
  expect(res.headers.get('x-content-type-options'), shown).toBe('nosniff');
  // Nothing of what the role may not see (body, file name, redirect), and no trace of the server's insides.
  const seen = [res.text, decodeURIComponent(res.headers.get('content-disposition') ?? ''), res.location ?? ''].join('\n');
  for (const m of forbidden(role)) expect(seen.includes(m), `${shown}\nleaks ${m}`).toBe(false);
  for (const leak of LEAKS) expect(res.text, shown).not.toMatch(leak);

  if (!allowed(want)) {
    expect(after, `${where}: a refused request stored something`).toBe(before);
  } else {
    if (row.writes) expect(after, `${where}: an allowed write stored nothing`).not.toBe(before);
    for (const text of row.shows?.(role) ?? []) expect(res.text, `${shown}\nshould show ${text}`).toContain(text);
    // A signed-in secretary's answers are never kept by a browser or proxy cache.
    if (SEC_ROLES.has(role) && key.startsWith('GET /secretary') && !['GET /secretary/style.css', 'GET /secretary/landscape.css', 'GET /secretary/print.js', 'GET /secretary/login'].includes(key)) {
      expect(res.headers.get('cache-control'), shown).toBe('no-store');
    }
  }
  await row.after?.(cell, res);
  cells++;
}
