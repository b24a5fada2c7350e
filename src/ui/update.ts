/**
 * The service-worker lifecycle, in one place (workbox-window). Prompt mode: a new version
 * waits until the user taps 更新; the page never reloads on its own. Every tick is already
 * in IndexedDB, so updating loses nothing.
 */
import { Workbox } from 'workbox-window';
import { signal } from './signal';

export const updateWaiting = signal(false);
let wb: Workbox | null = null;

export function registerServiceWorker(): void {
  // Off in development and with ?no-sw (escape hatch when a bad worker must be bypassed).
  if (!import.meta.env.PROD || !('serviceWorker' in navigator) || location.search.includes('no-sw')) return;
  wb = new Workbox('/sw.js', { scope: '/' });
  wb.addEventListener('waiting', () => {
    updateWaiting.value = true;
  });
  void wb.register();
  // Phones keep the app open for days: look for a new version when it comes back to view.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void wb?.update();
  });
}

export function applyUpdate(): void {
  if (!wb) return;
  wb.addEventListener('controlling', () => location.reload());
  wb.messageSkipWaiting();
}
