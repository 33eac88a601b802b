/**
 * Errors as the XCP-ng plugins raise them: `error_wrapped` turns any exception into XenAPIPlugin.Failure("-1",
 * [message, details, backtrace]), which xapi sends as the API error `["-1", message, details, backtrace]`.
 */
import { XapiError } from '../model/xapi-error.js';

/** Throws the plugin failure for an exception of class `exceptionClass` with `message`. */
export function pluginFailure(message: string, exceptionClass = 'Exception', details = ''): never {
  const backtrace = [
    'Traceback (most recent call last):',
    '  File "/etc/xapi.d/plugins/xcpngutils/__init__.py", line 101, in wrapper',
    '    return func(*args, **kwds)',
    '  File "/etc/xapi.d/plugins/updater.py", line 188, in decorator',
    '    with OperationLocker(*pid_args, **pid_kwargs):',
    `${exceptionClass}: ${message}`,
    '',
  ].join('\n');
  throw new XapiError('-1', [message, details, backtrace]);
}
