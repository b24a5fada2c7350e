/**
 * A second phone joins a team that already has data (issue 13): phone A founds the team
 * offline with a roster, records a shift and sends it; phone B (its own browser profile)
 * opens an enrolment link. B never sees the roster step, gets the team back from the
 * server before its first screen, shows the server's team name, and pushes no second
 * copy of the people: the secretary's 人员台账 lists each worker once.
 */
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setOwnPassword } from '../../src/server/secretary/passwords';
import { createBranch, createEnrolCode, createSecretary, createTeam } from '../../src/server/store';
import { enrolAndSendAll, launchPhone, setUpTeam, waitForServiceWorkerControl, withServerDb } from './helpers';

const SHOTS = resolve(fileURLToPath(new URL('../../', import.meta.url)), '.tmp/shots');
const ROSTER = ['张三 采煤机司机', '李四 支架工', '王五 输送机司机', '赵六 电工'];
const NAMES = ROSTER.map((l) => l.split(' ')[0]!);

function newTeam(name: string): { teamId: string; username: string; password: string } {
  return withServerDb((db) => {
    const now = Date.now();
    const branch = createBranch(db, `${name}党支部`, now);
    const teamId = createTeam(db, branch.id, name, now).id;
    const username = `sec-${name}-${now}`;
    // The secretary has set her own password already (a one-time one leads to 修改密码 first).
    const password = `Own-${username}-Pw`;
    setOwnPassword(db, createSecretary(db, branch.id, username, now).id, password, now);
    return { teamId, username, password };
  });
}
const codeFor = (teamId: string) => withServerDb((db) => createEnrolCode(db, teamId, Date.now()).code);
const serverWorkers = (teamId: string) => withServerDb((db) =>
  (db.prepare("SELECT body FROM records WHERE team_id = ? AND tbl = 'workers' AND deleted = 0").all(teamId) as { body: string }[])
    .map((r) => (JSON.parse(r.body) as { name: string; deleted: boolean }))
    .filter((w) => !w.deleted).map((w) => w.name).sort());

/** Phone A: founds the team offline, records part of a shift with a weak worker and a hazard, enrols, sends. */
async function foundingPhone(teamId: string): Promise<{ context: BrowserContext; page: Page }> {
  const { context } = await launchPhone();
  const page = context.pages()[0] ?? (await context.newPage());
  await setUpTeam(page, ROSTER);
  await page.getByRole('button', { name: '已参加', exact: true }).click();
  await page.getByRole('button', { name: '全员到岗' }).click();
  await page.getByRole('button', { name: '+ 选择人员' }).click();
  await page.getByRole('dialog').getByRole('button', { name: /李四/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: '完成' }).click();
  await page.getByTestId('weak-entry').getByRole('button', { name: '疲劳' }).click();
  await page.getByTestId('weak-entry').getByRole('button', { name: '谈心' }).click();
  await page.getByRole('button', { name: '+ 登记隐患/问题' }).click();
  await page.getByLabel('隐患或问题').fill('3号支架立柱漏液');
  await page.getByRole('button', { name: '登记隐患', exact: true }).click();
  await expect(page.getByTestId('progress-text')).toHaveText('已完成 4/9');
  await enrolAndSendAll(page, codeFor(teamId));
  expect(serverWorkers(teamId)).toEqual([...NAMES].sort());
  return { context, page };
}

/** The people page of a phone, once it shows the whole roster (it renders from IndexedDB a moment after load). */
async function expectRoster(page: Page, names: string[]): Promise<void> {
  await page.goto('/people');
  await expect(page.getByRole('heading', { name: `花名册（${names.length}人）` })).toBeVisible();
  expect((await page.getByTestId('people-roster').locator('a.wk-name').allTextContents()).sort()).toEqual([...names].sort());
}

async function fillJoinForm(page: Page, code: string): Promise<void> {
  await page.goto(`/enrol?code=${code}`);
  await expect(page.getByRole('heading', { name: '加入已有班组' })).toBeVisible();
  await expect(page.getByLabel('设备登记码')).toHaveValue(code);
  await page.getByLabel('小政委姓名').fill('王建国');
  await expect(page.getByLabel('设备名称')).toHaveValue('王建国的手机');
}

