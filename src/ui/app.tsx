import { currentShift } from '../domain/calendar';
import type { Team } from '../domain/types';
import { getTeam } from '../db/team';
import { ErrorToast, UpdateBanner } from './components/Banners';
import { InstallHint } from './components/InstallHint';
import { useLive } from './hooks';
import { linkHandler, match, usePath } from './router';
import { HazardsScreen } from './screens/hazards';
import { HistoryScreen } from './screens/history';
import { SettingsScreen } from './screens/settings';
import { SetupScreen } from './screens/setup';
import { ShiftScreen } from './screens/shift';

const NAV: [string, string, string][] = [
  ['/', '☀', '日跟班'],
  ['/history', '☰', '记录'],
  ['/hazards', '⚠', '隐患'],
  ['/settings', '⚙', '设置'],
];

export function App() {
  const path = usePath();
  const team = useLive(async () => (await getTeam()) ?? null, []);
  if (team === undefined) return null; // first read of IndexedDB, a few ms
  return (
    <div onClick={linkHandler}>
      <UpdateBanner />
      <InstallHint />
      {team === null || path === '/setup' ? (
        <SetupScreen />
      ) : (
        <>
          <header class="top">
            <h1>{team.district} · {team.name}</h1>
            <span>{team.instructorName}</span>
          </header>
          <Route team={team} path={path} />
          <nav class="bottom" aria-label="主菜单">
            {NAV.map(([href, icon, label]) => (
              <a key={href} href={href} class={isActive(href, path) ? 'active' : ''} aria-current={isActive(href, path) ? 'page' : undefined}>
                <span class="icon" aria-hidden="true">{icon}</span>
                {label}
              </a>
            ))}
          </nav>
        </>
      )}
      <ErrorToast />
    </div>
  );
}

function isActive(href: string, path: string): boolean {
  return href === '/' ? path === '/' || path.startsWith('/shift/') : path.startsWith(href);
}

function Route({ team, path }: { team: Team; path: string }) {
  if (path === '/') {
    const cur = currentShift(Date.now(), team);
    if (!cur) return <main><p>还没有设置班次，请到「设置」添加。</p></main>;
    return <ShiftScreen team={team} day={cur.day} shiftId={cur.shift.id} isCurrent />;
  }
  const shift = match('/shift/:day/:shiftId', path);
  if (shift) {
    const cur = currentShift(Date.now(), team);
    const isCurrent = !!cur && cur.day === shift.day && cur.shift.id === shift.shiftId;
    return <ShiftScreen team={team} day={shift.day!} shiftId={shift.shiftId!} isCurrent={isCurrent} />;
  }
  if (path === '/hazards') return <HazardsScreen team={team} />;
  if (path === '/history') return <HistoryScreen team={team} />;
  if (path === '/settings') return <SettingsScreen team={team} />;
  return <main><p>页面不存在。</p><a href="/">回到日跟班</a></main>;
}
