import { shellWords } from './shellWords.js';

/** How the records of the remote wrapper start: a record separator byte and a marker, then the run's nonce. */
export const RECORD_MARK = '\x1epmx';

/**
 * The POSIX sh script that runs the command on the host. It is the session leader sshd made, so its
 * pid is the id of the process group that a kill ends as a whole. Arguments: the inner script
 * below, the nonce, the signal to survive, the directory (or ''), 1 for line buffering, then
 * NAME=value (export) or NAME (unset) words up to `--`, then the command and its arguments. It
 * reports on the command's stderr, in records pipemux takes out: `nocwd`, `notfound`, `notexec`
 * (looked up as execvp would), else `exit STATUS` once the command ended. Its own messages (a
 * shell's "Terminated" for a killed command) go to /dev/null; it survives the kill signal sent to
 * the group, to report the status (the command gets the signal's default action).
 * No single quotes in it: quoted as one word, it stays readable in `ps`.
 */
const WRAPPER = `exec 3>&2 2>/dev/null
i=$1 n=$2 s=$3 d=$4 b=$5
shift 5
[ "$s" = KILL ] || command trap : "$s"
while [ "$1" != -- ]; do case $1 in *=*) export "$1";; *) unset "$1";; esac; shift; done
shift
if [ -n "$d" ]; then cd -- "$d" || { printf "\\036pmx%s nocwd\\n" "$n" >&3; exit 1; }; fi
p=
case $1 in
*/*) p=$1;;
*) set -f; IFS=:; for d in $PATH; do if [ -f "\${d:-.}/$1" ]; then p=\${d:-.}/$1; [ -x "$p" ] && break; fi; done; unset IFS; set +f;;
esac
[ -n "$p" ] && [ -e "$p" ] || { printf "\\036pmx%s notfound\\n" "$n" >&3; exit 127; }
[ -x "$p" ] && [ ! -d "$p" ] || { printf "\\036pmx%s notexec\\n" "$n" >&3; exit 126; }
l=-
if [ "$b" = 1 ]; then export PYTHONUNBUFFERED=1; l=p; if command -v stdbuf >/dev/null; then set -- stdbuf -oL "$@"; l=s; fi; fi
f=
for i2 in 0 1 3; do
if [ -t $i2 ]; then f=\${f}t
elif [ -p /dev/fd/$i2 ]; then f=\${f}p
elif [ -S /dev/fd/$i2 ]; then f=\${f}s
elif [ -f /dev/fd/$i2 ]; then f=\${f}f
elif [ /dev/fd/$i2 -ef /dev/null ]; then f=\${f}n
elif [ -e /dev/fd/$i2 ]; then f=\${f}u
else f=\${f}-; fi
done
c=0
true </dev/tty && c=1
/bin/sh -c "$i" sh "$n" $$ "$f" $c $l "$@"
r=$?
printf "\\036pmx%s exit %s\\n" "$n" $r >&3
exit $r`;

/**
 * Run by the wrapper in the foreground: reports `start PID PGID FDS CTTY LB` (its own pid, which
 * the command keeps) and execs the command, stderr back on fd 2, fd 3 closed. A shell cannot tell
 * the pid of its foreground child otherwise.
 */
const INNER = `n=$1 g=$2 f=$3 c=$4 l=$5
shift 5
printf "\\036pmx%s start %s %s %s %s %s\\n" "$n" $$ $g "$f" $c $l >&3
exec "$@" 2>&3 3>&-`;

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
  const words = [
    '/bin/sh',
    '-c',
    WRAPPER,
    'pipemux',
    INNER,
    call.nonce,
    call.survive,
    call.cwd,
    call.lineBuffered ? '1' : '0',
    ...call.env,
    '--',
    ...call.argv,
  ];
  return `exec ${shellWords(words)}`;
}
