// Lint, and the layer rules of ARCHITECTURE.md as import zones: each layer may only import what it is allowed to.
import tseslint from 'typescript-eslint';
import { layerZones } from './scripts/layer-zones.js';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '**/*.gen.*'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
    },
  },
  ...layerZones.map((zone) => ({
    files: zone.files,
    rules: { 'no-restricted-imports': ['error', { paths: zone.paths ?? [], patterns: zone.patterns }] },
  })),
  {
    // Config files require a default export, and type declarations describe other packages' default exports.
    files: ['*.config.ts', '*.config.js', 'e2e/playwright.config.ts', '**/types/*.d.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
