/**
 * One set of limits for the items of the branch's configuration (roster, shifts, risk types,
 * checklist), used everywhere such an item is written or read: the phone's forms
 * (validation.ts, risk-types.ts), the record schemas the server checks phones' records
 * against (record-schemas.ts), the secretary's forms (server/secretary/config.ts) and the
 * parser of pulled config values (branch-config.ts). A name that one side accepts is then
 * never refused by another, so one item cannot stop config for the whole branch.
 */
export const CONFIG_LIMITS = {
  /** 姓名 of a worker. */
  workerName: 20,
  /** 工种. */
  workerPost: 20,
  /** 班次 name (零点班, 八点班 …). */
  shiftName: 10,
  /** 帮扶类型 (不稳定不安全因素) name. */
  riskTypeName: 20,
  /** 日跟班检查项 name. */
  checklistName: 30,
  /** People of one roster. */
  rosterSize: 200,
  /** Shifts of a team. */
  shifts: 6,
  /** Items of a named list (risk types, checklist), retired ones included. */
  namedItems: 100,
} as const;

/** The zh-CN message for a name over its limit, as the forms show it. */
export const tooLong = (what: string, max: number) => `${what}请控制在${max}字以内`;
