// Lint, and the layer rules of docs/ARCHITECTURE.md as allow-lists: each layer imports only what its zone names.
import tseslint from 'typescript-eslint';
import { allowedImportsRule } from './scripts/allowed-imports-rule.js';
import { layerZones } from './scripts/layer-zones.js';

const layers = { rules: { 'allowed-imports': allowedImportsRule } };

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '**/*.gen.*'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
    },
  },
  ...layerZones.flatMap(({ files, testFiles, testPackages, ...zone }) => [
    { files, plugins: { layers }, rules: { 'layers/allowed-imports': ['error', zone] } },
    // Later blocks win: a layer's tests may also import the test tools.
    { files: testFiles, plugins: { layers }, rules: { 'layers/allowed-imports': ['error', { ...zone, packages: [...zone.packages, ...testPackages] }] } },
  ]),
  {
    // Config files require a default export, and type declarations describe other packages' default exports.
    files: ['*.config.ts', '*.config.js', 'e2e/playwright.config.ts', '**/types/*.d.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
