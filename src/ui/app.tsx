import { openingShift } from '../domain/due';
import type { Team } from '../domain/types';
import { getBoot } from '../db/join';
import { ErrorToast, UndoToast, UpdateBanner } from './components/Banners';
import { InstallHint } from './components/InstallHint';
import { useLiveFrom } from './hooks';
import { firstBoot, firstPin } from './start';
import { lazyScreen } from './lazy';
import { LockScreen, usePinLock } from './pin';
import { linkHandler, match, usePath } from './router';
import { sameShift, useHomeShift } from './home-shift';
import { dayLabel } from '../domain/calendar';

// Every screen is its own chunk (all precached): a first visit loads the core and the setup
// screen only; the shift screen is fetched as soon as a team exists.
const ShiftScreen = lazyScreen(() => import('./screens/shift').then((m) => m.ShiftScreen), () => null);
// A UI hint only (the data is in IndexedDB): a phone that has a team starts fetching the
// shift screen while IndexedDB opens, instead of after.
const TEAM_HINT = 'xzw.hasTeam';
if (localStorage.getItem(TEAM_HINT)) void ShiftScreen.preload();
const SetupScreen = lazyScreen(() => import('./screens/setup').then((m) => m.SetupScreen));
const HazardsScreen = lazyScreen(() => import('./screens/hazards').then((m) => m.HazardsScreen));
const HistoryScreen = lazyScreen(() => import('./screens/history').then((m) => m.HistoryScreen));
const SettingsScreen = lazyScreen(() => import('./screens/settings').then((m) => m.SettingsScreen));
const MoreScreen = lazyScreen(() => import('./screens/more').then((m) => m.MoreScreen));
const WeekScreen = lazyScreen(() => import('./screens/week').then((m) => m.WeekScreen));
const PeopleScreen = lazyScreen(() => import('./screens/people').then((m) => m.PeopleScreen));
const PersonScreen = lazyScreen(() => import('./screens/person').then((m) => m.PersonScreen));
const SyncBar = lazyScreen(() => import('./sync/SyncBar').then((m) => m.SyncBar), () => null);
const SyncScreen = lazyScreen(() => import('./screens/sync').then((m) => m.SyncScreen));
const HelpScreen = lazyScreen(() => import('./screens/help').then((m) => m.HelpScreen));
const ReportScreen = lazyScreen(() => import('./screens/report').then((m) => m.ReportScreen));
const SearchScreen = lazyScreen(() => import('./screens/search').then((m) => m.SearchScreen));

/**
 * Before the first render (main.tsx): when a start opens on a shift (the installed app opens on
 * /), its screen's chunk and first reads, so that the first frame is the shift as stored.
 * Not at a locked start: the lock screen comes first, the data is read after the PIN.
 */
export async function primeFirstScreen(): Promise<void> {
  const boot = firstBoot();
  const team = boot?.team;
  if (!team || boot.join !== null || firstPin()) return;
  const path = location.pathname;
  const cur = openingShift(Date.now(), team, team.leadMinutes);
  const m = match('/shift/:day/:shiftId', path);
  const at = path === '/' && cur ? { day: cur.day, shiftId: cur.shift.id } : m ? { day: m.day!, shiftId: m.shiftId! } : null;
  if (!at) return;
  const [, shift] = await Promise.all([ShiftScreen.preload(), import('./screens/shift')]);
  await shift.primeShift(at.day, at.shiftId);
}

const NAV: [string, string, string, string[]][] = [
  ['/', '☀', '日跟班', ['/shift/']],
  ['/week', '♥', '周帮扶', ['/week/', '/people', '/person']],
  ['/report', '✎', '月汇报', ['/report/']],
  ['/hazards', '⚠', '隐患', []],
  ['/more', '☰', '我的', ['/history', '/settings', '/sync', '/enrol', '/help', '/search']],
];

