/**
 * Enrolment: exchanges a one-time code for this phone's device token. The nonce is kept
 * across tries, so a phone whose answer was cut at the pithead can redeem the same code again.
 * The answer says whether the team already has data on the server (join and restore it) or
 * not (found it), and the names the server knows it by; those names are what the phone shows.
 */
import * as v from 'valibot';
import { EnrolResponseSchema, PROTOCOL_VERSION } from '../domain/sync-protocol';
import type { EngineDeps } from './engine';
import { errorOf, request } from './http';
import { MSG } from './messages';

export interface Enrolled {
  ok: true;
  /** The team already holds records on the server: this phone joins it (no roster to type). */
  hasData: boolean;
  teamName: string;
  district: string;
  branchName: string;
}
export type EnrolResult = Enrolled | { ok: false; message: string };

/** deviceName: shown to the secretary (e.g. 刘建国的手机); '' leaves it unnamed. */
export async function enrolDevice(d: EngineDeps, code: string, deviceName = d.deviceName ?? ''): Promise<EnrolResult> {
  const state = await d.store.getState();
  const nonce = state.enrolNonce ?? d.newNonce();
  if (!state.enrolNonce) await d.store.setState({ enrolNonce: nonce });
  let res: Response;
  try {
    res = await request(d, '/api/v1/enrol', null, { v: PROTOCOL_VERSION, code, nonce, deviceName: deviceName.trim() });
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
    branchName: body.branchName, teamDistrict: body.district || null, auth: 'enrolled', cursor: 0, lastError: null, enrolNonce: null,
  });
  return { ok: true, hasData: body.hasData, teamName: body.teamName, district: body.district, branchName: body.branchName };
}
