import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultDatamodelPath, generatedFiles } from './gen-xapi-facts.js';

// The datamodel sits beside the repository, not in it: a clone without it cannot regenerate, so it cannot check.
describe.skipIf(!existsSync(defaultDatamodelPath))('generated XAPI facts', () => {
  it.each(generatedFiles().map(({ path, text }) => [path.replace(/.*\/src\//, 'src/'), path, text] as const))(
    '%s is what scripts/gen-xapi-facts.ts writes from xenapi.json',
    (_name, path, text) => {
      expect(existsSync(path) ? readFileSync(path, 'utf8') : '(missing)').toBe(text);
    },
  );
});
