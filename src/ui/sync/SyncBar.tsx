/**
 * The header's sync line. Loaded as its own chunk once a team exists, so the first visit
 * (the setup screen) does not carry the sync engine; every later start has it from the cache.
 */
import { navigate } from '../router';
import { getSyncEngine } from '../syncEngine';
import { SyncBadge } from './SyncBadge';

export function SyncBar() {
  return (
    <div class="syncbar">
      <SyncBadge engine={getSyncEngine()} onOpen={() => navigate('/sync')} />
    </div>
  );
}
