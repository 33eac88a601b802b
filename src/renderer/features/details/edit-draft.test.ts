import { describe, expect, it } from 'vitest';
import { methods } from '../../../shared/api/contract.js';
import { testRecord } from '../../testing/test-record.js';
import { draftOf, editRequest, parseTags } from './edit-draft.js';

const vm = testRecord('VM', 'OpaqueRef:vm1', { name_label: 'web-01', name_description: 'Web server', tags: ['web', 'prod'] });

describe('General tab edits', () => {
  it('starts from the object and parses typed tags', () => {
    expect(draftOf(vm)).toEqual({ name: 'web-01', description: 'Web server', tags: 'web, prod' });
    expect(parseTags(' web, prod,,web ,  ')).toEqual(['web', 'prod']);
  });

  it('sends only what changed, and nothing when nothing did', () => {
    expect(editRequest(vm, draftOf(vm))).toBeNull();
    expect(editRequest(vm, { ...draftOf(vm), name: '  web-02 ' })).toEqual({ objectId: 'OpaqueRef:vm1', name: 'web-02' });
    expect(editRequest(vm, { ...draftOf(vm), tags: 'web' })).toEqual({ objectId: 'OpaqueRef:vm1', tags: ['web'] });
    expect(editRequest(vm, { name: 'a', description: '', tags: '' })).toEqual({ objectId: 'OpaqueRef:vm1', name: 'a', description: '', tags: [] });
  });

  it('builds requests the contract accepts', () => {
    const request = editRequest(vm, { name: 'web-02', description: 'x', tags: 'a, b' })!;
    expect(methods['objects.edit'].input.safeParse(request).success).toBe(true);
  });
});
