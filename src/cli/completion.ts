import type { MethodName } from '../shared/api/contract.js';
import { describeMethods } from '../shared/api/introspection.js';
import { fieldKinds } from '../shared/xapi/fields.gen.js';
import { optionNames } from './argv.js';
import { fileFieldOf } from './file-field.js';
import { choicesOf, type JsonSchema } from './json-schema.js';
import { vmKindNames } from './list-objects.js';

/** The CLI's own commands, besides the contract's methods. */
export const cliCommands = ['register', 'unregister', 'list-commands', 'list-objects', 'watch', 'token', 'completion', 'help'];

/** A word in single quotes for sh, bash and zsh. */
const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;
const printLines = (words: readonly string[]) => `printf '%s\\n' ${words.map(quote).join(' ')}`;

/** Case arms `pattern) printf …;;`, one per entry that has words. */
function caseArms(entries: ReadonlyArray<[string, readonly string[]]>): string {
  return entries
    .filter(([, words]) => words.length > 0)
    .map(([pattern, words]) => `    ${pattern}) ${printLines(words)} ;;`)
    .join('\n');
}

/** The data both scripts share: each method's parameters, each enum's values, each class's fields. */
function shellData(): string {
  const methods = describeMethods();
  // A method that moves a file also takes `@=file` (its bytes stream to or from it).
  const params: Array<[string, string[]]> = methods.map((method) => [
    quote(method.name),
    [...Object.keys((method.input as JsonSchema).properties ?? {}).map((name) => `${name}=`), ...(fileFieldOf(method.name as MethodName) ? ['@='] : [])],
  ]);
  const values: Array<[string, string[]]> = methods.flatMap((method) =>
    Object.entries((method.input as JsonSchema).properties ?? {}).map(([name, schema]): [string, string[]] => {
      const items = schema.items ?? schema.anyOf?.find((branch) => branch.items)?.items;
      const choices = choicesOf(schema).length > 0 ? choicesOf(schema) : items ? choicesOf(items) : [];
      return [quote(`${method.name} ${name}`), choices.map((choice) => String(choice))];
    }),
  );
  values.push([quote('list-objects type'), [...vmKindNames, ...Object.keys(fieldKinds).filter((type) => type !== 'VM')]]);
  const vmPattern = ['vm', ...vmKindNames.slice(1).map((kind) => kind.toLowerCase())].join('|');
  const fields: Array<[string, string[]]> = Object.entries(fieldKinds).map(([type, kinds]) => [type === 'VM' ? vmPattern : quote(type.toLowerCase()), Object.keys(kinds).map((field) => `${field}=`)]);
  return [
    '_xenith_cli_params() {',
    '  case "$1" in',
    caseArms(params),
    '  esac',
    '}',
    '_xenith_cli_values() {',
    '  case "$1 $2" in',
    caseArms(values),
    '  esac',
    '}',
    '# Field names of a class (its name in lower case), for list-objects filters.',
    '_xenith_cli_fields() {',
    '  case "$1" in',
    caseArms(fields),
    '  esac',
    '}',
  ].join('\n');
}

const header = (shell: string) => `# ${shell} completion for xenith-cli, generated from Xenith's contract by \`xenith-cli completion ${shell}\`.\n`;

/** The bash completion script: `source <(xenith-cli completion bash)`. */
export function bashCompletion(): string {
  const commands = [...describeMethods().map((method) => method.name), ...cliCommands];
  return `${header('bash')}${shellData()}
_xenith_cli() {
  # Read the line up to the cursor ourselves: bash splits words at '=', which parameters are made of.
  local line=\${COMP_LINE:0:COMP_POINT}
  local cur=\${line##*[[:space:]]}
  local -a words
  read -ra words <<< "\${line:0:\${#line}-\${#cur}}"
  local position=\${#words[@]} cmd=\${words[1]}
  local -a candidates=()
  if (( position <= 1 )); then
    candidates=(${commands.map(quote).join(' ')})
  elif [[ $cur == -* ]]; then
    candidates=(${optionNames.map(quote).join(' ')})
  elif [[ $cur == @=* ]]; then
    local path
    while IFS= read -r path; do [[ -d $path ]] && path+=/; candidates+=("@=$path"); done < <(compgen -f -- "\${cur#@=}")
  elif [[ $cur == *=* ]]; then
    local param=\${cur%%=*} value
    while IFS= read -r value; do candidates+=("$param=$value"); done < <(_xenith_cli_values "$cmd" "$param")
  else
    case $cmd in
      token) (( position == 2 )) && candidates=(create list revoke) ;;
      completion) candidates=(bash zsh) ;;
      list-objects)
        local word type=''
        for word in "\${words[@]}"; do [[ $word == type=* ]] && type=\${word#type=}; done
        candidates=(type=)
        [[ -n $type ]] && while IFS= read -r word; do candidates+=("$word"); done < <(_xenith_cli_fields "\${type,,}")
        ;;
      *) while IFS= read -r word; do candidates+=("$word"); done < <(_xenith_cli_params "$cmd") ;;
    esac
  fi
  local IFS=$'\\n'
  COMPREPLY=($(compgen -W "\${candidates[*]}" -- "$cur"))
  # Bash replaces only what follows the last '=' of the word: hand back that part.
  if [[ $cur == *=* && $COMP_WORDBREAKS == *=* ]]; then
    local prefix=\${cur%"\${cur##*=}"}
    COMPREPLY=("\${COMPREPLY[@]#"$prefix"}")
  fi
  # A parameter name ends in '=': the value follows without a space.
  [[ \${#COMPREPLY[@]} -eq 1 && \${COMPREPLY[0]} == *= ]] && compopt -o nospace 2>/dev/null
  return 0
}
complete -F _xenith_cli xenith-cli
`;
}

/** The zsh completion script: `source <(xenith-cli completion zsh)` after compinit, or saved as `_xenith-cli` in $fpath. */
export function zshCompletion(): string {
  const described = describeMethods().map((method) => quote(`${method.name}:${method.summary}`));
  const own = cliCommands.map((command) => quote(`${command}:xenith-cli ${command}`));
  return `#compdef xenith-cli
${header('zsh')}${shellData()}
_xenith_cli() {
  local cur=\${words[CURRENT]} cmd=\${words[2]}
  if (( CURRENT == 2 )); then
    local -a commands
    commands=(${[...described, ...own].join(' ')})
    _describe -t commands 'xenith-cli command' commands
    return
  fi
  if [[ $cur == -* ]]; then
    compadd -- ${optionNames.map(quote).join(' ')}
    return
  fi
  if [[ $cur == @=* ]]; then
    compset -P '@='
    _files
    return
  fi
  if [[ $cur == *=* ]]; then
    local param=\${cur%%=*}
    local -a values
    values=(\${(f)"$(_xenith_cli_values $cmd $param)"})
    compset -P '*='
    compadd -a values
    return
  fi
  local -a found
  case $cmd in
    token) (( CURRENT == 3 )) && compadd create list revoke ;;
    completion) compadd bash zsh ;;
    list-objects)
      local type=\${\${(M)words:#type=*}[1]#type=}
      found=(type= \${(f)"$(_xenith_cli_fields \${(L)type})"})
      compadd -S '' -a found
      ;;
    *)
      found=(\${(f)"$(_xenith_cli_params $cmd)"})
      compadd -S '' -a found
      ;;
  esac
}
if [[ \${zsh_eval_context[-1]} == loadautofunc ]]; then
  _xenith_cli "$@"
else
  compdef _xenith_cli xenith-cli
fi
`;
}
