import { describe, expect, it } from 'vitest';
import type { AvailableUpdate, PoolUpdates } from '../../../shared/api/update-schema.js';
import { emptyInstallChoices, selectionOf, stepProblem, withListing } from './install-update-choices.js';

const update = (id: string, fields: Partial<AvailableUpdate> = {}): AvailableUpdate => ({
  id, name: id, version: '1-1', installed: null, description: '', size: null, date: null, rebootNeeded: false, guidance: [], url: null, severity: null, ...fields,
});

const xcp: PoolUpdates = {
  poolId: 'p', family: 'xcp-ng', hash: null,
  hosts: [
    { hostId: 'h1', status: 'ok', message: null, updates: [update('kernel', { rebootNeeded: true }), update('xapi-core')] },
    { hostId: 'h2', status: 'ok', message: null, updates: [update('xapi-core')] },
    { hostId: 'h3', status: 'ok', message: null, updates: [] },
  ],
};

describe('the Install Update wizard\'s choices', () => {
  it('chooses every XCP-ng update and the servers that have one; all chosen is "every update"', () => {
    const choices = withListing(emptyInstallChoices('p', ''), xcp);
    expect(choices.packages).toEqual(['kernel', 'xapi-core']);
    expect(choices.hostIds).toEqual(['h1', 'h2']);
    expect(selectionOf(choices)).toEqual({ family: 'xcp-ng', packages: [] });
    expect(selectionOf({ ...choices, packages: ['kernel'] })).toEqual({ family: 'xcp-ng', packages: ['kernel'] });
    expect(stepProblem({ ...choices, packages: [] }, 'selectUpdate')).toBe('Choose at least one update');
    expect(stepProblem({ ...choices, hostIds: [] }, 'selectServers')).toBe('Choose at least one server');
    expect(stepProblem(choices, 'upload')).toBeNull();
  });

  it('needs the XenServer update uploaded, and the CDN synchronised', () => {
    const xs: PoolUpdates = { poolId: 'p', family: 'xenserver', hash: null, hosts: [{ hostId: 'h1', status: 'ok', message: null, updates: [update('uuid-1', { name: 'XS82E001' })] }] };
    const choices = withListing(emptyInstallChoices('p', 'https://x/updates.xml'), xs);
    expect(choices.catalogueUpdateId).toBe('uuid-1');
    expect(stepProblem(choices, 'upload')).toBe('Upload the update first');
    expect(selectionOf({ ...choices, poolUpdateId: 'OpaqueRef:u' })).toEqual({ family: 'xenserver', poolUpdateId: 'OpaqueRef:u' });
    const cdn = withListing(emptyInstallChoices('p', ''), { poolId: 'p', family: 'cdn', hash: null, hosts: [{ hostId: 'h1', status: 'error', message: 'not synchronised', updates: [] }] });
    expect(stepProblem(cdn, 'selectUpdate')).toBe('Synchronize with the update CDN first');
  });

  it('blocks on a failed update check; a failed rolling check blocks only the automatic mode', () => {
    const choices = withListing(emptyInstallChoices('p', ''), xcp);
    const evacuation = { id: 'evacuate:h1', hostId: 'h1', title: 'h1 can be evacuated', status: 'failed' as const, message: 'The server cannot be evacuated.', code: 'CANNOT_EVACUATE_HOST' };
    const withChecks = { ...choices, prechecks: { checks: [evacuation], plan: [] } };
    expect(stepProblem(withChecks, 'prechecks')).toBeNull();
    expect(stepProblem(withChecks, 'updateMode')).toBe('The rolling update cannot run: The server cannot be evacuated.');
    expect(stepProblem({ ...withChecks, mode: 'manual' }, 'updateMode')).toBeNull();
    const update = { ...evacuation, id: 'update:h1', code: 'UPDATE_PRECHECK_FAILED_UNKNOWN_ERROR' };
    expect(stepProblem({ ...choices, prechecks: { checks: [update], plan: [] } }, 'prechecks')).toMatch(/precheck failed/);
  });
});
