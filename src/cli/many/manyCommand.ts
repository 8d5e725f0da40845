import { USAGE_ERROR_STATUS } from '../exitStatus.js';
import { onProcessSignals } from '../processSignals.js';
import { MANY_USAGE } from './manyUsage.js';
import { parseManyArgs } from './parseManyArgs.js';
import { runManyCli } from './runManyCli.js';

/** `pipemux --many …`: the arguments after `--many`; resolves with the exit status for the bin entry to set. */
export async function runManyCommand(argv: readonly string[]): Promise<number> {
  const parsed = parseManyArgs(argv);
  switch (parsed.kind) {
    case 'help':
      process.stdout.write(MANY_USAGE);
      return 0;
    case 'usage-error':
      process.stderr.write(`pipemux: ${parsed.message}\nTry 'pipemux --many --help' for more information.\n`);
      return USAGE_ERROR_STATUS;
    case 'run':
      return runManyCli(parsed.settings, {
        stdin: process.stdin,
        stdout: process.stdout,
        stderr: process.stderr,
        onSignal: onProcessSignals,
      });
  }
}
