#!/usr/bin/env node
/**
 * Composition root and process entry: reads the environment and the arguments, then hands a
 * validated Config to the command line. The only module besides config/ that reads process.env.
 */
import { runCli } from './cli/run-cli.js';

const exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
if (exitCode !== null) process.exitCode = exitCode;
