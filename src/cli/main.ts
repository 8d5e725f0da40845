#!/usr/bin/env node
// The `pipemux` command: the only file that touches process.argv and process.exitCode.
import { readFile } from 'node:fs/promises';
import { parseArgs } from './parseArgs.js';
import { runCli, type CliIo } from './runCli.js';
import { runReplayCommand } from './replayCommand.js';
import { USAGE } from './usage.js';
import { onProcessSignals } from './processSignals.js';
import { USAGE_ERROR_STATUS } from './exitStatus.js';
import { runManyCommand } from './many/manyCommand.js';
import { runHostsCommand } from './remote/hostsCommand.js';

async function main(): Promise<number> {
  // `pipemux --many …` runs several commands (src/cli/many/); `--many` must come first.
  if (process.argv[2] === '--many') return runManyCommand(process.argv.slice(3));
  if (process.argv[2] === 'replay') return runReplayCommand(process.argv.slice(3), processIo());
  // `pipemux --hosts a,b 'line'` runs one command line on several hosts (src/cli/remote/).
  if (/^--hosts(-file)?(=|$)/.test(process.argv[2] ?? '')) return runHostsCommand(process.argv.slice(2));
  const parsed = parseArgs(process.argv.slice(2));
  switch (parsed.kind) {
    case 'help':
      process.stdout.write(USAGE);
      return 0;
    case 'version': {
      const manifest = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
      process.stdout.write(`${manifest.version}\n`);
      return 0;
    }
    case 'usage-error':
      process.stderr.write(`pipemux: ${parsed.message}\nTry 'pipemux --help' for more information.\n`);
      return USAGE_ERROR_STATUS;
    case 'run':
      return runCli(parsed.settings, processIo());
  }
}

function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    onSignal: onProcessSignals,
  };
}

// exitCode (not exit()) lets stdout and stderr flush what they still hold.
process.exitCode = await main();
