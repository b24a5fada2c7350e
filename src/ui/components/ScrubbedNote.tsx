import type { RecordMeta } from '../../domain/types';

/** Shown where retention removed a record's notes about a person from this phone. */
export function ScrubbedNote({ record }: { record: Pick<RecordMeta, 'scrubbedAt'> }) {
  if (record.scrubbedAt === undefined) return null;
  return <p class="hint" role="note">个人情况文字已按保留期限从本机清除，完整记录在支部服务器；此记录不能再修改。</p>;
}