test('a second phone joins by link: no roster step, the team restored, no duplicate worker', async ({ page: secretary }) => {
  test.setTimeout(150_000);
  const team = newTeam('第一班组');
  const a = await foundingPhone(team.teamId);

  const { context } = await launchPhone();
  const b = context.pages()[0] ?? (await context.newPage());
  await fillJoinForm(b, codeFor(team.teamId));
  // No roster step, no team form: the names come from the server.
  await expect(b.getByRole('button', { name: '下一步：花名册' })).toHaveCount(0);
  await expect(b.getByLabel(/批量粘贴/)).toHaveCount(0);
  await expect(b.getByLabel('班组', { exact: true })).toHaveCount(0);
  await b.screenshot({ path: `${SHOTS}/join-form-390.png`, fullPage: true });
  // Slow pulls (a weak pithead link), so the restore screen can be seen and photographed.
  let slow = 2;
  await context.route('**/api/v1/sync/pull*', async (route) => {
    if (slow-- > 0) await new Promise((r) => setTimeout(r, 1500));
    await route.continue();
  });
  await b.getByRole('button', { name: '登记并恢复班组数据' }).click();
  await expect(b.getByText('正在从服务器恢复班组数据…')).toBeVisible();
  await expect(b.getByText('本机登记在：第一班组党支部 · 综采一队 · 第一班组')).toBeVisible();
  await expect(b.getByLabel(/批量粘贴/)).toHaveCount(0);
  await b.screenshot({ path: `${SHOTS}/join-restore-390.png`, fullPage: true });

  // The first screen only once the team is back: the shift A recorded, with its weak worker.
  await expect(b.getByTestId('progress-text')).toHaveText('已完成 4/9', { timeout: 20_000 });
  await expect(b.locator('header.top h1')).toHaveText('综采一队 · 第一班组');
  await expect(b.locator('header.top')).toContainText('王建国');
  await expect(b.getByTestId('weak-entry')).toContainText('李四');
  await b.screenshot({ path: `${SHOTS}/join-first-screen-390.png`, fullPage: true });
  await b.goto('/hazards');
  await expect(b.getByTestId('hazard').filter({ hasText: '3号支架立柱漏液' })).toBeVisible();
  await expectRoster(b, NAMES);

  // B syncs (it holds nothing of its own to push as people); the server still has 4 workers.
  await b.goto('/sync');
  await b.getByRole('button', { name: '立即发送' }).click();
  await expect(b.getByRole('button', { name: /已全部发送/ })).toBeVisible({ timeout: 20_000 });
  expect(serverWorkers(team.teamId)).toEqual([...NAMES].sort());
  const device = withServerDb((db) => db.prepare('SELECT name FROM devices WHERE team_id = ? ORDER BY created_at DESC LIMIT 1').get(team.teamId) as { name: string });
  expect(device.name).toBe('王建国的手机');

  // The secretary's 人员台账 lists each worker once.
  await secretary.goto('/secretary/login');
  await secretary.getByLabel('账号').fill(team.username);
  await secretary.getByLabel('密码').fill(team.password);
  await secretary.getByRole('button', { name: '登录' }).click();
  await secretary.goto(`/secretary/team/${team.teamId}`);
  // The 人员台账 table (links to 困难职工台账 / 1+X sit between its heading and the table).
  const ledger = secretary.locator('table:has(th:text-is("本月薄弱排查")) tbody tr td:first-child');
  expect((await ledger.allTextContents()).map((t) => t.replace(/（党员）$/, '')).sort()).toEqual([...NAMES].sort());

  // Both phones show the same people.
  await a.page.goto('/sync');
  await a.page.getByRole('button', { name: '立即发送' }).click();
  await expect(a.page.getByRole('button', { name: /已全部发送/ })).toBeVisible({ timeout: 20_000 });
  await expectRoster(a.page, NAMES);
  await expectRoster(b, NAMES);
  await a.context.close();
  await context.close();
});

