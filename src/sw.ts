/// <reference lib="webworker" />
/**
 * The service worker: precaches the whole app shell (Workbox manifest injected at build),
 * serves every app route from the cached index.html offline, and never talks to another host.
 * Updates wait for the page's 更新 button (SKIP_WAITING message): no reload on its own.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { clientsClaim } from 'workbox-core';

declare const self: ServiceWorkerGlobalScope;

precacheAndRoute(self.__WB_MANIFEST);
// Take the open page at once on first install, so the very first visit already works offline.
// (An update only activates after 更新, so claiming then is what the user asked for.)
clientsClaim();
cleanupOutdatedCaches();

// App routes (/, /shift/…, /hazards …) → the cached shell. The endpoint's own pages and API stay network-only.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('index.html'), {
    denylist: [/^\/api\//, /^\/secretary/],
  }),
);

self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
