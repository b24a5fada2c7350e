/**
 * Enrolment: exchanges a one-time code for this phone's device token. The nonce is kept
 * across tries, so a phone whose answer was cut at the pithead can redeem the same code again.
 */
import * as v from 'valibot';
import { EnrolResponseSchema, PROTOCOL_VERSION } from '../domain/sync-protocol';
import type { EngineDeps } from './engine';
import { errorOf, request } from './http';
import { MSG } from './messages';

export async function enrolDevice(d: EngineDeps, code: string): Promise<{ ok: true } | { ok: false; message: string }> {
  const state = await d.store.getState();
  const nonce = state.enrolNonce ?? d.newNonce();
  if (!state.enrolNonce) await d.store.setState({ enrolNonce: nonce });
  let res: Response;
  try {
    res = await request(d, '/api/v1/enrol', null, { v: PROTOCOL_VERSION, code, nonce, deviceName: d.deviceName ?? '' });
  } catch {
    return { ok: false, message: MSG.enrolOffline };
  }
  if (!res.ok) {
    try {
      const err = await errorOf(res);
      return { ok: false, message: err.issues?.[0]?.message ?? err.message };
    } catch (e) {
      return { ok: false, message: e instanceof Error ? e.message : MSG.enrolOffline };
    }
  }
  let parsed: v.SafeParseResult<typeof EnrolResponseSchema>;
  try {
    parsed = v.safeParse(EnrolResponseSchema, await res.json());
  } catch {
    return { ok: false, message: MSG.enrolOffline }; // the answer was cut: retrying is safe
  }
  if (!parsed.success) return { ok: false, message: MSG.serverError(res.status) };
  const body = parsed.output;
  await d.store.setState({
    token: body.token, deviceId: body.deviceId, teamId: body.teamId, teamName: body.teamName,
    branchName: body.branchName, auth: 'enrolled', cursor: 0, lastError: null, enrolNonce: null,
  });
  return { ok: true };
}
