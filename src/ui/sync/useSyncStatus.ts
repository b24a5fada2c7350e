/** The engine's status, live; re-rendered every 30 s too so "3 分钟前" stays true. */
import { useEffect, useState } from 'preact/hooks';
import type { SyncEngine, SyncStatus } from '../../sync/engine';

export function useSyncStatus(engine: SyncEngine): { status: SyncStatus | null; now: number } {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => engine.subscribe((s) => {
    setStatus(s);
    setNow(Date.now());
  }), [engine]);
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(t);
  }, []);
  return { status, now };
}
