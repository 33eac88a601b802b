/** xenith-cli's entry: runs the command line and exits with its code once everything it opened is closed. */
import { runCli } from './main.js';

process.exitCode = await runCli(process.argv.slice(2));
