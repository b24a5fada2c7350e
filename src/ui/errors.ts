/** Every failure the user can meet, in zh-CN; the developer detail goes to the console. */
import { signal } from './signal';

export const errorMessage = signal<string | null>(null);

export function describeError(e: unknown): string {
  const name = (e as { name?: string })?.name ?? '';
  const inner = (e as { inner?: { name?: string } })?.inner?.name ?? '';
  if (name === 'QuotaExceededError' || inner === 'QuotaExceededError') {
    return '手机存储空间不足，本次修改未保存。请清理手机空间后再试，已保存的记录不会丢失。';
  }
  if (name === 'ScrubbedRecordError' && e instanceof Error) return e.message;
  if (name === 'DatabaseClosedError' || name === 'InvalidStateError') {
    return '本地数据库暂时不可用，请重试一次；若仍失败，请关闭后重新打开应用。';
  }
  if (name === 'OpenFailedError' || name === 'MissingAPIError') {
    return '无法打开本地存储。若在微信或无痕模式中打开，请改用手机浏览器。';
  }
  return '保存失败，请重试。已保存的记录不会丢失。';
}

export function showError(e: unknown): void {
  console.error(e);
  errorMessage.value = describeError(e);
}
