import { parseArgs as parseNodeArgs } from 'node:util';

const USAGE = `usage: node benchmarks/run.js [--quick] [--only 1,2,...] [--rounds N] [--save]
  --quick    tiny sizes, one round: a smoke test (speed is not judged)
  --only     run only these scenarios (by number)
  --rounds   override every scenario's number of rounds
  --save     write the tables into benchmarks/RESULTS.md (between its markers)`;

/** The benchmark runner's command line. */
export function parseArgs(argv) {
  const { values } = parseNodeArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      rounds: { type: 'string' },
      save: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const rounds = values.rounds === undefined ? undefined : Number(values.rounds);
  if (rounds !== undefined && !(Number.isInteger(rounds) && rounds > 0)) throw new Error(`--rounds must be a positive integer\n${USAGE}`);
  return {
    quick: values.quick,
    only: values.only?.split(',').map((id) => id.trim()),
    rounds,
    save: values.save,
  };
}
