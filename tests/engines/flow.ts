/**
 * The whole app on one engine, the way a new instructor meets it: first-run setup, enrolment, a
 * whole shift with a weak worker and a hazard, the hazard photographed on both processing paths
 * (flow-photo.ts), its 销号, 周帮扶 with its carry-over from last week, the month's report submitted,
 * everything (photos too) sent to the real endpoint, every route opened, and a reload that keeps it all. Selectors are the Playwright specs' (spine, week, report).
 */
import { addWeeks, isoWeekKey, localDay, monthKey } from '../../src/domain/calendar';
import { re, type Query } from './dom-query';
import type { Ui } from './driver';
import { expectPhotosOnServer, photographHazard, type ServerPhoto } from './flow-photo';

const ZONE = 'Asia/Shanghai';
const btn = (name: Query['name'], exact = true, within?: Query): Query => ({ role: 'button', name, exact, within });
const dialog: Query = { role: 'dialog' };
const id = (testid: string, more: Partial<Query> = {}): Query => ({ testid, ...more });
const label = (l: string, exact = true): Query => ({ label: l, exact });
const heading = (name: Query['name']): Query => ({ role: 'heading', name });
const helpRecord = (worker: string): Query => ({ css: `[data-testid="help-record"][data-worker="${worker}"]` });

export interface FlowContext {
  ui: Ui;
  /** A fresh enrolment code of the server's first team. */
  enrolCode: () => string;
  /** What the server holds for that team: record counts by table. */
  serverTables: () => Record<string, number>;
  /** The team's photos on the server, with the SHA-256 of the file it stored (null until received). */
  serverPhotos: () => ServerPhoto[];
  /** Marks a step done (the runner times and logs them). */
  step: (name: string) => void;
}

