import { describe, expect, it } from 'vitest';
import { describeXapiFailure, hasXapiSentence } from './error-sentences.js';

describe('describeXapiFailure', () => {
  it('keeps the code and params, and says what happened with the objects named', () => {
    const names: Record<string, string> = { 'OpaqueRef:sr': 'NFS store' };
    expect(describeXapiFailure('VM_REQUIRES_SR', ['OpaqueRef:vm', 'OpaqueRef:sr'], (ref) => names[ref])).toEqual({
      code: 'VM_REQUIRES_SR',
      message: "The VM needs the storage 'NFS store', which this server cannot reach. Choose a server connected to that storage.",
      params: ['OpaqueRef:vm', 'OpaqueRef:sr'],
    });
  });

  it('leaves unknown refs out of the sentence rather than printing them', () => {
    expect(describeXapiFailure('HOST_DISABLED', ['OpaqueRef:h']).message).toBe('The server is disabled (for example in maintenance mode). Enable it or choose another server.');
  });

  it('formats byte params and falls back to a generic sentence for codes it does not know', () => {
    expect(describeXapiFailure('SR_FULL', ['2147483648', '1073741824']).message).toBe('The storage is full (needs 2.0 GiB, can give 1.0 GiB). Free space or choose another SR.');
    expect(describeXapiFailure('SOME_NEW_CODE', ['a', 1])).toEqual({ code: 'SOME_NEW_CODE', message: 'The pool refused the operation (SOME_NEW_CODE: a, 1).', params: ['a', '1'] });
  });

  it('covers the feature codes older XAPI versions name one by one', () => {
    expect(hasXapiSentence('VM_LACKS_FEATURE_SUSPEND')).toBe(true);
    expect(describeXapiFailure('VM_LACKS_FEATURE_SHUTDOWN', ['OpaqueRef:vm']).message).toMatch(/does not support this/);
    expect(hasXapiSentence('NOT_A_CODE')).toBe(false);
  });

  it('says what to do when a snapshot cannot be taken the way it was asked', () => {
    expect(describeXapiFailure('VM_SNAPSHOT_WITH_QUIESCE_NOT_SUPPORTED', ['OpaqueRef:vm', 'no VSS']).message).toMatch(/no VSS provider.*Take a disk-only snapshot instead\.$/);
    expect(describeXapiFailure('VM_REVERT_FAILED', ['OpaqueRef:vm', 'OpaqueRef:s'], (ref) => (ref === 'OpaqueRef:s' ? 'before upgrade' : undefined)).message).toBe(
      "The VM could not be reverted to the snapshot 'before upgrade'. Check the VM's disks before trying again.",
    );
    for (const code of ['VM_CHECKPOINT_SUSPEND_FAILED', 'VMSS_HAS_VM', 'VM_IS_SNAPSHOT', 'REVERT_ONLY_ALLOWED_ON_SNAPSHOT']) expect(hasXapiSentence(code), code).toBe(true);
  });

  it("words XAPI's memory and vCPU rules as what to change", () => {
    expect(describeXapiFailure('MEMORY_CONSTRAINT_VIOLATION', ['Memory limits must satisfy: static_min ≤ dynamic_min ≤ dynamic_max ≤ static_max']).message).toBe(
      'The memory values must be in the order static minimum ≤ dynamic minimum ≤ dynamic maximum ≤ static maximum. Change them so they are.',
    );
    expect(describeXapiFailure('MEMORY_CONSTRAINT_VIOLATION', ['Memory limits must satisfy: static_min ≤ dynamic_min = dynamic_max = static_max (DMC disabled)']).message).toBe(
      "This VM cannot use dynamic memory (the pool's licence does not include dynamic memory control): set the dynamic minimum and maximum both to the static maximum.",
    );
    expect(describeXapiFailure('MEMORY_CONSTRAINT_VIOLATION_MAXPIN', ['nested virt']).message).toMatch(/uses nested virtualisation/);
    expect(describeXapiFailure('INVALID_VALUE', ['VCPU values must satisfy: 0 < VCPUs_at_startup ≤ VCPUs_max', '2']).message).toBe(
      '2 vCPUs is not valid here: the number of vCPUs at startup cannot be more than the maximum number of vCPUs.',
    );
    expect(describeXapiFailure('INVALID_VALUE', ['retained_snapshots', '11']).message).toBe('The value 11 is not valid for retained_snapshots.');
  });
});
