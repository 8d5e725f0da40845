import { shellWords } from './shellWords.js';

/** How the records of the remote wrapper start: a record separator byte and a marker, then the run's nonce. */
export const RECORD_MARK = '\x1epmx';

/**
 * The POSIX sh script that runs the command on the host. Arguments: nonce, the signal to survive,
 * the directory (or ''), 1 for line buffering, then NAME=value (export) or NAME (unset) words up to
 * `--`, then the command and its arguments. It is the session leader sshd made (so its pid is the
 * process group's id), and reports on the command's stderr, in records pipemux takes out:
 * `start PID FDS CTTY LB` before the command runs, `exit STATUS` after it, or `nocwd` / `notfound`.
 * Its own messages (a shell's "Terminated" for a killed command) go to /dev/null; it survives the
 * kill signal sent to the group to report the status, and the command gets the signal's default action.
 * No single quotes in it: quoted as one word, it stays readable in `ps`.
 */
const WRAPPER = `exec 3>&2 2>/dev/null
n=$1 s=$2 d=$3 b=$4
shift 4
[ "$s" = KILL ] || command trap : "$s"
while [ "$1" != -- ]; do case $1 in *=*) export "$1";; *) unset "$1";; esac; shift; done
shift
if [ -n "$d" ]; then cd -- "$d" || { printf "\\036pmx%s nocwd\\n" "$n" >&3; exit 1; }; fi
command -v "$1" >/dev/null || { printf "\\036pmx%s notfound\\n" "$n" >&3; exit 127; }
l=-
if [ "$b" = 1 ]; then export PYTHONUNBUFFERED=1; l=p; if command -v stdbuf >/dev/null; then set -- stdbuf -oL -eL "$@"; l=s; fi; fi
f=
for i in 0 1 3; do
if [ -t $i ]; then f=\${f}t
elif [ -p /dev/fd/$i ]; then f=\${f}p
elif [ -S /dev/fd/$i ]; then f=\${f}s
elif [ -f /dev/fd/$i ]; then f=\${f}f
elif [ /dev/fd/$i -ef /dev/null ]; then f=\${f}n
elif [ -e /dev/fd/$i ]; then f=\${f}u
else f=\${f}-; fi
done
c=0
true </dev/tty && c=1
printf "\\036pmx%s start %s %s %s %s\\n" "$n" $$ "$f" $c $l >&3
"$@" 2>&3 3>&-
r=$?
printf "\\036pmx%s exit %s\\n" "$n" $r >&3
exit $r`;

/** What the wrapper is told for one run. */
export interface WrapperCall {
  nonce: string;
  /** The kill signal's name without `SIG` (`TERM`): the wrapper survives it to report the status. */
  survive: string;
  /** Directory on the host ('' for the login directory). */
  cwd: string;
  lineBuffered: boolean;
  /** Variables to set (`NAME=value`) or to remove (`NAME`). */
  env: readonly string[];
  /** The command and its arguments, as they must arrive. */
  argv: readonly string[];
}

/** The command line ssh sends (the login shell reads it): `exec /bin/sh -c WRAPPER …`, every word quoted. */
export function remoteCommandLine(call: WrapperCall): string {
  const words = ['/bin/sh', '-c', WRAPPER, 'pipemux', call.nonce, call.survive, call.cwd, call.lineBuffered ? '1' : '0', ...call.env, '--', ...call.argv];
  return `exec ${shellWords(words)}`;
}
