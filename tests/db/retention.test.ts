import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { updateDuty } from '../../src/db/duties';
import { acknowledge, listDirty } from '../../src/db/outbox';
import { monthFigures } from '../../src/db/reports';
import { getRetentionDays, purgeExpiredText, setRetentionDays } from '../../src/db/retention';
import { updateHelpRecord } from '../../src/db/weekly';
import { ScrubbedRecordError } from '../../src/domain/retention';
import { duty, hardship, help, riskType, team, worker } from '../domain/report-fixtures';
import { useFreshDb } from './fresh-db';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 1);
const LONG_AGO = NOW - 90 * DAY;

const t = useFreshDb();

const clean = <T extends object>(r: T, ackedAt = LONG_AGO) => ({ ...r, dirty: 0 as const, ackedAt });
const weak = (text: string) => ({
  none: false, entries: [{ workerId: 'w1', reasons: ['family' as const, 'other' as const], reasonOther: text, actions: ['talk' as const], actionOther: '' }],
});

/** September 2026: sent long ago, except one help record still unsent and one sent yesterday. */
async function seedSeptember() {
  await t.db.teams.put(team);
  await t.db.workers.bulkPut([worker('w1', '张三'), worker('w2', '李四')]);
  await t.db.riskTypes.put(riskType('rt1', '家庭困难', 0) as never);
  await t.db.duties.bulkPut([
    clean(duty('d1', '2026-09-01', 'night', { weak: weak('家里老人住院'), talks: { workerIds: ['w1'], none: false } })),
    clean(duty('d2', '2026-09-02', 'night', { weak: weak('孩子生病') }), NOW - DAY),
  ]);
  await t.db.helpRecords.bulkPut([
    clean({ ...help('h-sent', '2026-W36', 'w1', ['rt1'], 'watching'), situation: '情绪低落', measures: '谈心' }),
    { ...help('h-unsent', '2026-W37', 'w2', ['rt1'], 'resolved'), situation: '与班长矛盾', updatedAt: LONG_AGO - DAY },
  ] as never[]);
  await t.db.hardships.put(clean({ ...hardship('hs1', '2026-09-05', 'w1', 'fund', 800), note: '妻子重病' }) as never);
}

describe('purgeExpiredText', () => {
  it('removes the notes of records acknowledged over N days ago; the month’s figures stay the same', async () => {
    await seedSeptember();
    const before = await monthFigures('2026-09');
    expect(await purgeExpiredText(NOW, 62)).toBe(3); // d1, h-sent, hs1
    expect(await monthFigures('2026-09')).toEqual(before);

    expect((await t.db.duties.get('d1'))!.weak.entries[0]).toMatchObject({ reasonOther: '', reasons: ['family', 'other'] });
    expect((await t.db.duties.get('d2'))!.weak.entries[0]!.reasonOther).toBe('孩子生病'); // acknowledged yesterday
    expect(await t.db.helpRecords.get('h-sent')).toMatchObject({ situation: '', measures: '', result: 'watching', scrubbedAt: NOW, dirty: 0 });
    expect(await t.db.helpRecords.get('h-unsent')).toMatchObject({ situation: '与班长矛盾', dirty: 1 }); // never before it is sent
    expect(await t.db.hardships.get('hs1')).toMatchObject({ note: '', kind: '', amountYuan: 800 });
    expect(await purgeExpiredText(NOW + DAY, 62)).toBe(0); // nothing twice
  });

  it('uses the phone’s setting, 62 days unless changed', async () => {
    await seedSeptember();
    expect(await getRetentionDays()).toBe(62);
    await setRetentionDays(365);
    expect(await purgeExpiredText(NOW)).toBe(0);
    await setRetentionDays(14);
    expect(await purgeExpiredText(NOW)).toBe(3);
  });

  it('leaves scrubbed records read-only: a change is refused and nothing is queued to blank the server’s copy', async () => {
    await seedSeptember();
    await purgeExpiredText(NOW, 62);
    await expect(updateHelpRecord('h-sent', (r) => ({ ...r, result: 'resolved' }))).rejects.toBeInstanceOf(ScrubbedRecordError);
    await expect(updateDuty('d1', (d) => ({ ...d, lessonTopic: '改' }))).rejects.toThrow('已按保留期限从本机清除');
    expect(await t.db.helpRecords.get('h-sent')).toMatchObject({ result: 'watching', dirty: 0 });
    const queued = (await listDirty(t.db, 64 * 1024, NOW)).records.filter((r) => ['duties', 'helpRecords', 'hardships'].includes(r.table));
    expect(queued.map((r) => r.id)).toEqual(['h-unsent']);
  });
});

describe('ack times', () => {
  it('are kept on acknowledgement and never sent', async () => {
    await t.db.duties.put({ ...duty('d9', '2026-11-30', 'night'), dirty: 1 });
    const [sent] = (await listDirty(t.db, 64 * 1024, NOW)).records;
    expect(sent!.body).not.toHaveProperty('ackedAt');
    await acknowledge(t.db, [{ table: 'duties', id: 'd9', rev: sent!.rev }], [], NOW);
    expect(await t.db.duties.get('d9')).toMatchObject({ dirty: 0, ackedAt: NOW });
    await updateDuty('d9', (d) => ({ ...d, lessonTopic: '顶板' }));
    const [again] = (await listDirty(t.db, 64 * 1024, NOW)).records;
    expect(again!.body).not.toHaveProperty('ackedAt');
    expect(again!.body).not.toHaveProperty('scrubbedAt');
  });
});
