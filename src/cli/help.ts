import type { MethodName } from '../shared/api/contract.js';
import { describeMethod } from '../shared/api/introspection.js';
import { parameterLines } from './list-commands.js';

/** What `xenith-cli --help` prints. */
export const generalHelp = `xenith-cli — everything Xenith's UI can do, from a shell.

Usage:
  xenith-cli register <url> [--token T] [--name N] [--fingerprint FP]
                                       where to connect: the address serve mode printed (its start-up token makes
                                       a named API token for this machine), or --token with an API token
  xenith-cli register --socket[=PATH]  the desktop app's local socket (Settings → Local socket)
  xenith-cli unregister                revoke this machine's token and forget the address
  xenith-cli list-commands [--json] [pattern…]
                                       every method, its summary and parameters (--json: JSON Schema)
  xenith-cli <method> [name=value …] [--wait] [--json]
                                       call a method; values are read by its schema: 4, true, a,b, null,
                                       json:<JSON>; dotted names reach into objects (memory.staticMax=…)
  xenith-cli vm.exportFile|vm.importFile|disk.importFile|file.inspect … @=FILE
                                       stream the method's file to or from FILE, with progress, and follow its job
  xenith-cli list-objects [type=VM] [field=value …] [--fields a,b] [--json]
                                       objects of every connected pool (type=VM-template, VM-snapshot too)
  xenith-cli watch [--ndjson]          object changes, jobs, pool states and alerts as they happen
  xenith-cli token create <name> | token list | token revoke <name or id>
  xenith-cli completion bash|zsh       the shell completion script (source <(xenith-cli completion bash))

Options:
  --json            machine output        --wait        follow the jobs a call starts (exits 1 if one fails)
  --fields a,b      columns to show       --ndjson      one JSON event per line (watch)
  --password-stdin  read pool.add's password from stdin (otherwise asked on a terminal)
  <method> --help   the method's parameters

Environment: XENITH_URL and XENITH_TOKEN (an API token) override the registration; XDG_CONFIG_HOME moves the
config file; XENITH_CLI_NO_KEYCHAIN=1 keeps the token in the config file (0600) instead of the OS keychain.
Exit codes: 0 ok, 1 the call failed (XAPI's code and sentence on stderr), 2 usage (nothing was called).
`;

/** What `xenith-cli <method> --help` prints. */
export function methodHelp(method: MethodName): string {
  const description = describeMethod(method);
  const lines = parameterLines(description);
  return `${method} — ${description.summary}\n\n${lines.length ? lines.map((line) => `  ${line}`).join('\n') : '  (no parameters)'}\n`;
}
