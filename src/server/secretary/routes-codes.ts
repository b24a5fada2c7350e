/** 设备登记码: the list (GET), a new code (POST → redirect → shown once), 作废 (POST). */
import { Hono } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { enrolLink } from '../bootstrap';
import { createEnrolCode, liveEnrolCodes, revokeEnrolCode } from '../store';
import { audit, teamFor } from './access';
import type { AuthDeps, SecEnv } from './auth';
import { CodeSlips, codesPage, isLoopback } from './enrol';
import { page } from './layout';

export function codeRoutes(deps: AuthDeps): Hono<SecEnv> {
  const { db, clock } = deps;
  const slips = new CodeSlips();
  const r = new Hono<SecEnv>();
  const peer = (c: Parameters<typeof getConnInfo>[0]) => {
    try {
      return getConnInfo(c).remote.address ?? '';
    } catch {
      return '';
    }
  };

  r.get('/team/:id/code', async (c) => {
    const s = c.get('session');
    const team = teamFor(db, s.account, c.req.param('id'));
    if (!team) return c.text('班组不存在或无权查看', 404);
    const now = clock();
    const fresh = slips.take(c.req.query('new'), s.account.id, team.id, now);
    // The new code must not stay in a cache or the history's copy of the page.
    c.header('Cache-Control', 'no-store');
    const warn = !process.env.PUBLIC_URL && isLoopback(peer(c));
    return c.html(page('设备登记码', s, await codesPage(s, team, liveEnrolCodes(db, team.id, now), fresh, warn)));
  });

  r.post('/team/:id/code', (c) => {
    const s = c.get('session');
    const team = teamFor(db, s.account, c.req.param('id'));
    if (!team) return c.text('班组不存在或无权查看', 404);
    const now = clock();
    const code = createEnrolCode(db, team.id, now, s.account.id);
    audit(db, now, s.account, 'create_code', team.id, `******${code.code.slice(-2)}`);
    const base = (process.env.PUBLIC_URL ?? new URL(c.req.url).origin).replace(/\/+$/, '');
    const key = slips.put(s.account.id, team.id, { ...code, link: enrolLink(base, code.code) }, now);
    return c.redirect(`/secretary/team/${team.id}/code?new=${key}`, 303);
  });

  r.post('/team/:id/code/:hash/revoke', (c) => {
    const s = c.get('session');
    const team = teamFor(db, s.account, c.req.param('id'));
    if (!team) return c.text('班组不存在或无权查看', 404);
    const hash = c.req.param('hash');
    const row = db.prepare('SELECT hint FROM enrolment_codes WHERE code_hash = ? AND team_id = ?').get(hash, team.id) as { hint: string } | undefined;
    if (!row) return c.text('登记码不存在', 404);
    if (revokeEnrolCode(db, team.id, hash, clock())) audit(db, clock(), s.account, 'revoke_code', team.id, `******${row.hint}`);
    return c.redirect(`/secretary/team/${team.id}/code`, 303);
  });
  return r;
}
