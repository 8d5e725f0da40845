/** The text of `pipemux --help`. */
export const USAGE = `Usage: pipemux [options] [--] <command> [args...]
       pipemux --many [options] <command line> <command line>...   (see pipemux --many --help)
       pipemux replay FILE [--speed N] [--html OUT.html]   (see pipemux replay --help)
       pipemux --hosts HOST,HOST,... [options] '<command line>'      (see pipemux --hosts --help)

Runs <command> with piped stdio (no pseudo-terminal, no shell) and passes its output on live:
stdout lines to stdout, stderr lines to stderr, each line whole. An unfinished line (a prompt,
a progress step) is shown after 100 ms. The exit status is the command's (128+n if it died of
signal n).

Options:
  --chunks                  pass output through in raw chunks (default: whole lines)
  --whole-lines             never show an unfinished line before its newline (for scripts)
  --stdout pipe|inherit|ignore
  --stderr pipe|inherit|ignore
                            where the command's stream goes: through pipemux (pipe, the
                            default), straight to the terminal (inherit: for an interface
                            drawn on it, such as fzf's on stderr), or nowhere (ignore)
  --line-buffered           make C stdio programs (grep, sed, find) and Python write each line
                            at once instead of in 4 KiB blocks (stdbuf's library, PYTHONUNBUFFERED)
  --prefix-stdout TEXT      put TEXT before every stdout line (every chunk with --chunks)
  --prefix-stderr TEXT      put TEXT before every stderr line, e.g. --prefix-stderr 'E: '
  --timestamps              put the time since start before every line (chunk with --chunks)
  --tee-stdout FILE         also copy stdout, byte for byte, to FILE (repeatable)
  --tee-stderr FILE         also copy stderr to FILE (repeatable)
  --tee FILE                also copy both streams, interleaved, to FILE (repeatable)
  --append                  append to tee files instead of truncating them
  --fifo                    give the command a named pipe as stdin and print
                            'pipemux: fifo <path>' to stderr before its output;
                            write into it from anywhere: echo hi > <path>
  --fifo-path-file FILE     also write the FIFO's path into FILE (for scripts; mode 0600,
                            removed on exit; use a private dir such as "$XDG_RUNTIME_DIR")
  --tty-report              print what the command sees on fds 0-2 (to stderr)
  --json                    with --tty-report: print it as one JSON line
  --color auto|always|never ask the command for colours (always) or none (never)
  --max-line-length BYTES   longer lines are passed on in pieces (default 16 MiB)
  --kill-tree               a signal passed on reaches every process the command
                            started; what still runs 5 s later, or when pipemux
                            ends (a second signal, a failure), is killed
  --record FILE             also record the run as an asciicast (stdout, stderr
                            and exit status apart); play it: pipemux replay FILE
  --record-format v2|v3     asciicast version of --record (default v3)
  -h, --help                show this help
  --version                 show the version

Without --fifo the command reads pipemux's own stdin.
Signals: Ctrl-C at the terminal reaches the command once (it shares pipemux's process group);
INT, TERM or HUP sent to pipemux alone is passed on; a second signal kills the command (SIGKILL).
Exit status: the command's; 127 command not found; 126 not executable; 2 usage error;
141 our stdout or stderr was closed (| head); 128+n ended by signal n;
125 another failure of pipemux itself (bad tee file, bad directory, FIFO error).
`;
