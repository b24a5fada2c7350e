/**
 * A start of a phone that has a team (issue 18): the first frame of the shift screen is the shift
 * as stored. The team, the PIN setting and the shift's duty are read before the first render, so
 * the progress never shows 读取中… and never a wrong 0/9 before the right count.
 */
import { expect, test } from '@playwright/test';
import { setUpTeam } from './helpers';

test('a start shows the stored shift in its first frame: never 读取中… or another count before it', async ({ page }) => {
  await setUpTeam(page);
  await page.getByRole('button', { name: '已参加' }).click();
  await expect(page.getByTestId('progress-text')).toHaveText('已完成 1/9');
  // Every text the progress line ever shows, from the document's start.
  await page.addInitScript(() => {
    const w = window as unknown as { __texts: string[] };
    w.__texts = [];
    new MutationObserver(() => {
      const t = document.querySelector('[data-testid="progress-text"]')?.textContent;
      if (t && w.__texts[w.__texts.length - 1] !== t) w.__texts.push(t);
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
  for (const path of ['/', '/']) {
    await page.goto(path);
    await expect(page.getByTestId('progress-text')).toHaveText('已完成 1/9');
    await page.waitForTimeout(500); // the live queries confirm what is shown: nothing changes after
    expect(await page.evaluate(() => (window as unknown as { __texts: string[] }).__texts)).toEqual(['已完成 1/9']);
  }
});
