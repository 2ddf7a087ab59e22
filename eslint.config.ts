// `npm run lint` (ESLint part). The layer rules of docs/layers.md live in ./eslint.layers.ts, so
// the boundary test (scripts/lint/layers.test.ts) can run exactly them on its fixtures.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';
import { layerRules, TEST_FILES } from './eslint.layers';

export default defineConfig(
  globalIgnores([
    '**/node_modules/',
    'dist/',
    'test-results/',
    'bench-results/',
    '.baton-data*/',
    '.tmp/',
    'sync-server/storage/fixtures/',
    // Each fixture breaks one layer rule on purpose; the boundary test lints them.
    'scripts/lint/fixtures/',
  ]),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      // One program for the whole tree (the root tsconfig.json, tests included) rather than the project service's
      // one per layer tsconfig: a cold run takes less than half the time and memory. shared/platform.d.ts, which
      // only shared/'s own check reads, is in shared/tsconfig.json.
      parserOptions: { project: ['./tsconfig.json', './shared/tsconfig.json'], tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // The TypeScript compiler checks undefined names, with the right globals per layer.
      'no-undef': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Noise: an async function without await is how a Promise-returning interface is implemented here.
      '@typescript-eslint/require-await': 'off',
      // Noise: our function-typed members (props callbacks, injected fetch) are declared as methods; none uses `this`.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: TEST_FILES,
    rules: {
      // Tests read JSON responses and fixtures as `any` and assert on their shape: a wrong shape fails the assertion.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: ['**/*.cjs'],
    // CommonJS (build/msi-project.cjs, electron-builder's msiProjectCreated hook) loads modules with require().
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
    rules: {
      'react-hooks/exhaustive-deps': 'error',
      // React Compiler rules: the app is not built with the compiler; rules-of-hooks and exhaustive-deps stay on.
      'react-hooks/set-state-in-effect': 'off',
      'react-hooks/refs': 'off',
    },
  },
  layerRules,
);
