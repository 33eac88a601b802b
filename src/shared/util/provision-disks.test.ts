import { describe, expect, it } from 'vitest';
import { formatProvisionDisks, parseProvisionDisks } from './provision-disks.js';

describe('parseProvisionDisks', () => {
  it('reads the disks of a default template, in device order', () => {
    const xml =
      '<?xml version="1.0"?><provision>' +
      '<disk device="1" size="1073741824" sr="abc-uuid" bootable="false" type="user"/>' +
      '<disk device="0" size="10737418240" sr="" bootable="true" type="system"/>' +
      '</provision>';
    expect(parseProvisionDisks(xml)).toEqual([
      { device: '0', sizeBytes: 10737418240, srUuid: '', bootable: true, type: 'system' },
      { device: '1', sizeBytes: 1073741824, srUuid: 'abc-uuid', bootable: false, type: 'user' },
    ]);
  });

  it('accepts single quotes, spaces around = and entities, as an XML parser does', () => {
    expect(parseProvisionDisks("<provision><disk device = '0' size='5' sr='a&amp;b&#x41;' bootable='true'></disk></provision>")).toEqual([
      { device: '0', sizeBytes: 5, srUuid: 'a&bA', bootable: true, type: 'system' },
    ]);
  });

  it('takes an unknown or missing type as system, as XAPI does', () => {
    const disks = parseProvisionDisks('<provision><disk device="0" size="5" type="swap"/><disk device="1" size="5" type="ephemeral"/></provision>');
    expect(disks.map((disk) => disk.type)).toEqual(['system', 'ephemeral']);
  });

  it('skips disks XAPI would refuse: no device, a device that is not a number, a size that is not a positive whole number', () => {
    const xml =
      '<provision><disk size="5"/><disk device="x" size="5"/><disk device="0" size="-1"/><disk device="1" size="0"/>' +
      '<disk device="2" size="1e3"/><disk device="3" size="0x10"/><disk device="4" size=" 5"/><disk device="5" size="2.5"/>' +
      '<disk device="6" size="99999999999999999999"/><disk device="7"/><disk device="123" size="5"/></provision>';
    expect(parseProvisionDisks(xml)).toEqual([]);
  });

  it('keeps the first of two disks on one device (VBD.create would refuse the second)', () => {
    const disks = parseProvisionDisks('<provision><disk device="1" size="5"/><disk device="01" size="7"/></provision>');
    expect(disks).toEqual([{ device: '1', sizeBytes: 5, srUuid: '', bootable: false, type: 'system' }]);
  });

  it('reads nothing from a missing, empty or diskless spec', () => {
    expect(parseProvisionDisks(undefined)).toEqual([]);
    expect(parseProvisionDisks(42)).toEqual([]);
    expect(parseProvisionDisks('')).toEqual([]);
    expect(parseProvisionDisks('<provision></provision>')).toEqual([]);
    expect(parseProvisionDisks('<provision><diskette device="0" size="5"/></provision>')).toEqual([]);
  });
});

describe('formatProvisionDisks', () => {
  it('writes every attribute XAPI requires, escaped, and reads back the same', () => {
    const disks = [
      { device: '0', sizeBytes: 21474836480, srUuid: '', bootable: true, type: 'system' as const },
      { device: '2', sizeBytes: 5, srUuid: 'odd"<&>uuid', bootable: false, type: 'user' as const },
    ];
    const xml = formatProvisionDisks(disks);
    expect(xml).toBe(
      '<provision><disk device="0" size="21474836480" sr="" bootable="true" type="system"/>' +
        '<disk device="2" size="5" sr="odd&quot;&lt;&amp;&gt;uuid" bootable="false" type="user"/></provision>',
    );
    expect(parseProvisionDisks(xml)).toEqual(disks);
  });

  it('writes an empty spec for no disks', () => {
    expect(formatProvisionDisks([])).toBe('<provision></provision>');
  });
});
