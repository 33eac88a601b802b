import { isMethodName } from '../shared/api/contract.js';
import { parseArgv } from './argv.js';
import { callMethod } from './call-command.js';
import { bashCompletion, zshCompletion } from './completion.js';
import { CallFailedError, ExitCode, UsageError } from './exit-codes.js';
import { generalHelp, methodHelp } from './help.js';
import { listCommands } from './list-commands.js';
import { listObjects } from './list-objects.js';
import { register, unregister } from './register.js';
import { tokenCommand } from './token-command.js';
import { cliVersion } from './version.js';
import { watch } from './watch.js';

/** Runs one command line and returns its exit code (0 ok, 1 the call failed, 2 usage). */
export async function runCli(args: readonly string[]): Promise<number> {
  try {
    const argv = parseArgv(args);
    const [command] = argv.words;
    if (argv.options.version) {
      process.stdout.write(`${cliVersion()}\n`);
      return ExitCode.ok;
    }
    if (!command || command === 'help' || (argv.options.help && !isMethodName(command))) {
      process.stdout.write(generalHelp);
      return command || argv.options.help ? ExitCode.ok : ExitCode.usage;
    }
    const noParams = () => {
      if (argv.params.length > 0) throw new UsageError(`${command} takes no name=value parameters.`);
    };
    switch (command) {
      case 'register':
        noParams();
        return await register(argv.words.slice(1), argv.options);
      case 'unregister':
        noParams();
        return await unregister();
      case 'list-commands':
        return listCommands(argv);
      case 'list-objects':
        return await listObjects(argv);
      case 'watch':
        noParams();
        return await watch(argv);
      case 'token':
        noParams();
        return await tokenCommand(argv);
      case 'completion': {
        const shell = argv.words[1];
        if (shell !== 'bash' && shell !== 'zsh') throw new UsageError('Usage: xenith-cli completion bash|zsh');
        process.stdout.write(shell === 'bash' ? bashCompletion() : zshCompletion());
        return ExitCode.ok;
      }
    }
    if (!isMethodName(command)) throw new UsageError(`There is no command or method called ${command}. See xenith-cli list-commands.`);
    if (argv.options.help) {
      process.stdout.write(methodHelp(command));
      return ExitCode.ok;
    }
    if (argv.words.length > 1) throw new UsageError(`Parameters are name=value: ${argv.words[1]} is not. See xenith-cli ${command} --help.`);
    return await callMethod(command, argv);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`xenith-cli: ${error.message}\n`);
      return ExitCode.usage;
    }
    if (error instanceof CallFailedError) {
      process.stderr.write(`${error.code}: ${error.message}\n`);
      // The server refusing an input is still a usage mistake (a server newer than this CLI, say).
      return error.code === 'VALIDATION' ? ExitCode.usage : ExitCode.failed;
    }
    process.stderr.write(`xenith-cli: ${error instanceof Error ? error.message : String(error)}\n`);
    return ExitCode.failed;
  }
}
