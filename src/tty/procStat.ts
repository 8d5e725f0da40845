/** The fields of `/proc/<pid>/stat` that the tty report needs. */
export interface ProcStat {
  /** Field 3: `R`, `S`, `D`, `Z` (zombie: exited, not yet reaped), `X` (dead), … */
  state: string;
  /** Field 7: device number of the controlling terminal; 0 when there is none. */
  ttyNr: number;
  /** Field 9: the kernel's PF_* flags of the (main thread of the) process. */
  flags: number;
}

// include/linux/sched.h: set at the start of exit, before the process's fds are closed; never cleared.
const PF_EXITING = 0x4;

/**
 * Parses `/proc/<pid>/stat`. Field 2 is the command name in parentheses and may itself contain
 * spaces and `)`, so the other fields are counted from the last `)`.
 * @returns undefined when the text is not in that format.
 */
export function parseProcStat(text: string): ProcStat | undefined {
  const end = text.lastIndexOf(')');
  if (end < 0) return undefined;
  // fields[0] is field 3 (state), so field 7 (tty_nr) is fields[4] and field 9 (flags) fields[6].
  const fields = text
    .slice(end + 1)
    .trim()
    .split(/\s+/);
  const state = fields[0];
  const ttyNr = Number(fields[4]);
  const flags = Number(fields[6]);
  if (state === undefined || state === '' || !Number.isInteger(ttyNr) || !Number.isInteger(flags)) return undefined;
  return { state, ttyNr, flags };
}

/**
 * Whether the process is exiting or has exited: its fds are closed or about to be, whatever /proc
 * still lists. Exiting is set before the fds close, so a process that is not exiting when this is
 * read had all its fds when they were read before.
 */
export function isExiting(stat: ProcStat): boolean {
  return stat.state === 'Z' || stat.state === 'X' || stat.state === 'x' || (stat.flags & PF_EXITING) !== 0;
}