export function App() {
  const path = usePath();
  const boot = useLiveFrom(getBoot, firstBoot());
  const lock = usePinLock();
  if (boot === undefined || lock === undefined) return null; // first reads of IndexedDB, a few ms
  const { team, join, names } = boot;
  if (team) {
    void ShiftScreen.preload();
    localStorage.setItem(TEAM_HINT, '1');
  }
  if (lock === 'locked') return <LockScreen />; // a locked start renders no screen at all
  const printing = path.endsWith('/print');
  const screens = (
    <div onClick={linkHandler} hidden={lock === 'hidden'} inert={lock === 'hidden'}>
      <UpdateBanner />
      {!printing && <InstallHint />}
      {/* A joining phone stays on setup until its team is restored: never an empty team's first screen. */}
      {(team === null || join !== null) && path === '/help' ? (
        <HelpScreen />
      ) : team === null || join !== null || path === '/setup' ? (
        <SetupScreen team={team} join={join} names={names} userName={boot.userName} />
      ) : (
        <>
          {!printing && (
            <header class="top">
              {/* Once enrolled, the names the server knows the team by (the secretary's), not those typed here. */}
              <h1>{[names?.district || team.district, names?.teamName || team.name].filter(Boolean).join(' · ')}</h1>
              <span>{boot.userName || team.instructorName}</span>
            </header>
          )}
          {!printing && <SyncBar />}
          <Route team={team} path={path} />
          {!printing && (
            <nav class="bottom" aria-label="主菜单">
              {NAV.map(([href, icon, label, also]) => {
                const active = path === href || also.some((p) => path.startsWith(p)) || (href !== '/' && path.startsWith(href));
                return (
                  <a key={href} href={href} class={active ? 'active' : ''} aria-current={active ? 'page' : undefined}>
                    <span class="icon" aria-hidden="true">{icon}</span>
                    {label}
                  </a>
                );
              })}
            </nav>
          )}
        </>
      )}
      <UndoToast />
      <ErrorToast />
    </div>
  );
  return lock === 'hidden' ? <>{screens}<LockScreen /></> : screens;
}

function Route({ team, path }: { team: Team; path: string }) {
  let m: Record<string, string> | null;
  const home = useHomeShift(team, path);
  if (path === '/') {
    const { shown, current } = home;
    if (!shown) return <main><p>还没有设置班次，请到「设置」添加。</p></main>;
    const moved = current && !sameShift(shown, current);
    return (
      <>
        {moved && (
          <div class="banner info" role="status" data-testid="next-shift">
            <span>已到{current.shift.name}（{dayLabel(current.day)}）</span>
            <button type="button" onClick={home.follow}>打开{current.shift.name}</button>
          </div>
        )}
        <ShiftScreen key={`${shown.day}.${shown.shift.id}`} team={team} day={shown.day} shiftId={shown.shift.id} isCurrent={!moved} />
      </>
    );
  }
  if ((m = match('/shift/:day/:shiftId', path))) {
    const cur = openingShift(Date.now(), team, team.leadMinutes);
    const isCurrent = !!cur && cur.day === m.day && cur.shift.id === m.shiftId;
    return <ShiftScreen team={team} day={m.day!} shiftId={m.shiftId!} isCurrent={isCurrent} />;
  }
  if (path === '/hazards') return <HazardsScreen team={team} />;
  if (path === '/history') return <HistoryScreen team={team} />;
  if (path === '/settings') return <SettingsScreen team={team} />;
  if (path === '/more') return <MoreScreen />;
  if (path === '/help') return <HelpScreen />;
  if (path === '/search') return <SearchScreen team={team} />;
  if (path === '/sync' || path === '/enrol') return <SyncScreen team={team} />;
  if (path === '/week') return <WeekScreen team={team} />;
  if ((m = match('/week/:week', path))) return <WeekScreen team={team} week={m.week!} />;
  if (path === '/people') return <PeopleScreen team={team} />;
  if ((m = match('/person/:id', path))) return <PersonScreen team={team} workerId={m.id!} />;
  if (path === '/report') return <ReportScreen team={team} />;
  if ((m = match('/report/:month', path))) return <ReportScreen team={team} month={m.month!} />;
  if ((m = match('/report/:month/print', path))) return <ReportScreen team={team} month={m.month!} print />;
  return <main><p>页面不存在。</p><a href="/">回到日跟班</a></main>;
}
