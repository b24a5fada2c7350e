import { expect, test, type Page } from '@playwright/test';
import { setUpTeam } from './helpers';

// Never a blank screen (issue 12): the static zh-CN screens of index.html, shown by src/boot/boot.js.
const SHOTS = '.tmp/shots';

/** The number the app itself shows as waiting to be sent (the outbox screen: 待发送（N 条）), read fresh. */
async function pendingShown(page: Page): Promise<number> {
  await page.goto('/sync');
  const heading = page.getByRole('heading', { name: /^待发送（\d+ 条）$/ });
  await expect(heading).toBeVisible();
  return Number(/(\d+)/.exec(await heading.innerText())![1]);
}

/** Breaks the stored team as a corrupt setting would: a zone no engine knows, so every screen throws. */
async function corruptTeamZone(page: Page) {
  await page.evaluate(() => new Promise<void>((resolve, reject) => {
    const open = indexedDB.open('xiaozhengwei');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction('teams', 'readwrite');
      const store = tx.objectStore('teams');
      store.getAll().onsuccess = (e) => {
        for (const t of (e.target as IDBRequest<Record<string, unknown>[]>).result) store.put({ ...t, timeZone: 'Mars/Olympus' });
      };
      tx.oncomplete = () => { open.result.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }));
}

const crashScreen = (page: Page) => page.locator('#crash');

test('a screen that throws shows the zh-CN error screen with the records waiting, 重新加载 and 复制诊断信息', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await setUpTeam(page);
  await page.getByRole('button', { name: '已参加' }).click();
  await expect(page.getByRole('button', { name: '已参加' })).toHaveAttribute('aria-pressed', 'true');
  const pending = await pendingShown(page);
  expect(pending).toBeGreaterThan(1);

  await corruptTeamZone(page);
  await page.goto('/'); // 日跟班 needs the team's zone to find the current shift
  await expect(crashScreen(page).getByRole('heading', { name: '出错了' })).toBeVisible();
  await expect(crashScreen(page)).toContainText('这部手机上的记录是安全的');
  await expect(page.locator('#crash-outbox')).toHaveText(`有 ${pending} 条记录保存在这部手机上，正在等待发送，有信号时会自动发送。`);
  await expect(page.locator('#app')).toBeHidden();
  await page.screenshot({ path: `${SHOTS}/crash-boundary.png` });

  await crashScreen(page).getByRole('button', { name: '复制诊断信息' }).click();
  await expect(page.locator('#crash-copied')).toHaveText('诊断信息已复制，可以粘贴发给维护人员。');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('班组小政委 诊断信息');
  expect(copied).toContain('版本：0.1.0 /assets/index-');
  expect(copied).toContain('calendar: unknown time zone "Mars/Olympus"');
  expect(copied).toMatch(/引擎：Chrome\/\d+/);
  expect(copied).toContain('页面：/');

  await Promise.all([page.waitForEvent('load'), crashScreen(page).getByRole('button', { name: '重新加载' }).click()]);
  await expect(crashScreen(page).getByRole('heading', { name: '出错了' })).toBeVisible();
});

test('without navigator.clipboard the diagnostics are copied through a text field', async ({ page }) => {
  await setUpTeam(page);
  await corruptTeamZone(page);
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined });
  });
  await page.goto('/week');
  await expect(crashScreen(page).getByRole('heading', { name: '出错了' })).toBeVisible();
  await crashScreen(page).getByRole('button', { name: '复制诊断信息' }).click();
  await expect(page.locator('#crash-copied')).toBeVisible();
  await expect(page.locator('#crash-diag')).toHaveValue(/页面：\/week[\s\S]*unknown time zone "Mars\/Olympus"/);
});

