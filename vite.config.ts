/// <reference types="vitest/config" />
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** The design card keeps manifest.webmanifest at the top level: serve it in dev, emit it in the build. */
function topLevelManifest(): Plugin {
  const file = here('./manifest.webmanifest');
  return {
    name: 'top-level-manifest',
    configureServer(server) {
      server.middlewares.use('/manifest.webmanifest', (_req, res) => {
        res.setHeader('Content-Type', 'application/manifest+json');
        res.end(readFileSync(file));
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'manifest.webmanifest', source: readFileSync(file) });
    },
  };
}

/** The app version in index.html, for the diagnostics of the error screen (public/boot.js). */
function appVersion(): Plugin {
  const { version } = JSON.parse(readFileSync(here('./package.json'), 'utf8')) as { version: string };
  return { name: 'app-version', transformIndexHtml: (html) => html.replace('%APP_VERSION%', version) };
}

export default defineConfig({
  root: here('./src'),
  publicDir: here('./public'),
  build: {
    outDir: here('./dist'),
    emptyOutDir: true,
    // The browser floor (package.json browserslist, README): Chromium 83 and Safari/iOS 14.
    // Syntax above it is lowered here; built-ins above it are kept out by the lint gate and
    // tests/build (which parses every emitted chunk at ES2020 and checks the CSS).
    target: ['chrome83', 'safari14'],
    cssTarget: ['chrome83', 'safari14'],
    // Heavy things (exports, QR) never enter the phone's first load; keep one small entry.
    modulePreload: { polyfill: false },
  },
  plugins: [
    topLevelManifest(),
    appVersion(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: '.',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      manifest: false,
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,txt}'],
        globIgnores: ['**/secretary*'],
      },
      devOptions: { enabled: false },
    }),
  ],
  test: {
    root: here('.'),
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 20_000,
    reporters: ['default', 'json'],
    outputFile: { json: '.tmp/reports/unit.json' },
  },
});