test('the link is cut during the restore: the phone resumes, never starts a new team', async () => {
  test.setTimeout(150_000);
  const team = newTeam('第二班组');
  const a = await foundingPhone(team.teamId);
  await a.context.close();

  const { context } = await launchPhone();
  const b = context.pages()[0] ?? (await context.newPage());
  await b.goto('/');
  await waitForServiceWorkerControl(b); // the app must open again offline, mid-restore
  await fillJoinForm(b, codeFor(team.teamId));
  // Every pull is cut: the enrolment gets through, the team does not.
  await context.route('**/api/v1/sync/pull*', (route) => route.abort('internetdisconnected'));
  await b.getByRole('button', { name: '登记并恢复班组数据' }).click();
  await expect(b.getByText(/恢复中断/)).toBeVisible({ timeout: 20_000 });
  await expect(b.getByRole('button', { name: '重试' })).toBeVisible();
  await b.screenshot({ path: `${SHOTS}/join-restore-cut-390.png`, fullPage: true });

  // Closed and opened again without signal: still the restore, not an empty team's first screen.
  await context.setOffline(true);
  await b.reload();
  await expect(b.getByText('正在从服务器恢复班组数据…')).toBeVisible();
  await expect(b.getByRole('heading', { name: '首次设置' })).toHaveCount(0);
  await expect(b.getByTestId('progress')).toHaveCount(0);

  // Coverage returns: the restore finishes by itself (the online event) and the team is there.
  await context.unroute('**/api/v1/sync/pull*');
  await context.setOffline(false);
  await expect(b.getByTestId('progress-text')).toHaveText('已完成 4/9', { timeout: 30_000 });
  await expectRoster(b, NAMES);
  const teams = await b.evaluate(() => new Promise<number>((resolve, reject) => {
    const req = indexedDB.open('xiaozhengwei');
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const count = req.result.transaction('teams').objectStore('teams').count();
      count.onsuccess = () => resolve(count.result);
    };
  }));
  expect(teams).toBe(1); // A's team, restored; none founded on B
  await b.goto('/sync');
  await b.getByRole('button', { name: '立即发送' }).click();
  await expect(b.getByRole('button', { name: /已全部发送/ })).toBeVisible({ timeout: 20_000 });
  expect(serverWorkers(team.teamId)).toEqual([...NAMES].sort());
  expect(withServerDb((db) => (db.prepare("SELECT COUNT(*) AS n FROM records WHERE team_id = ? AND tbl = 'teams'").get(team.teamId) as { n: number }).n)).toBe(1);
  await context.close();
});

test('a new phone asks: found a team or join one; a bad code is refused and nothing is created', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: '首次设置' })).toBeVisible();
  await expect(page.getByRole('button', { name: '新建班组' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/join-choice-390.png`, fullPage: true });

  // The help page opens before any team exists.
  await page.getByRole('link', { name: '换手机、代班怎么办？' }).click();
  await expect(page.getByRole('heading', { name: '换手机、代班' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '换新手机' })).toBeVisible();
  await expect(page.getByText(/请书记停用旧手机/)).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/help-390.png`, fullPage: true });
  await page.goBack();

  await page.getByRole('button', { name: '加入已有班组' }).click();
  await page.getByRole('button', { name: '登记并恢复班组数据' }).click();
  await expect(page.getByRole('alert')).toHaveText('请填写姓名');
  await page.getByLabel('小政委姓名').fill('李春生');
  await page.getByLabel('设备登记码').fill('ABCD2345');
  await page.getByRole('button', { name: '登记并恢复班组数据' }).click();
  await expect(page.getByRole('alert')).toContainText('登记码不存在');
  // Still the form, with what was typed; no team, no join under way.
  await expect(page.getByLabel('小政委姓名')).toHaveValue('李春生');
  await page.reload();
  await expect(page.getByRole('button', { name: '新建班组' })).toBeVisible();
});

test('a phone that enrols into a team with no data yet founds it, under the server\'s team name', async ({ page }) => {
  const team = newTeam('第三班组');
  await page.goto(`/enrol?code=${codeFor(team.teamId)}`);
  await page.getByLabel('小政委姓名').fill('刘建国');
  await page.getByRole('button', { name: '登记并恢复班组数据' }).click();
  // Nothing to restore: today's two founding steps, the team name the server's.
  await expect(page.getByLabel('班组', { exact: true })).toHaveValue('第三班组');
  await expect(page.getByLabel('班组', { exact: true })).toHaveAttribute('readonly', '');
  await expect(page.getByLabel('小政委姓名')).toHaveValue('刘建国'); // typed once, when joining
  await page.getByLabel('区队 / 工区').fill('综采二队');
  await page.screenshot({ path: `${SHOTS}/join-found-empty-team-390.png`, fullPage: true });
  await page.reload(); // the founding step survives a reload
  await expect(page.getByLabel('班组', { exact: true })).toHaveValue('第三班组');
  await page.getByLabel('小政委姓名').fill('刘建国');
  await page.getByLabel('区队 / 工区').fill('综采二队');
  await page.getByRole('button', { name: '下一步：花名册' }).click();
  await page.getByLabel(/批量粘贴/).fill(ROSTER.join('\n'));
  await page.getByRole('button', { name: '批量添加' }).click();
  await page.getByRole('button', { name: '开始使用' }).click();
  await expect(page.getByTestId('progress')).toBeVisible();
  await expect(page.locator('header.top h1')).toHaveText('综采二队 · 第三班组');
  await expect.poll(() => serverWorkers(team.teamId), { timeout: 20_000 }).toEqual([...NAMES].sort());
});
