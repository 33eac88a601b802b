import { UsageError } from './exit-codes.js';

/** The options xenith-cli knows, wherever they stand on the line. */
export interface CliOptions {
  json: boolean;
  ndjson: boolean;
  wait: boolean;
  help: boolean;
  version: boolean;
  passwordStdin: boolean;
  /** `register --socket[=PATH]`: the desktop app's local socket (true: its default place). */
  socket: string | true | null;
  fields: string[] | null;
  token: string | null;
  fingerprint: string | null;
  name: string | null;
  /** `@=PATH`: the file a file method's bytes stream to or from. */
  file: string | null;
}

export interface ParsedArgv {
  /** Command words: `vm.power`, `token create`, `register http://…`. */
  words: string[];
  /** `name=value` words, in order. */
  params: Array<{ name: string; value: string }>;
  options: CliOptions;
}

const flags = { '--json': 'json', '--ndjson': 'ndjson', '--wait': 'wait', '--help': 'help', '-h': 'help', '--version': 'version', '--password-stdin': 'passwordStdin' } as const;
const valued = { '--fields': 'fields', '--token': 'token', '--fingerprint': 'fingerprint', '--name': 'name' } as const;

/** Every option, for help and shell completion. */
export const optionNames = [...Object.keys(flags), ...Object.keys(valued), '--socket'].filter((name) => name.startsWith('--'));

/**
 * Splits a command line into command words, `name=value` parameters and options. A word after `--` is never an
 * option; a word with `=` whose name looks like a parameter (`vmIds`, `memory.staticMax`) is a parameter, and
 * `@=PATH` names the file a file method streams to or from.
 */
export function parseArgv(argv: readonly string[]): ParsedArgv {
  const options: CliOptions = {
    json: false, ndjson: false, wait: false, help: false, version: false, passwordStdin: false,
    socket: null, fields: null, token: null, fingerprint: null, name: null, file: null,
  };
  const words: string[] = [];
  const params: ParsedArgv['params'] = [];
  let optionsEnded = false;
  for (let index = 0; index < argv.length; index++) {
    const word = argv[index]!;
    if (!optionsEnded && word === '--') {
      optionsEnded = true;
      continue;
    }
    if (!optionsEnded && word.startsWith('-') && word.length > 1) {
      const [name, inline] = word.includes('=') ? [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)] : [word, undefined];
      if (name === '--socket') {
        options.socket = inline ?? true;
      } else if (name in flags) {
        if (inline !== undefined) throw new UsageError(`${name} takes no value.`);
        options[flags[name as keyof typeof flags]] = true;
      } else if (name in valued) {
        const value = inline ?? argv[++index];
        if (value === undefined) throw new UsageError(`${name} needs a value.`);
        const key = valued[name as keyof typeof valued];
        if (key === 'fields') options.fields = value.split(',').map((field) => field.trim()).filter(Boolean);
        else options[key] = value;
      } else {
        throw new UsageError(`Unknown option ${name}. See xenith-cli --help.`);
      }
      continue;
    }
    const file = /^@=([\s\S]*)$/.exec(word);
    if (file && words.length > 0) {
      if (options.file !== null) throw new UsageError('Give one file: @= appears twice.');
      if (file[1] === '') throw new UsageError('@= needs a file: @=vm.xva.');
      options.file = file[1]!;
      continue;
    }
    const match = /^([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)=([\s\S]*)$/.exec(word);
    if (match && words.length > 0) params.push({ name: match[1]!, value: match[2]! });
    else words.push(word);
  }
  return { words, params, options };
}
