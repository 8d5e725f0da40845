/** `pipemux replay …`: what the arguments ask for. */
export type ReplayArgs =
  { kind: 'help' } | { kind: 'usage-error'; message: string } | { kind: 'replay'; file: string; speed: number; html: string | undefined };

/** Reads `replay`'s arguments (those after the word `replay`). Pure. */
export function parseReplayArgs(argv: readonly string[]): ReplayArgs {
  let file: string | undefined;
  let speed = 1;
  let html: string | undefined;
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!;
    if (argument === '-h' || argument === '--help') return { kind: 'help' };
    const [flag, inlineValue] =
      argument.startsWith('--') && argument.includes('=')
        ? [argument.slice(0, argument.indexOf('=')), argument.slice(argument.indexOf('=') + 1)]
        : [argument, undefined];
    if (flag === '--speed' || flag === '--html') {
      const value = inlineValue ?? argv[++index];
      if (value === undefined || value === '') return usageError(`${flag} needs a value`);
      if (flag === '--html') html = value;
      else if (!(Number(value) > 0)) return usageError(`--speed takes a number > 0 (or Infinity), not ${JSON.stringify(value)}`);
      else speed = Number(value);
    } else if (argument.startsWith('-') && argument !== '-') return usageError(`unknown option ${flag} for replay`);
    else if (file !== undefined) return usageError(`replay takes one recording, not also ${JSON.stringify(argument)}`);
    else file = argument;
  }
  if (file === undefined || file === '') return usageError('replay needs a recording: pipemux replay FILE');
  return { kind: 'replay', file, speed, html };
}

function usageError(message: string): ReplayArgs {
  return { kind: 'usage-error', message };
}
