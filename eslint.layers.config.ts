// The layer rules alone (no type information, so fast): the part of ESLint that `npm test`
// enforces while the full rule set's older findings are worked off (`npm run lint`; the full set is `npm run lint:full`).
import type { ESLint } from 'eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import baseConfig from './eslint.config';
import { layerRules } from './eslint.layers';

// The full config's first entry is its ignore list.
const [ignores] = baseConfig;

export default defineConfig(
  ignores,
  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    languageOptions: { parser: tseslint.parser },
    // Known to the disable comments written for the full rule set; none of their rules is on here.
    // The plugin's published types declare its configs in a shape ESLint's Plugin type does not accept.
    plugins: { '@typescript-eslint': tseslint.plugin, 'react-hooks': reactHooks as unknown as ESLint.Plugin },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
  },
  layerRules,
);
