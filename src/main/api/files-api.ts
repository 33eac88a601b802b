import { runDiskImportFile } from '../actions/disk-import-file.js';
import { runVmExportFile } from '../actions/vm-export-file.js';
import { runVmImportFile } from '../actions/vm-import-file.js';
import { formatFailure } from '../files/file-errors.js';
import type { FileDeps } from '../files/file-services.js';
import { inspectImportFile } from '../files/inspect-file.js';
import type { PartialImplementation } from './implementation.js';

type FileMethods = 'file.inspect' | 'vm.exportFile' | 'vm.importFile' | 'disk.importFile';

/** Export and import through files: each transfer is a job; file.inspect answers from the file's first bytes. */
export function createFilesApi(deps: FileDeps): PartialImplementation<FileMethods> {
  return {
    'file.inspect': async (input) => {
      try {
        return await inspectImportFile(deps.files, input.source, input.head);
      } catch (error) {
        throw formatFailure(error, input.source.kind === 'upload' ? input.source.name : 'The file') ?? error;
      }
    },
    'vm.exportFile': async (input) => runVmExportFile(deps, input),
    'vm.importFile': async (input) => runVmImportFile(deps, input),
    'disk.importFile': async (input) => runDiskImportFile(deps, input),
  };
}
