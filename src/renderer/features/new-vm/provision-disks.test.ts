import { describe, expect, it } from 'vitest';
import { parseProvisionDisks } from './provision-disks.js';

describe('parseProvisionDisks', () => {
  it('reads the disks of a default template, in device order', () => {
    const xml =
      '<?xml version="1.0"?><provision>' +
      '<disk device="1" size="1073741824" sr="abc-uuid" bootable="false" type="user"/>' +
      '<disk device="0" size="10737418240" sr="" bootable="true" type="system" ie="true"/>' +
      '</provision>';
    expect(parseProvisionDisks(xml)).toEqual([
      { device: '0', sizeBytes: 10737418240, srUuid: '', bootable: true, type: 'system' },
      { device: '1', sizeBytes: 1073741824, srUuid: 'abc-uuid', bootable: false, type: 'user' },
    ]);
  });

  it('accepts single quotes, spaces around = and entities', () => {
    expect(parseProvisionDisks("<provision><disk device = '0' size='5' sr='a&amp;b' /></provision>")).toEqual([
      { device: '0', sizeBytes: 5, srUuid: 'a&b', bootable: false, type: 'system' },
    ]);
  });

  it('skips disks XAPI would refuse and reads nothing from a missing or empty spec', () => {
    expect(parseProvisionDisks('<provision><disk device="x" size="5"/><disk device="0" size="-1"/><disk size="5"/></provision>')).toEqual([]);
    expect(parseProvisionDisks(undefined)).toEqual([]);
    expect(parseProvisionDisks('')).toEqual([]);
    expect(parseProvisionDisks('<provision></provision>')).toEqual([]);
  });
});
