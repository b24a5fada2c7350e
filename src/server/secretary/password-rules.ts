/**
 * What a password an account chooses must be: long enough, not its own name, not one of
 * the passwords people pick first (common-passwords.ts). Messages are shown as they are.
 */
import { COMMON_PASSWORDS } from '../common-passwords';

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

export function passwordProblems(password: string, username: string): string[] {
  const out: string[] = [];
  const lower = password.toLowerCase();
  if ([...password].length < PASSWORD_MIN) out.push(`新密码至少 ${PASSWORD_MIN} 个字符`);
  if (password.length > PASSWORD_MAX) out.push(`新密码不能超过 ${PASSWORD_MAX} 个字符`);
  if (username && lower.includes(username.toLowerCase())) out.push('新密码不能包含账号名');
  if (COMMON_PASSWORDS.has(lower)) out.push('这个密码太常见，很容易被猜到，请换一个');
  else if (/^(.)\1*$/u.test(password)) out.push('新密码不能是同一个字符重复');
  return out;
}
