const SAFE_ARGUMENT = /^[\w@%+=:,./-]+$/;

/** Longest command text kept in events and messages: an argument list of 60 MB must not become a 60 MB message. */
export const MAX_COMMAND_TEXT = 2048;

/**
 * Renders a file and its arguments as one shell-like string for events and error messages. Past
 * {@link MAX_COMMAND_TEXT} characters it is cut, saying about how many characters were left out
 * (counted unquoted); what lies beyond the cut is never quoted or joined.
 */
export function formatCommand(file: string, args: readonly string[]): string {
  const words = [file, ...args];
  let text = '';
  for (let i = 0; i < words.length; i++) {
    // Quoting only the part that can be shown: a 60 MB argument is not copied to keep 2 KB of it.
    const word = (i === 0 ? '' : ' ') + quoteArgument(words[i]!.slice(0, MAX_COMMAND_TEXT));
    if (text.length + word.length <= MAX_COMMAND_TEXT) {
      text += word;
      continue;
    }
    const kept = MAX_COMMAND_TEXT - text.length;
    const rest = words.slice(i).reduce((sum, w, j) => sum + w.length + (i + j === 0 ? 0 : 1), 0);
    return `${text}${word.slice(0, kept)}… [${Math.max(1, rest - kept).toLocaleString('en-US')} more characters]`;
  }
  return text;
}

function quoteArgument(argument: string): string {
  if (SAFE_ARGUMENT.test(argument)) return argument;
  return `'${argument.replaceAll("'", `'\\''`)}'`;
}
