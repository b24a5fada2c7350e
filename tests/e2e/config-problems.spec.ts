/**
 * One bad item in the branch's config (a name over the limit, stored before limits existed)
 * must not stop the list: the phone applies the good items and says on 数据发送 which item
 * it could not use.
 */
import { expect, test } from '@playwright/test';
import { setConfig } from '../../src/server/store';
import { enrolAndSendAll, firstTeamCode, launchPhone, setUpTeam, withServerDb } from './helpers';

test('a risk-type list with one over-long name: the good types are applied, the bad one is named on 数据发送', async () => {
  const { teamId, code } = firstTeamCode();
  const { context } = await launchPhone();
  const page = context.pages()[0] ?? (await context.newPage());
  await setUpTeam(page);
  await enrolAndSendAll(page, code);
  await expect(page.getByTestId('config-problems')).toHaveCount(0);

  const longName = '因家庭变故导致情绪长期低落并伴有失眠等身心状况需要重点关注和持续帮扶的职工类型说明文字'.repeat(2);
  withServerDb((db) => {
    const team = db.prepare('SELECT branch_id FROM teams WHERE id = ?').get(teamId) as { branch_id: string };
    setConfig(db, team.branch_id, 'riskTypes', [
      { id: 'rt-good-1', name: '家庭矛盾型', retired: false, order: 1 },
      { id: 'rt-bad-1', name: longName, retired: false, order: 2 },
    ], Date.now());
  });

  await page.getByRole('button', { name: '立即发送', exact: true }).click();
  const card = page.getByTestId('config-problems');
  await expect(card).toBeVisible({ timeout: 20_000 });
  await expect(card).toContainText('帮扶类型 · 不稳定不安全因素');
  await expect(card).toContainText(longName.slice(0, 12));
  await expect(card).not.toContainText('家庭矛盾型');
  await card.screenshot({ path: '.tmp/shots/config-problems.png' });

  // The good item reached the phone's risk types (IndexedDB), the bad one did not.
  const names = await page.evaluate(() => new Promise<string[]>((resolve, reject) => {
    const req = indexedDB.open('xiaozhengwei');
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const all = req.result.transaction('riskTypes').objectStore('riskTypes').getAll();
      all.onsuccess = () => resolve((all.result as { name: string; deleted: boolean }[]).filter((t) => !t.deleted).map((t) => t.name));
      all.onerror = () => reject(all.error);
    };
  }));
  expect(names).toContain('家庭矛盾型');
  expect(names).not.toContain(longName);
  await context.close();
});
