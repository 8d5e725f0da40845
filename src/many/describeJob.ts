const SAFE_ARGUMENT = /^[\w@%+=:,./-]+$/;

/** A job's command as one shell-like string, as pipemux's spawn events show it (for summaries and messages). */
export function describeJob(file: string, args: readonly string[]): string {
  return [file, ...args].map((part) => (SAFE_ARGUMENT.test(part) ? part : `'${part.replaceAll("'", `'\\''`)}'`)).join(' ');
}