test('an error before the app mounts (its entry throws) shows the error screen; no database yet reads as nothing waiting', async ({ page }) => {
  await page.route(/\/assets\/index-[^/]+\.js$/, async (route) => {
    const res = await route.fetch();
    await route.fulfill({ response: res, body: `throw new Error('entry failed on purpose');\n${await res.text()}` });
  });
  await page.goto('/');
  await expect(crashScreen(page).getByRole('heading', { name: '出错了' })).toBeVisible();
  await expect(page.locator('#crash-outbox')).toHaveText('没有等待发送的记录。');
  // Reading the count created no database the app would later have to upgrade from.
  expect(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).not.toContain('xiaozhengwei');
});

test('an IndexedDB that cannot be read still says the records stay on the phone', async ({ page }) => {
  await setUpTeam(page);
  await page.addInitScript(() => {
    IDBFactory.prototype.open = () => { throw new DOMException('blocked', 'UnknownError'); };
  });
  await page.reload();
  // The app waits on IndexedDB without an error event: boot.js's blank-screen watch (8 s) catches it.
  await expect(page.locator('#crash-outbox')).toHaveText('暂时读不出等待发送的记录数，但记录仍然保存在这部手机上。', { timeout: 15_000 });
  await expect(page.locator('#crash').getByRole('heading', { name: '出错了' })).toBeVisible();
});

test.describe('below the browser floor: a static zh-CN page, never a blank one', () => {
  const tooOld = (page: Page) => page.locator('#too-old');
  async function expectTooOldPage(page: Page) {
    await expect(tooOld(page).getByRole('heading', { name: '浏览器版本太旧' })).toBeVisible();
    await expect(tooOld(page)).toContainText('在浏览器打开');
    await expect(tooOld(page)).toContainText('iOS 14');
    await expect(page.locator('#too-old-url')).toHaveText(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    await expect(page.locator('#app')).toBeHidden();
    await expect(page.locator('#crash')).toBeHidden();
    // No English beyond product names.
    const words = (await tooOld(page).innerText()).match(/[A-Za-z]{2,}/g) ?? [];
    expect(words.filter((w) => !['Chrome', 'iOS', 'Safari', 'QQ', 'OPPO', 'vivo', 'http'].includes(w))).toEqual([]);
  }

  test('an engine whose parser refuses the bundle (ES2020 syntax) gets it', async ({ page }) => {
    await page.route(/\/assets\/index-[^/]+\.js$/, async (route) => {
      const res = await route.fetch();
      // What Chromium 79 makes of `a?.b`: a SyntaxError before any of the module runs.
      await route.fulfill({ response: res, body: `const probe = 1 +;\n${await res.text()}` });
    });
    await page.goto('/');
    await expectTooOldPage(page);
    await page.screenshot({ path: `${SHOTS}/too-old.png` });
  });

  test('an engine that reports the parse failure by message only gets it', async ({ page }) => {
    await page.addInitScript(() => {
      // Such an engine: the error event carries "SyntaxError: …" as its message and no error object.
      window.addEventListener('error', (e) => {
        if (e.error instanceof SyntaxError) {
          e.stopImmediatePropagation();
          window.dispatchEvent(new ErrorEvent('error', { message: `SyntaxError: ${e.error.message}` }));
        }
      }, true);
    });
    await page.route(/\/assets\/index-[^/]+\.js$/, async (route) => {
      const res = await route.fetch();
      await route.fulfill({ response: res, body: `const probe = 1 +;\n${await res.text()}` });
    });
    await page.goto('/');
    await expectTooOldPage(page);
  });

  test('an engine without ES modules gets it', async ({ page }) => {
    await page.addInitScript(() => {
      delete (HTMLScriptElement.prototype as { noModule?: boolean }).noModule;
    });
    await page.goto('/');
    await expectTooOldPage(page);
  });

  test('a current engine never sees it', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto('/');
    await expect(page.getByRole('heading', { name: '首次设置' })).toBeVisible();
    await page.waitForTimeout(3500); // past boot.js's own check after the load event
    await expect(tooOld(page)).toBeHidden();
    await expect(page.locator('#crash')).toBeHidden();
    expect(errors).toEqual([]);
  });
});
