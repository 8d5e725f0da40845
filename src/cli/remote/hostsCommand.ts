import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { USAGE_ERROR_STATUS } from '../exitStatus.js';
import { onProcessSignals } from '../processSignals.js';
import { runManyCli } from '../many/runManyCli.js';
import { HOSTS_USAGE } from './hostsUsage.js';
import { parseHostsArgs, type ParsedHostsArgs } from './parseHostsArgs.js';

/** `pipemux --hosts …` / `--hosts-file …`: resolves with the exit status for the bin entry to set. */
export async function runHostsCommand(argv: readonly string[]): Promise<number> {
  let parsed: ParsedHostsArgs = parseHostsArgs(argv);
  if (parsed.kind === 'read-hosts-file') {
    const { path, finish } = parsed;
    try {
      parsed = finish(await readFile(path, 'utf8'));
    } catch (error) {
      parsed = { kind: 'usage-error', message: `cannot read the hosts file ${path}: ${(error as Error).message}` };
    }
  }
  switch (parsed.kind) {
    case 'help':
      process.stdout.write(HOSTS_USAGE);
      return 0;
    case 'usage-error':
    case 'read-hosts-file':
      process.stderr.write(
        `pipemux: ${parsed.kind === 'usage-error' ? parsed.message : 'one hosts file only'}\nTry 'pipemux --hosts --help' for more information.\n`,
      );
      return USAGE_ERROR_STATUS;
    case 'run':
      return runManyCli(parsed.settings, {
        // The commands read no input: pdsh's and parallel's habit, and a terminal's keys stay ours.
        stdin: Readable.from([]),
        stdout: process.stdout,
        stderr: process.stderr,
        onSignal: onProcessSignals,
      });
  }
}
