import { describe, expect, it } from 'vitest';
import { parseArgv } from './argv.js';
import { UsageError } from './exit-codes.js';
import { buildInput, checkInput, readValue } from './params.js';

describe('values are read by the schema of their field', () => {
  it('turns numbers, booleans, lists and null into what the field takes', () => {
    expect(buildInput('vm.create', [
      { name: 'vcpus', value: '4' },
      { name: 'start', value: 'true' },
      { name: 'isoVdiId', value: 'null' },
      { name: 'homeHostId', value: 'OpaqueRef:h1' },
      { name: 'memory.staticMax', value: '2147483648' },
      { name: 'memory.dynamicMin', value: '1073741824' },
    ])).toEqual({ vcpus: 4, start: true, isoVdiId: null, homeHostId: 'OpaqueRef:h1', memory: { staticMax: 2147483648, dynamicMin: 1073741824 } });
  });

  it('splits a list at commas, reads each item by the item schema, and joins a list given twice', () => {
    expect(buildInput('vm.power', [{ name: 'vmIds', value: 'a,b' }, { name: 'vmIds', value: 'c' }, { name: 'operation', value: 'start' }])).toEqual({ vmIds: ['a', 'b', 'c'], operation: 'start' });
    expect(buildInput('vmss.create', [{ name: 'timing.minute', value: '15' }])).toEqual({ timing: { minute: 15 } });
  });

  it('takes json: anywhere, and refuses JSON that does not parse', () => {
    expect(buildInput('vm.power', [{ name: 'vmIds', value: 'json:["x"]' }])).toEqual({ vmIds: ['x'] });
    expect(buildInput('vm.copyToPool', [{ name: 'networkMap', value: 'json:{"OpaqueRef:v":"OpaqueRef:n"}' }])).toEqual({ networkMap: { 'OpaqueRef:v': 'OpaqueRef:n' } });
    expect(() => buildInput('vm.power', [{ name: 'vmIds', value: 'json:[x' }])).toThrow(UsageError);
  });

  it('leaves what it cannot read as text, so the schema says what is wrong', () => {
    expect(readValue('four', { type: 'integer' }, 'vcpus')).toBe('four');
    expect(readValue('yes', { type: 'boolean' }, 'start')).toBe('yes');
    expect(readValue('0x10', { type: 'number' }, 'n')).toBe('0x10');
    // A string field keeps "null" and "true": only a field that can be null or boolean reads them so.
    expect(readValue('null', { type: 'string' }, 'name')).toBe('null');
    expect(readValue('true', { type: 'string' }, 'name')).toBe('true');
  });
});

describe('inputs are checked by the contract before any call', () => {
  it('refuses a bad value, a missing parameter and an unknown one with the schema\'s own message', () => {
    expect(() => checkInput('vm.power', buildInput('vm.power', [{ name: 'vmIds', value: 'a' }, { name: 'operation', value: 'begin' }]))).toThrow(/operation: Invalid option: expected one of "start"/);
    expect(() => checkInput('vm.power', { operation: 'start' })).toThrow(/vmIds: Invalid input: expected array/);
    expect(() => checkInput('vm.power', { vmIds: ['a'], operation: 'start', force: true })).toThrow(/Unrecognized key: "force"/);
    expect(() => checkInput('vm.create', buildInput('vm.create', [{ name: 'vcpus', value: 'four' }]))).toThrow(/vcpus: Invalid input: expected number, received string/);
    expect(() => checkInput('vm.power', { vmIds: ['a'], operation: 'start' })).not.toThrow();
  });
});

describe('the command line', () => {
  it('separates command words, name=value parameters and options wherever they stand', () => {
    expect(parseArgv(['vm.power', '--wait', 'vmIds=a,b', 'operation=start', '--json'])).toMatchObject({
      words: ['vm.power'],
      params: [{ name: 'vmIds', value: 'a,b' }, { name: 'operation', value: 'start' }],
      options: { wait: true, json: true },
    });
    expect(parseArgv(['list-objects', 'type=VM', '--fields', 'name_label,uuid']).options.fields).toEqual(['name_label', 'uuid']);
    expect(parseArgv(['register', 'http://127.0.0.1:1/?token=abc']).words).toEqual(['register', 'http://127.0.0.1:1/?token=abc']);
    expect(parseArgv(['register', '--socket=/run/x.sock']).options.socket).toBe('/run/x.sock');
    expect(parseArgv(['objects.edit', 'objectId=x', 'description=a=b']).params).toEqual([{ name: 'objectId', value: 'x' }, { name: 'description', value: 'a=b' }]);
  });

  it('refuses an unknown option and one missing its value', () => {
    expect(() => parseArgv(['vm.power', '--force'])).toThrow(/Unknown option --force/);
    expect(() => parseArgv(['list-objects', '--fields'])).toThrow(/--fields needs a value/);
  });
});
