/**
 * Photos for the secretary: one photo (thumbnails on the pages use the same bytes, ≤150 KB),
 * and a month's photos as a zip. Access like the records (access.ts: a team of another
 * branch is 404); opening a full photo and downloading the zip are audited.
 */
import { Hono } from 'hono';
import { monthLabel } from '../../domain/calendar';
import { dataDirOf, findPhoto, readPhoto } from '../photo-store';
import { audit, currentBranch, exportTeams, teamFor } from './access';
import type { AuthDeps, SecEnv } from './auth';
import { attachment, monthParam } from './params';
import { monthPhotosZip } from './photo-zip';

export function photoRoutes(deps: AuthDeps): Hono<SecEnv> {
  const { db, clock } = deps;
  const dataDir = dataDirOf(db);
  const r = new Hono<SecEnv>();

  r.get('/photo/:team/:id', (c) => {
    const s = c.get('session');
    const team = teamFor(db, s.account, c.req.param('team'));
    const p = team ? findPhoto(db, team.id, c.req.param('id')) : undefined;
    const bytes = p && p.received_at !== null ? readPhoto(dataDir, p.sha256) : null;
    if (!team || !p || !bytes) return c.text('照片不存在或无权查看', 404);
    // Thumbnails come with the page that shows them (itself audited); a photo opened is its own entry.
    if (c.req.query('thumb') !== '1') audit(db, clock(), s.account, 'view_photo', team.id, `${p.owner_table}:${p.owner_id} ${p.sha256.slice(0, 12)}`);
    c.header('Content-Type', p.mime);
    c.header('Cache-Control', 'private, max-age=86400');
    c.header('X-Content-SHA256', p.sha256);
    return c.body(new Uint8Array(bytes));
  });

  r.get('/export/photos.zip', async (c) => {
    const s = c.get('session');
    const now = clock();
    const month = monthParam(c.req.query('month'), now);
    const teamId = c.req.query('team');
    const teams = exportTeams(db, s.account, teamId, c.req.query('branch'));
    if (!teams) return c.text('班组不存在或无权查看', 404);
    audit(db, now, s.account, 'export_photos', teamId || null, month);
    const { zip } = await monthPhotosZip(db, dataDir, teams, month);
    const name = teams.length === 1 ? teams[0]!.name : currentBranch(db, s.account, c.req.query('branch')).name;
    c.header('Content-Type', 'application/zip');
    c.header('Content-Disposition', attachment(`${name}-${monthLabel(month)}照片.zip`, `photos-${month}.zip`));
    return c.body(new Uint8Array(zip));
  });
  return r;
}
