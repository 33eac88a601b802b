import { describe, expect, it } from 'vitest';
import { parseArgv } from './argv.js';
import { UsageError } from './exit-codes.js';
import { fileFieldOf, fileMethodNames } from './file-field.js';

describe('@=file', () => {
  it('finds each file method\'s file field in its schema, and which way the bytes go', () => {
    expect(fileFieldOf('vm.exportFile')).toEqual({ name: 'target', direction: 'download', headField: null });
    expect(fileFieldOf('vm.importFile')).toEqual({ name: 'source', direction: 'upload', headField: null });
    expect(fileFieldOf('disk.importFile')).toEqual({ name: 'source', direction: 'upload', headField: null });
    expect(fileFieldOf('file.inspect')).toEqual({ name: 'source', direction: 'upload', headField: 'head' });
    expect(fileFieldOf('vm.power')).toBeNull();
    expect(fileMethodNames().sort()).toEqual(['disk.importFile', 'file.inspect', 'vm.exportFile', 'vm.importFile']);
  });

  it('reads @=PATH after the method, once', () => {
    expect(parseArgv(['vm.exportFile', 'vmId=x', '@=out dir/vm.xva']).options.file).toBe('out dir/vm.xva');
    expect(parseArgv(['vm.exportFile', '@=a=b.xva']).options.file).toBe('a=b.xva');
    expect(() => parseArgv(['vm.importFile', '@=a.xva', '@=b.xva'])).toThrow(UsageError);
    expect(() => parseArgv(['vm.importFile', '@='])).toThrow('@= needs a file');
    // Before a command word it is the command word (and no method is called @=…).
    expect(parseArgv(['@=a.xva']).words).toEqual(['@=a.xva']);
  });
});
