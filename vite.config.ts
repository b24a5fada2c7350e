/// <reference types="vitest/config" />
import { parse } from 'acorn';
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

/**
 * src/boot/*.js are classic ES5 scripts that must run where the bundle cannot (the browser floor;
 * tests/build parses them at ES5). Served as they are in dev; in the build emitted at the top
 * level without comments and indentation, as boot.js counts in the first load.
 */
function bootScripts(): Plugin {
  const names = ['boot.js', 'crash.js'];
  const source = (name: string) => readFileSync(here(`./src/boot/${name}`), 'utf8');
  const strip = (code: string) => {
    const cuts: [number, number][] = [];
    parse(code, { ecmaVersion: 5, onComment: (_block, _text, start, end) => void cuts.push([start, end]) });
    let out = code;
    for (const [start, end] of cuts.reverse()) out = out.slice(0, start) + out.slice(end);
    return out.split('\n').map((l) => l.trim()).filter(Boolean).join('\n') + '\n';
  };
  return {
    name: 'boot-scripts',
    configureServer(server) {
      for (const name of names) {
        server.middlewares.use(`/${name}`, (_req, res) => {
          res.setHeader('Content-Type', 'text/javascript');
          res.end(source(name));
        });
      }
    },
    generateBundle() {
      for (const name of names) this.emitFile({ type: 'asset', fileName: name, source: strip(source(name)) });
    },
  };
}

/** The app version in index.html, for the diagnostics of the error screen (src/boot/boot.js). */
function appVersion(): Plugin {
  const { version } = JSON.parse(readFileSync(here('./package.json'), 'utf8')) as { version: string };
  return { name: 'app-version', transformIndexHtml: (html) => html.replace('%APP_VERSION%', version) };
}

/**
 * The shift screen and everything it imports statically, as one chunk: a phone with a team opens
 * on it, and one module instead of ~20 small ones cuts the start's waterfall through the service
 * worker (cold start at 4× CPU, issue 18). Less what the setup screens import: a first visit
 * must not download the shift screen to show the setup form.
 */
function shiftScreenGroup() {
  type Ctx = { getModuleInfo(id: string): { importedIds: readonly string[] } | null };
  const closure = (ctx: Ctx, roots: string[]) => {
    const seen = new Set(roots);
    for (const m of seen) for (const dep of ctx.getModuleInfo(m)?.importedIds ?? []) seen.add(dep);
    return seen;
  };
  const setup = /[\\/]src[\\/]ui[\\/]screens[\\/]setup[\\/]/;
  let group: Set<string> | null = null;
  return (id: string, ctx: Ctx) => {
    if (!group) {
      const setupRoots: string[] = [];
      const shift = closure(ctx, [here('./src/ui/screens/shift/index.tsx')]);
      // Every module of the setup folder is a root, whether it is imported statically or lazily.
      for (const m of [...shift, ...closureOfSetup(ctx)]) if (setup.test(m)) setupRoots.push(m);
      const shared = closure(ctx, setupRoots);
      group = new Set([...shift].filter((m) => !shared.has(m)));
    }
    return group.has(id) ? 'shift' : null;
  };
  function closureOfSetup(ctx: Ctx): string[] {
    // The setup screen and what it loads on demand (its forms): dynamic imports count here.
    const seen = new Set([here('./src/ui/screens/setup/index.tsx')]);
    for (const m of seen) {
      const info = ctx.getModuleInfo(m) as { importedIds: readonly string[]; dynamicallyImportedIds?: readonly string[] } | null;
      for (const dep of [...(info?.importedIds ?? []), ...(info?.dynamicallyImportedIds ?? [])]) if (setup.test(dep)) seen.add(dep);
    }
    return [...seen];
  }
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
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'core', tags: ['$initial'], priority: 2 },
            { name: shiftScreenGroup(), priority: 1, includeDependenciesRecursively: false },
          ],
        },
      },
    },
  },
  plugins: [
    topLevelManifest(),
    appVersion(),
    bootScripts(),
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
