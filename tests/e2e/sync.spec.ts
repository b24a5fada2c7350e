import { expect, test } from '@playwright/test';
import { enrolAndSendAll, launchPhone, ownTeamCode, setUpTeam, waitForServiceWorkerControl, withServerDb } from './helpers';

test('a shift done offline is sent when coverage returns: badge 已全部发送, the server holds it', async () => {
  // A team of its own: another test's phone in the first team leaves duties this phone pulls.
  const { teamId, code } = ownTeamCode('同步班组');
  const { context } = await launchPhone();
  const page = context.pages()[0] ?? (await context.newPage());
  await setUpTeam(page);
  await waitForServiceWorkerControl(page);
  await enrolAndSendAll(page, code); // enrolled once at the pithead, days before

  // Underground: no signal. A normal shift.
  await context.setOffline(true);
  await page.goto('/');
  for (const name of ['已参加', '全员到岗', '本班无文件传达', '完成安全确认', '无薄弱人员', '本班未谈心', '人员组织正常', '无隐患']) {
    await page.getByRole('button', { name, exact: true }).click();
  }
  await page.getByLabel('教育主题').fill('顶板管理');
  await expect(page.getByTestId('progress-text')).toHaveText('已完成 9/9');
  await expect(page.getByRole('button', { name: /条待发送/ })).toBeVisible();

  // At the pithead: coverage returns; the app sends by itself (the online event).
  await context.setOffline(false);
  await expect(page.getByRole('button', { name: /已全部发送/ })).toBeVisible({ timeout: 30_000 });

  const phoneDuty = await page.evaluate(
    () =>
      new Promise<{ id: string; rev: number; dirty: number }>((resolve, reject) => {
        const req = indexedDB.open('xiaozhengwei');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const get = req.result.transaction('duties').objectStore('duties').getAll();
          get.onsuccess = () => resolve((get.result as { id: string; rev: number; dirty: number }[])[0]!);
        };
      }),
  );
  expect(phoneDuty.dirty).toBe(0);
  const stored = withServerDb((db) =>
    db.prepare("SELECT rev, body FROM records WHERE team_id = ? AND tbl = 'duties' AND id = ?").get(teamId, phoneDuty.id) as { rev: number; body: string } | undefined);
  expect(stored?.rev).toBe(phoneDuty.rev);
  expect(JSON.parse(stored!.body)).toMatchObject({ lessonTopic: '顶板管理', safetyConfirmed: true, hazardsNone: true });
  await context.close();
});
