#!/usr/bin/env node
/**
 * Composition root and process entry: reads the environment and the arguments, then hands a
 * validated Config to the command line. The only module besides config/ that reads process.env.
 */
import type { CliIo } from './cli/io.js';

const argv = process.argv.slice(2);
const io: CliIo = {
  env: process.env,
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};
// `call` needs only the SDK: loading the whole server for it would cost most of its run time.
const fastCall = argv[0] === 'call' && !argv.includes('--help') && !argv.includes('-h');
const exitCode = fastCall ? await (await import('./cli/call-command.js')).runCallCommand(argv.slice(1), io) : await (await import('./cli/run-cli.js')).runCli(argv, io);
if (exitCode !== null) process.exitCode = exitCode;