export async function runFlow({ ui, enrolCode, serverTables, serverPhotos, step }: FlowContext): Promise<void> {
  const now = Date.now();
  const today = localDay(now, ZONE);
  const thisWeek = isoWeekKey(today);
  const lastWeek = addWeeks(thisWeek, -1);
  const thisMonth = monthKey(today);

  // First run.
  await ui.goto('/');
  await ui.expectVisible(heading('首次设置'));
  await ui.click(btn('新建班组')); // found a team (joining one is the other path)
  await ui.fill(label('小政委姓名'), '刘建国');
  await ui.fill(label('区队 / 工区'), '综采一队');
  await ui.fill(label('班组'), '检修班');
  await ui.click(btn('下一步：花名册'));
  await ui.fill(label('批量粘贴（一行一人，姓名后可加空格和工种）'), '张三 采煤机司机\n李四 支架工\n王五 输送机司机\n赵六 电工');
  await ui.click(btn('批量添加'));
  await ui.expectCount({ css: '[data-testid="roster"] li' }, 4);
  await ui.click(btn('开始使用'));
  await ui.expectVisible(id('progress'));
  await ui.expectVisible(heading('综采一队 · 检修班'));
  step('first-run setup');

  // Enrolment at the pithead.
  await ui.goto('/sync');
  await ui.fill({ label: re(/设备登记码/) }, enrolCode());
  await ui.click(btn('登记设备'));
  await ui.expectVisible({ text: re(/本机登记在/) });
  step('enrolment');

  // A whole shift (the current one): documents typed, a weak worker with reasons and actions, a hazard.
  // Its own URL from here on: the current shift changes at the hand-over, while the flow runs.
  await ui.goto('/');
  const shiftPath = await ui.attr({ css: '[role="tab"][aria-selected="true"]' }, 'href');
  if (!shiftPath?.startsWith('/shift/')) throw new Error(`no current shift tab (${shiftPath})`);
  await ui.goto(shiftPath);
  await ui.click(btn('已参加'));
  await ui.fill(label('早会要求'), '加强顶板管理');
  await ui.click(btn('全员到岗', false));
  await ui.fill(label('文件名称或文号'), '矿安〔2026〕12号');
  await ui.click(btn('添加'));
  await ui.fill(label('教育主题'), '雨季防治水');
  await ui.click(btn('完成安全确认', false));
  await ui.click(btn('+ 选择人员', false));
  await ui.click(btn(re(/李四/), false, dialog));
  await ui.click(btn('完成', true, dialog));
  const entry = id('weak-entry');
  await ui.click(btn('疲劳', false, entry));
  await ui.click(btn('谈心', false, entry));
  await ui.expectAttr(btn(re(/谈心/), false, entry), 'aria-pressed', 'true');
  await ui.click(btn('选择谈心人员', false));
  await ui.click(btn(re(/李四/), false, dialog));
  await ui.click(btn('完成', true, dialog));
  await ui.click(btn('人员组织正常', false));
  await ui.click(btn('+ 登记隐患/问题', false));
  await ui.fill(label('隐患或问题'), '3号支架立柱漏液');
  await ui.fill(label('整改责任人'), '王五');
  await ui.click(btn('登记隐患'));
  await ui.expectText(id('progress-text'), '已完成 9/9');
  await ui.expectText(id('talk-count'), '1');
  // Another shift of the same day screens 李四 again: two shifts make a 周帮扶 suggestion.
  await ui.click({ css: '[role="tab"][aria-selected="false"]' });
  await ui.click(btn('+ 选择人员', false));
  await ui.click(btn(re(/李四/), false, dialog));
  await ui.click(btn('完成', true, dialog));
  await ui.click(btn('疲劳', false, entry));
  await ui.click(btn('谈心', false, entry));
  await ui.expectAttr(btn(re(/谈心/), false, entry), 'aria-pressed', 'true');
  step('a whole shift');

  // The hazard photographed on the shift: once on the engine's own path, once on the main thread.
  const photos = await photographHazard(ui, shiftPath);
  step('hazard photos (own path + main thread)');

  // The hazard found on the shift, closed (销号) from the ledger.
  await ui.click({ role: 'link', name: '隐患', within: { css: 'nav.bottom' } });
  await ui.expectVisible(heading('隐患/问题台账'));
  const item = id('hazard', { hasText: '3号支架立柱漏液' });
  await ui.click(btn('销号', true, item));
  await ui.fill({ ...label('说明'), within: item }, '已更换立柱，验收合格');
  await ui.click(btn('确认销号', true, item));
  await ui.expectCount(id('hazard'), 0);
  await ui.click({ role: 'tab', name: '已销号' });
  await ui.expectAttr(item, 'data-status', 'closed');
  await ui.expectContains(item, '已更换立柱，验收合格');
  step('hazard 销号');

  // 周帮扶 with its carry-over. A week not yet begun cannot be filled (due.ts), so the team is
  // made a week older, as the Playwright specs move the clock: last week's help is carried into this one.
  await ui.d.run(`return new Promise(function (ok, no) {
    var r = indexedDB.open('xiaozhengwei');
    r.onerror = function () { no(String(r.error)); };
    r.onsuccess = function () {
      var tx = r.result.transaction('teams', 'readwrite'), store = tx.objectStore('teams'), all = store.getAll();
      all.onsuccess = function () { all.result.forEach(function (t) { t.createdAt -= 7 * 86400000; store.put(t); }); };
      tx.oncomplete = function () { r.result.close(); ok(1); };
      tx.onerror = function () { no(String(tx.error)); };
    };
  });`);
  await ui.goto(`/week/${lastWeek}`);
  await ui.expectText(id('week-status'), '○ 未填报');
  await ui.click(btn('+ 添加帮扶对象', false));
  await ui.click(btn(re(/张三/), false, { role: 'dialog', name: '选择帮扶对象' }));
  const zhang = helpRecord('张三');
  await ui.click(btn('思想波动', true, zhang));
  await ui.fill({ ...label('情况'), within: zhang }, '工作中情绪低落');
  await ui.fill({ ...label('下一步'), within: zhang }, '下周再谈一次');
  await ui.click(btn('持续关注', true, zhang));
  await ui.click(btn('完成', true, zhang));
  await ui.expectText(id('week-status'), '✓ 已完成');
  // This week: the weak worker of today's shift is suggested and resolved; 张三 is carried over.
  await ui.goto(`/week/${thisWeek}`);
  await ui.expectContains(id('suggestion'), '李四');
  await ui.expectContains(id('suggestion'), '疲劳×2');
  await ui.click(btn('为李四添加帮扶', false));
  const lisi = helpRecord('李四');
  await ui.expectValue({ ...label('情况'), within: lisi }, /疲劳/);
  await ui.click(btn('身体健康', true, lisi));
  await ui.click(btn('已化解', true, lisi));
  await ui.click(btn(re(/周一/), false, lisi));
  await ui.click(btn('完成', true, lisi));
  await ui.expectContains(lisi, '✓ 已化解');
  await ui.expectCount(id('carry'), 1);
  await ui.expectAttr(id('carry'), 'data-worker', '张三');
  await ui.expectContains({ testid: 'prev-record', within: id('carry') }, '下周再谈一次');
  await ui.click(btn('继续帮扶张三'));
  await ui.click(btn('持续关注'));
  await ui.click(btn('完成'));
  await ui.expectCount(id('carry'), 0);
  await ui.expectContains(zhang, '◐ 持续关注');
  await ui.expectText(id('week-status'), '✓ 已完成');
  step('周帮扶 with carry-over');

  // The month's report: figures from the records, written parts, submitted.
  await ui.click({ role: 'link', name: '月汇报', within: { css: 'nav.bottom' } });
  await ui.expectContains(id('report-month'), '月汇报');
  await ui.goto(`/report/${thisMonth}`);
  await ui.expectText(id('status-label'), '草稿（未提交）');
  // Two shifts written (one whole, one with only a screening), one talk, one hazard found and closed.
  await ui.expectText({ testid: 'fig-value', within: id('fig-followed') }, '2');
  await ui.expectText({ testid: 'fig-value', within: id('fig-weakEntries') }, '2');
  await ui.expectText({ testid: 'fig-value', within: id('fig-talks') }, '1');
  await ui.expectText({ testid: 'fig-value', within: id('fig-found') }, '1');
  await ui.expectText({ testid: 'fig-value', within: id('fig-closed') }, '1');
  await ui.fill(label('回头看'), '本月跟班正常，薄弱人员均已谈心。');
  await ui.click(btn('提交月汇报'));
  await ui.expectContains(id('submit-issues'), '请填写班组管理进展');
  await ui.fill(label('班组管理进展'), '班组安全质量标准化达标。');
  await ui.click(btn('+ 添加一条工作重点'));
  await ui.fill(label('次月工作重点第1条'), '雨季防治水教育');
  await ui.click(btn('提交月汇报'));
  // Enrolled and online, it may be sent before this check: the message follows (待发送 or 已发送).
  await ui.expectContains(id('submitted-msg'), '第1版已提交');
  await ui.expectText(id('revision'), '第1版');
  step('month report submitted');

  // Everything reaches the endpoint.
  await ui.goto('/sync');
  await ui.click(btn('立即发送'));
  await ui.expectVisible(btn(re(/已全部发送/), false));
  const held = serverTables();
  for (const table of ['duties', 'hazards', 'reports']) {
    if (!held[table]) throw new Error(`${ui.d.version}: the server holds no ${table} (${JSON.stringify(held)})`);
  }
  step('sent to the endpoint');
  // Photos follow the records, piece by piece.
  await expectPhotosOnServer(ui, photos, serverPhotos);
  step('photos verified by the endpoint');

  // Every route, through the menus as a user goes.
  const nav = (name: string) => ui.click({ role: 'link', name, within: { css: 'nav.bottom' } });
  await nav('日跟班');
  await ui.expectVisible(id('progress'));
  await nav('我的');
  await ui.expectVisible(heading('我的'));
  await ui.click({ role: 'link', name: re(/往日记录/) });
  await ui.expectVisible(heading(re(/年\d+月/)));
  await ui.expectCount({ css: '[data-testid^="day-"]', hasText: '✓ 完成' }, 1); // the whole shift, and only it
  await nav('我的');
  await ui.click({ role: 'link', name: re(/^人员/) });
  await ui.click({ role: 'link', name: '李四', within: id('people-roster') });
  await ui.expectText(id('person-name'), '李四');
  await ui.expectContains({ css: 'li[data-kind="help"]', within: id('timeline') }, '✓ 已化解');
  await nav('我的');
  await ui.click({ role: 'link', name: re(/^设置/) });
  await ui.expectVisible(heading('设置'));
  await nav('我的');
  await ui.click({ role: 'link', name: re(/^数据发送/) });
  await ui.expectVisible({ text: re(/本机登记在/) });
  await nav('周帮扶');
  await ui.expectVisible(id('week-status'));
  await nav('月汇报');
  await ui.expectVisible(id('report-month'));
  await nav('隐患');
  await ui.expectVisible(heading('隐患/问题台账'));
  await ui.goto(`/report/${thisMonth}/print`);
  await ui.expectVisible(heading('班组小政委月度工作汇报'));
  step('every route opened');

  // A reload keeps everything.
  await ui.goto(`/week/${thisWeek}`);
  await ui.d.reload();
  await ui.expectContains(zhang, '◐ 持续关注');
  await ui.goto(shiftPath);
  await ui.d.reload();
  await ui.expectText(id('progress-text'), '已完成 9/9');
  await ui.goto('/hazards');
  await ui.click({ role: 'tab', name: '已销号' });
  await ui.expectAttr(item, 'data-status', 'closed');
  await ui.goto(`/report/${thisMonth}`);
  await ui.d.reload();
  await ui.expectText(id('revision'), '第1版');
  await ui.expectValue(label('回头看'), '本月跟班正常，薄弱人员均已谈心。');
  step('reload keeps everything');
}
