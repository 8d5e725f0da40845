const SAFE_ARGUMENT = /^[\w@%+=:,./-]+$/;

/** Renders a file and its arguments as one shell-like string for events and error messages. */
export function formatCommand(file: string, args: readonly string[]): string {
  return [file, ...args].map(quoteArgument).join(' ');
}

function quoteArgument(argument: string): string {
  if (SAFE_ARGUMENT.test(argument)) return argument;
  return `'${argument.replaceAll("'", `'\\''`)}'`;
}
