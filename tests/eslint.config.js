// Lint rules for the whole project (kept under tests/ so the top level stays as the design card fixes it).
import compat from 'eslint-plugin-compat';
import esx from 'eslint-plugin-es-x';
import tseslint from 'typescript-eslint';

/** Code that ships to the phone: everything under src/ but the endpoint and its secretary pages. */
const phone = ['src/**/*.{ts,tsx}'];
const notPhone = ['src/server/**'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'data/**', '.tmp/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  // The browser floor (package.json browserslist): Chromium 83, Safari/iOS 14. Built-ins and
  // syntax newer than ES2020 are refused in phone code (the build lowers syntax, never adds
  // built-ins); web APIs are checked against the browserslist. tests/build checks the output.
  {
    files: phone,
    ignores: notPhone,
    ...esx.configs['flat/restrict-to-es2020'],
    // aggressive: `x.at(-1)` is refused whatever x is, since the linter has no types to tell.
    settings: { 'es-x': { aggressive: true } },
  },
  { files: phone, ignores: notPhone, ...esx.configs['flat/restrict-to-es2020-intl-api'] },
  // src/boot/*.js must run on any engine, below the floor too (tests/build parses them at ES5).
  ...Object.keys(esx.configs)
    .filter((k) => /^flat\/no-new-in-es(20\d\d|next)$/.test(k))
    .map((k) => ({ files: ['src/boot/**/*.js'], ...esx.configs[k] })),
  {
    files: phone,
    ignores: notPhone,
    ...compat.configs['flat/recommended'],
  },
  {
    files: phone,
    ignores: notPhone,
    rules: {
      // Numeric separators run on Chromium 75+ and Safari 13+, and the minifier drops them.
      'es-x/no-numeric-separators': 'off',
      // Public instance fields run on Chromium 72+ and Safari 14.0 (private and static ones
      // need Safari 14.1 and stay refused).
      'es-x/no-class-instance-fields': 'off',
      // Aggressive mode would refuse every property named `at` (records carry `at` timestamps);
      // refuse calls of `.at()` instead (Array/String#at: Chromium 92, Safari 15.4).
      'es-x/no-array-prototype-at': 'off',
      'es-x/no-string-prototype-at': 'off',
      'no-restricted-syntax': ['error', {
        selector: "CallExpression[callee.type='MemberExpression'][callee.property.name='at']",
        message: '.at() needs Chromium 92 / Safari 15.4 (above the floor): index with length - 1.',
      }, {
        // Inline styles escape tests/build's CSS check.
        selector: "JSXAttribute[name.name='style'] Property[key.name=/^(inset|gap|rowGap|columnGap|aspectRatio)$/]",
        message: 'Above the floor in an inline style (inset: Chromium 87; flex gap: Chromium 84, Safari 14.1; aspect-ratio: Chromium 88).',
      }],
      // Not in compat's data as static methods: Chromium 103/116, Safari 16/17.4.
      'no-restricted-properties': ['error',
        { object: 'AbortSignal', property: 'timeout', message: 'Above the floor: use setTimeout + AbortController.' },
        { object: 'AbortSignal', property: 'any', message: 'Above the floor.' },
      ],
    },
  },
);
