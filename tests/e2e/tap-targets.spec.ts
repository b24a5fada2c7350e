import { expect, test, type Page } from '@playwright/test';
import { isoWeekKey, localDay } from '../../src/domain/calendar';
import { launchPhone, setUpTeam } from './helpers';

/**
 * Every interactive element on every phone screen, at 390 px, is at least 44 × 44 CSS px
 * (a gloved finger). Measured in the page with getBoundingClientRect after the screen settled.
 *
 * Justified exceptions, recognised by the measuring code below and nothing else:
 * - an inline text link inside a sentence (an <a> displayed inline whose parent has more text
 *   than the link): enlarging it would break the sentence; its line is the target, as in any prose;
 * - a checkbox or radio inside a <label>: the label is the target and is measured instead;
 * - the hidden file input behind a visible button (display:none / zero size is not visible).
 */
const MIN = 44;

interface Miss { what: string; w: number; h: number }

async function smallTargets(page: Page): Promise<Miss[]> {
  return page.evaluate((min) => {
    const SEL = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"], [role="tab"], [tabindex]:not([tabindex="-1"])';
    const out: { what: string; w: number; h: number }[] = [];
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.getAttribute('aria-label') ? `[${el.getAttribute('aria-label')}]` : ''} "${(el.textContent ?? '').trim().slice(0, 24)}"`;
    for (const found of Array.from(document.querySelectorAll(SEL))) {
      let el: Element = found;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none' || el.closest('[hidden], [inert]')) continue;
      if ((el as HTMLButtonElement).disabled) continue; // not a target while disabled
      const input = el as HTMLInputElement;
      if (el.tagName === 'INPUT' && (input.type === 'checkbox' || input.type === 'radio') && el.closest('label')) el = el.closest('label')!;
      if (el.tagName === 'A' && style.display === 'inline') {
        const parentText = (el.parentElement?.textContent ?? '').trim();
        if (parentText.length > (el.textContent ?? '').trim().length) continue; // a link inside a sentence
      }
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue; // not rendered
      if (r.width < min - 0.5 || r.height < min - 0.5) out.push({ what: describe(el), w: Math.round(r.width), h: Math.round(r.height) });
    }
    return out;
  }, MIN);
}

test('every interactive element on every phone screen is at least 44×44 px at 390 px width', async () => {
  test.setTimeout(120_000);
  const { context } = await launchPhone();
  const page = context.pages()[0] ?? (await context.newPage());
  const misses: string[] = [];
  const measure = async (screen: string) => {
    await page.waitForTimeout(300); // lazy chunks and live queries settle
    for (const m of await smallTargets(page)) misses.push(`${screen}: ${m.what} ${m.w}×${m.h}`);
  };

  // Setup: the choice, the team form, the roster.
  await page.goto('/');
  await expect(page.getByRole('heading', { name: '首次设置' })).toBeVisible();
  await measure('setup choice');
  await page.getByRole('button', { name: '新建班组' }).click();
  await expect(page.getByLabel('小政委姓名')).toBeVisible();
  await measure('setup team form');
  await page.goto('/');
  await page.getByRole('button', { name: '加入已有班组' }).click();
  await expect(page.getByLabel(/登记码/)).toBeVisible();
  await measure('setup join form');
  await page.goto('/');
  await setUpTeam(page);

  // The shift screen with every part open: absentees, a weak worker, a guest form, a hazard.
  await page.getByRole('button', { name: '已参加', exact: true }).click();
  await page.getByRole('button', { name: /有缺勤/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: /张三/ }).click();
  await measure('shift: absentee picker');
  await page.getByRole('dialog').getByRole('button', { name: '完成' }).click();
  await page.getByLabel('文件名称或文号').fill('安全生产文件');
  await page.getByRole('button', { name: '添加', exact: true }).click();
  await page.getByRole('button', { name: '+ 选择人员' }).click();
  await page.getByRole('dialog').getByRole('button', { name: /李四/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: '完成' }).click();
  await page.getByTestId('weak-entry').getByRole('button', { name: '其他' }).first().click();
  await page.getByRole('button', { name: '+ 登记隐患/问题' }).click();
  await page.getByLabel('隐患或问题').fill('皮带机托辊异响');
  await measure('shift: hazard form');
  await page.getByRole('button', { name: /^登记/ }).last().click();
  await expect(page.getByRole('link', { name: /到隐患台账/ })).toBeVisible();
  await measure('shift');

  const week = isoWeekKey(localDay(Date.now(), 'Asia/Shanghai'));
  await page.goto(`/week/${week}`);
  await expect(page.getByTestId('week-label')).toBeVisible();
  await page.getByRole('button', { name: '+ 添加帮扶对象' }).click();
  await measure('week: add person');
  await page.getByRole('dialog').getByRole('button', { name: /王五/ }).click();
  await expect(page.locator('[data-testid="help-record"]')).toHaveCount(1);
  await page.getByRole('button', { name: '管理类型' }).click();
  await measure('week');

  for (const path of ['/hazards', '/history', '/people', '/report', '/more', '/settings', '/sync', '/help']) {
    await page.goto(path);
    await expect(page.locator('main')).toBeVisible();
    await measure(path);
  }
  // A closed hazard (its 处理记录 fold), the close form, and a person's page.
  await page.goto('/hazards');
  await page.getByRole('button', { name: '销号', exact: true }).click();
  await measure('/hazards (closing)');
  await page.getByRole('button', { name: '确认销号' }).click();
  await page.getByRole('tab', { name: /全部/ }).click();
  await expect(page.locator('summary')).not.toHaveCount(0);
  for (const s of await page.locator('summary').all()) await s.click();
  await measure('/hazards (expanded)');
  // The people forms open (hardship, 1+X), and the undo toast.
  await page.goto('/people');
  await page.getByRole('button', { name: '+ 登记困难帮扶' }).click();
  await page.getByRole('button', { name: '+ 新建结对' }).click();
  await measure('/people (forms open)');
  await page.getByTestId('hardship-form').getByRole('button', { name: '取消' }).click();
  await page.getByTestId('pair-form').getByRole('button', { name: '取消' }).click();
  await page.goto('/');
  await page.getByRole('button', { name: '完成安全确认' }).click();
  await page.waitForTimeout(500); // a deliberate second tap, not a bounce (tap-guard.ts)
  await page.getByRole('button', { name: /已完成安全确认/ }).click();
  await expect(page.getByTestId('undo-toast')).toBeVisible();
  await measure('shift: undo toast');
  await page.goto('/people');
  await page.getByRole('link', { name: /张三/ }).first().click();
  await expect(page).toHaveURL(/\/person\//);
  await measure('person');

  console.log(misses.join('\n'));
  expect(misses).toEqual([]);
  await context.close();
});
