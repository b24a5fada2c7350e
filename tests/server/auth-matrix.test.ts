/**
 * Authorization matrix: EVERY route of the app (enumerated from `createApp(...).routes`)
 * × EVERY role, as one table. Real server, real SQLite, real data: branch A with a team
 * whose phone enrolled and pushed two months of records and a submitted report, branch B
 * with its own team, phone and secretary, an admin, a revoked phone, and a team C whose
 * codes the open enrolment route redeems.
 *
 * Every cell checks: the status (and where a 303 goes); the security headers; that the
 * answer names nothing the role may not see (branch B's secretary never sees a name, id or
 * note of branch A, and so on); that a refused request stores nothing (hash of every row of
 * every table before and after); that an allowed write does store; plus per-route checks
 * (which branch a team or rubric landed in, that a revoked device is revoked, …).
 * A route added to the app without a row in the table fails the first test.
 *
 * The parts: auth-matrix-fixtures.ts builds the world (roles, data, sessions),
 * auth-matrix-table.ts holds the table, auth-matrix-cell.ts runs and checks one cell.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app';
import { cellsChecked, runCell } from './auth-matrix-cell';
import { ROLES, s, setUpWorld } from './auth-matrix-fixtures';
import { TABLE } from './auth-matrix-table';

beforeAll(setUpWorld);
afterAll(async () => {
  console.log(`auth matrix: ${Object.keys(TABLE).length} routes × ${ROLES.length} roles = ${cellsChecked()} cells checked`);
  await s?.stop();
});

/* ------------------------------------------------------------------ tests */

describe('authorization matrix', () => {
  it('has a row for every route of the app, and no row for a route that is gone', () => {
    const app = createApp({ distDir: join(s.root, 'dist'), db: s.db, tls: false, clock: () => s.clock.now });
    const routes = [...new Set(app.routes.map((r) => `${r.method} ${r.path}`))].sort();
    expect(routes.length).toBeGreaterThan(20);
    expect(Object.keys(TABLE).sort()).toEqual(routes);
  });

  for (const [key, row] of Object.entries(TABLE)) {
    describe(key, () => {
      for (const role of ROLES) {
        it(`${role} → ${row.expect[role]}`, () => runCell(key, row, role));
      }
    });
  }
});
