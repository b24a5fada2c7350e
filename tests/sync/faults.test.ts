import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFaultEnv, runScenario, type FaultEnv, type ScenarioResult } from './scenario';

const SCENARIOS = 200;
const BASE_SEED = Number(process.env.FAULT_SEED ?? 20261122);

let env: FaultEnv;
beforeAll(async () => {
  env = await createFaultEnv();
});
afterAll(async () => {
  await env.close();
});

describe('sync survives connections cut at any byte', () => {
  it(`${SCENARIOS} randomised cut scenarios end with server = phone and an empty outbox`, async () => {
    const results: ScenarioResult[] = [];
    for (let i = 0; i < SCENARIOS; i++) {
      const seed = BASE_SEED + i;
      try {
        results.push(await runScenario(env, seed));
      } catch (e) {
        console.error(`fault scenario failed, seed ${seed} (rerun with FAULT_SEED=${seed})`);
        throw e;
      }
    }
    const cuts = results.reduce((n, r) => n + r.cuts, 0);
    const edits = results.reduce((n, r) => n + r.edits, 0);
    console.log(`faults: ${results.length} scenarios, ${cuts} cut connections, ${edits} edits during sync`);
    expect(results.length).toBe(SCENARIOS);
    expect(cuts).toBeGreaterThan(SCENARIOS); // the proxy really cut, many times
  }, 120_000);
});
