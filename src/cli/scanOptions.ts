/** One option before the command: a switch (no `value`), or a flag with its value. */
export interface ScannedOption {
  flag: string;
  value?: string;
}

/** What the options before the command say: the options and the words after them, or help, or a usage error. */
export type OptionScan =
  { kind: 'options'; options: ScannedOption[]; rest: string[] } | { kind: 'help' } | { kind: 'stop'; flag: string } | { kind: 'usage-error'; message: string };

/** How a command reads its flags. */
export interface OptionGrammar {
  /** `true`: the flag takes a value; `false`: a switch; `undefined`: no such flag. */
  takesValue(flag: string): boolean | undefined;
  /** The usage error for a flag that `takesValue` does not know. */
  unknown(flag: string): string;
  /** Flags that end the reading at once, whatever follows (`--version`). */
  stopAt?: readonly string[];
}

/**
 * Reads the options before the command, the way every `pipemux` mode does: `--flag value` or
 * `--flag=value` for a flag that takes a value, `--switch` alone; `-h`/`--help` asks for help; the
 * options end at `--` (dropped), at `-`, or at the first word that is no option.
 */
export function scanOptions(argv: readonly string[], grammar: OptionGrammar): OptionScan {
  const options: ScannedOption[] = [];
  let index = 0;
  while (index < argv.length) {
    const argument = argv[index]!;
    if (argument === '--') {
      index++;
      break;
    }
    if (!argument.startsWith('-') || argument === '-') break;
    if (argument === '-h' || argument === '--help') return { kind: 'help' };
    if (grammar.stopAt?.includes(argument) === true) return { kind: 'stop', flag: argument };
    const equals = argument.indexOf('=');
    const flag = equals === -1 ? argument : argument.slice(0, equals);
    if (flag === '--help' || grammar.stopAt?.includes(flag) === true) return { kind: 'usage-error', message: `${flag} takes no value` };
    const takesValue = grammar.takesValue(flag);
    if (takesValue === undefined) return { kind: 'usage-error', message: grammar.unknown(flag) };
    if (!takesValue) {
      if (equals !== -1) return { kind: 'usage-error', message: `${flag} takes no value` };
      options.push({ flag });
      index++;
      continue;
    }
    const value = equals === -1 ? argv[index + 1] : argument.slice(equals + 1);
    if (value === undefined) return { kind: 'usage-error', message: `${flag} needs a value` };
    options.push({ flag, value });
    index += equals === -1 ? 2 : 1;
  }
  return { kind: 'options', options, rest: argv.slice(index) };
}
