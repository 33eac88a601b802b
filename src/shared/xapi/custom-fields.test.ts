import { describe, expect, it } from 'vitest';
import { customFieldKey, customFieldValues, readCustomFieldDefinitions, writeCustomFieldDefinitions } from './custom-fields.js';

describe('XenCenter custom fields', () => {
  it('reads the definitions XenCenter writes in gui_config, and writes them back the same way', () => {
    const xml = '<CustomFieldDefinitions><CustomFieldDefinition name="Owner" type="String" defaultValue="" /><CustomFieldDefinition name="Expires &amp; ends" type="Date" defaultValue="" /></CustomFieldDefinitions>';
    const definitions = readCustomFieldDefinitions({ 'XenCenter.CustomFields': xml });
    expect(definitions).toEqual([
      { name: 'Owner', type: 'String' },
      { name: 'Expires & ends', type: 'Date' },
    ]);
    expect(writeCustomFieldDefinitions(definitions)).toBe(xml);
  });

  it('reads nothing from a pool without definitions or with a name given twice', () => {
    expect(readCustomFieldDefinitions({})).toEqual([]);
    expect(readCustomFieldDefinitions({ 'XenCenter.CustomFields': 'not xml' })).toEqual([]);
    const twice = '<CustomFieldDefinitions><CustomFieldDefinition name="A" type="String"/><CustomFieldDefinition name="A" type="Date"/></CustomFieldDefinitions>';
    expect(readCustomFieldDefinitions({ 'XenCenter.CustomFields': twice })).toEqual([{ name: 'A', type: 'String' }]);
  });

  it("takes an object's values from other_config for the defined fields only, skipping empty ones", () => {
    const values = customFieldValues({ [customFieldKey('Owner')]: 'Ops', [customFieldKey('Site')]: '', [customFieldKey('Stale')]: 'x' }, [
      { name: 'Owner', type: 'String' },
      { name: 'Site', type: 'String' },
    ]);
    expect([...values]).toEqual([['Owner', 'Ops']]);
  });
});
