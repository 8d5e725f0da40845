// The demo's child: a few lines on stdout and stderr, paced so you can watch them arrive.
const steps = [
  ['stdout', 'compiling main.c'],
  ['stdout', 'compiling util.c'],
  ['stderr', "util.c:12: warning: unused variable 'x'"],
  ['stdout', 'linking app'],
  ['stderr', 'ld: warning: deprecated option'],
  ['stdout', `my stdout is ${process.stdout.isTTY ? '' : 'not '}a terminal, so tools drop colours and progress bars`],
  ['stdout', 'done'],
];
steps.forEach(([stream, text], index) => setTimeout(() => process[stream].write(`${text}\n`), 250 * (index + 1)));
