import { describe, expect, it } from 'vitest';
import { hostStateText, isDefaultTemplate, isHiddenObject, tagsOf } from './object-kinds.js';
import { obj, vm } from './tree-fixture.js';

describe('object kinds', () => {
  it('words a host that is disabled, or in maintenance mode, as XenCenter does', () => {
    expect(hostStateText(obj('host', 'h', { enabled: true }))).toBeNull();
    expect(hostStateText(obj('host', 'h', { enabled: false, other_config: {} }))).toBe('Disabled');
    expect(hostStateText(obj('host', 'h', { enabled: false, other_config: { MAINTENANCE_MODE: 'true' } }))).toBe('Maintenance mode');
    expect(hostStateText(undefined)).toBeNull();
  });

  it('hides what XenCenter hides: HideFromXenCenter, the tools SR, the host-internal network', () => {
    expect(isHiddenObject(vm('v', { other_config: { HideFromXenCenter: 'true' } }))).toBe(true);
    expect(isHiddenObject(obj('SR', 's', { other_config: { xenserver_tools_sr: 'true' } }))).toBe(true);
    expect(isHiddenObject(obj('SR', 's', { is_tools_sr: true }))).toBe(true);
    expect(isHiddenObject(obj('network', 'n', { other_config: { is_host_internal_management_network: 'true' } }))).toBe(true);
    expect(isHiddenObject(obj('network', 'n', { other_config: {} }))).toBe(false);
    expect(isHiddenObject(vm('v'))).toBe(false);
  });

  it('knows default templates by either XAPI flag, and reads tags defensively', () => {
    expect(isDefaultTemplate(vm('t', { is_a_template: true, other_config: { default_template: 'true' } }))).toBe(true);
    expect(isDefaultTemplate(vm('t', { is_a_template: true }))).toBe(false);
    expect(tagsOf(vm('v', { tags: ['a', 'b'] }))).toEqual(['a', 'b']);
    expect(tagsOf(obj('host', 'h', {}))).toEqual([]);
  });
});
