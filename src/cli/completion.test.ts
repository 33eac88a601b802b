import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { methodNames } from '../shared/api/contract.js';
import { bashCompletion, zshCompletion } from './completion.js';

const dir = mkdtempSync(join(tmpdir(), 'xenith-completion-'));
const script = join(dir, 'xenith-cli.bash');
writeFileSync(script, bashCompletion());

/**
 * What bash completes for a line typed up to its end: the script is sourced in a bash child, and the function
 * `complete -p` names is run as bash runs it (COMP_LINE and COMP_POINT set, COMPREPLY read back).
 */
function completeLine(line: string): string[] {
  const program = `
    source ${JSON.stringify(script)}
    spec=$(complete -p xenith-cli) || exit 3
    function=\${spec#*-F }; function=\${function%% *}
    COMP_LINE=$1; COMP_POINT=\${#COMP_LINE}; COMP_WORDS=($COMP_LINE); COMP_CWORD=\${#COMP_WORDS[@]}
    COMPREPLY=()
    "$function" xenith-cli
    printf '%s\\n' "\${COMPREPLY[@]}"`;
  return execFileSync('bash', ['--norc', '--noprofile', '-c', program, 'bash', line], { encoding: 'utf8' }).split('\n').filter(Boolean);
}

describe('bash completion, generated from the contract', () => {
  it('registers a completion function for xenith-cli', () => {
    expect(execFileSync('bash', ['--norc', '-c', `source ${JSON.stringify(script)}; complete -p xenith-cli`], { encoding: 'utf8' })).toMatch(/^complete -F _xenith_cli xenith-cli$/m);
  });

  it('completes method names and the CLI\'s own commands', () => {
    expect(completeLine('xenith-cli vm.po')).toEqual(['vm.power']);
    expect(completeLine('xenith-cli list-')).toEqual(['list-commands', 'list-objects']);
    expect(completeLine('xenith-cli ')).toEqual(expect.arrayContaining([...methodNames, 'register', 'watch']));
  });

  it("completes a method's parameters, then an enum's values after the '='", () => {
    expect(completeLine('xenith-cli vm.power ').sort()).toEqual(['operation=', 'vmIds=']);
    expect(completeLine('xenith-cli vm.power vmIds=x op')).toEqual(['operation=']);
    // Bash replaces only what follows the '=' (it splits words there), so the values come back bare.
    expect(completeLine('xenith-cli vm.power operation=clean_')).toEqual(['clean_shutdown', 'clean_reboot']);
    expect(completeLine('xenith-cli vm.power operation=').length).toBe(9);
    expect(completeLine('xenith-cli pool.add save=')).toEqual(['true', 'false']);
    expect(completeLine('xenith-cli vmss.create type=snap')).toEqual(['snapshot', 'snapshot_with_quiesce']);
  });

  it('offers @= on the methods that move a file, then completes file names after it', () => {
    expect(completeLine('xenith-cli vm.exportFile ')).toContain('@=');
    expect(completeLine('xenith-cli vm.importFile ')).toContain('@=');
    expect(completeLine('xenith-cli vm.power ')).not.toContain('@=');
    writeFileSync(join(dir, 'web-01.xva'), '');
    // Bash replaces what follows the '=': the path comes back without the '@='.
    expect(completeLine(`xenith-cli vm.importFile @=${join(dir, 'web')}`)).toEqual([join(dir, 'web-01.xva')]);
  });

  it('completes list-objects types and the fields of the type chosen', () => {
    expect(completeLine('xenith-cli list-objects type=VM-')).toEqual(['VM-template', 'VM-snapshot', 'VM-controller']);
    expect(completeLine('xenith-cli list-objects type=VM power_')).toEqual(['power_state=']);
    expect(completeLine('xenith-cli list-objects type=host enab')).toEqual(['enabled=']);
  });

  it('completes options and the token sub-commands', () => {
    expect(completeLine('xenith-cli vm.power --wa')).toEqual(['--wait']);
    expect(completeLine('xenith-cli token ').sort()).toEqual(['create', 'list', 'revoke']);
  });
});

describe('zsh completion', () => {
  it('names the same methods and registers itself with compdef', () => {
    const text = zshCompletion();
    expect(text.startsWith('#compdef xenith-cli\n')).toBe(true);
    for (const name of methodNames) expect(text).toContain(`'${name}:`);
    expect(text).toContain('compdef _xenith_cli xenith-cli');
  });
});
