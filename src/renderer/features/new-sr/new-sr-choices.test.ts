import { describe, expect, it } from 'vitest';
import { chooseKind, createInput, emptyNewSr, locationChanged, locationOf, newSrStepProblem, withDiscovery } from './new-sr-choices.js';

const start = () => emptyNewSr('p1', 'h1');

describe('New Storage Repository choices', () => {
  it('names the SR after its kind until a name is typed', () => {
    expect(chooseKind(start(), 'iscsi').name).toBe('iSCSI virtual disk storage');
    expect(chooseKind({ ...start(), name: 'Mine', nameEdited: true }, 'smb').name).toBe('Mine');
  });

  it('walks iSCSI discovery: targets, then LUNs, then the SR already on the LUN to reattach', () => {
    let choices = locationChanged(chooseKind(start(), 'iscsi'), { iscsi: { ...start().iscsi, target: '10.0.20.30' } });
    expect(newSrStepProblem(choices, 'location')).toBe('Scan the target host and choose a target IQN');
    expect(locationOf(choices)).toEqual({ type: 'iscsi', target: '10.0.20.30', port: 3260 });
    choices = withDiscovery(choices, { kind: 'targets', targets: [{ iqn: 'iqn.a', address: '10.0.20.30' }] });
    expect(choices.iscsi.iqn).toBe('iqn.a');
    choices = withDiscovery(choices, { kind: 'luns', luns: [{ scsiId: '3600a', lunId: 0, size: 1, vendor: 'LIO-ORG', serial: 's' }] });
    expect(newSrStepProblem(choices, 'location')).toBe('Choose a LUN');
    choices = { ...choices, iscsi: { ...choices.iscsi, scsiId: '3600a' } };
    expect(newSrStepProblem(choices, 'location')).toBeNull();
    choices = withDiscovery(choices, { kind: 'srs', srs: [{ uuid: 'u1', name: null, size: 5, srId: null }] });
    expect(choices.existing).toEqual({ kind: 'reattach', uuid: 'u1' });
    expect(createInput(choices)).toMatchObject({ reattachUuid: 'u1', location: { type: 'iscsi', iqn: 'iqn.a', scsiId: '3600a' } });
    expect(createInput({ ...choices, existing: { kind: 'format' } })).not.toHaveProperty('reattachUuid');
  });

  it('creates a new NFS SR next to the ones found, and refuses to attach one the pool already has', () => {
    let choices = locationChanged(start(), { nfs: { server: 'nfs1', path: '/export', version: '4.1' } });
    choices = withDiscovery(choices, { kind: 'srs', srs: [{ uuid: 'u2', name: 'Old', size: null, srId: 'sr-2' }] });
    expect(choices.existing).toEqual({ kind: 'new' });
    expect(newSrStepProblem(choices, 'finish')).toBeNull();
    expect(newSrStepProblem({ ...choices, existing: { kind: 'reattach', uuid: 'u2' } }, 'finish')).toBe('That SR is already in this pool');
    expect(locationOf(choices)).toEqual({ type: 'nfs', server: 'nfs1', path: '/export', version: '4.1' });
  });

  it('keeps the SMB password out of the location until it is typed, and checks the share', () => {
    const choices = chooseKind(start(), 'smb');
    expect(newSrStepProblem(choices, 'location')).toBe('Enter the share as \\\\server\\share');
    const filled = locationChanged(choices, { smb: { share: '\\\\fs\\vms', user: 'u', password: 'p' } });
    expect(newSrStepProblem(filled, 'location')).toBeNull();
    expect(locationOf(filled)).toEqual({ type: 'smb', share: '\\\\fs\\vms', user: 'u', password: 'p' });
  });
});
