import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestServer } from '../test-support/test-server.js';

const context = { clientId: 'test' };

describe('dispatcher', () => {
  it('answers app.version from the host info', async () => {
    const { server } = createTestServer();
    const result = await server.dispatch('app.version', {}, context);
    expect(result).toMatchObject({ ok: true, output: { version: '9.9.9-test', mode: 'serve', electron: null } });
  });

  it('rejects an input that breaks the schema with VALIDATION naming the field', async () => {
    const { server } = createTestServer();
    const result = await server.dispatch('settings.set', { theme: 'purple' }, context);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('VALIDATION');
    expect(result.error.params).toEqual(['theme']);
    expect(result.error.message).toContain('theme');
  });

  it('rejects unknown keys instead of ignoring them', async () => {
    const { server } = createTestServer();
    const result = await server.dispatch('settings.set', { theme: 'dark', password: 'x' }, context);
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('rejects a method that is not in the contract', async () => {
    const { server } = createTestServer();
    const result = await server.dispatch('app.exec', {}, context);
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD', params: ['app.exec'] } });
  });

  it('saves settings to the settings file and announces the change', async () => {
    const { server, dataDir } = createTestServer();
    const seen: unknown[] = [];
    server.subscribe((event) => seen.push(event));
    const result = await server.dispatch('settings.set', { theme: 'dark' }, context);
    expect(result).toMatchObject({ ok: true, output: { theme: 'dark' } });
    expect(JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8'))).toMatchObject({ theme: 'dark' });
    expect(seen).toEqual([{ event: 'settings.changed', payload: expect.objectContaining({ theme: 'dark' }) }]);
  });
});
