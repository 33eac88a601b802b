import { describe, expect, it } from 'vitest';
import { consoleCloseCodes } from '../../../shared/api/console-close.js';
import { statusAfterClose } from './console-status.js';

describe('statusAfterClose', () => {
  it('reconnects after a restart or migration', () => {
    expect(statusAfterClose(consoleCloseCodes.restarted, 'The VM moved')).toEqual({ kind: 'reconnecting', message: 'The VM moved' });
  });
  it('shows "not running" for a halted VM and a reason otherwise', () => {
    expect(statusAfterClose(consoleCloseCodes.vmHalted, '').kind).toBe('not-running');
    expect(statusAfterClose(consoleCloseCodes.hostUnreachable, '')).toEqual({ kind: 'disconnected', message: 'The host running this VM cannot be reached.' });
    expect(statusAfterClose(1006, '')).toEqual({ kind: 'disconnected', message: 'The console closed (code 1006).' });
  });
});
