/** The text of `pipemux --many --help`. */
export const MANY_USAGE = `Usage: pipemux --many [options] [--] <command> [<command>...]

Runs several shell command lines at once and passes their output on live, each line whole and
prefixed with its command's name: stdout lines to stdout, stderr lines to stderr. A line on our
stdin "name:text" (or "index:text") goes to that command, any other line to the default target.
At the end a summary table goes to stderr; the exit status follows the success rule.

Options (named as concurrently's where they mean the same):
  -n, --names A,B,...          names of the commands, in order (default: their index)
  -s, --success RULE           all (default), first, last, command-NAME, !command-NAME
                               (NAME may be an index); commands stopped by --kill-others
                               never count as failures
  -k, --kill-others            stop the other commands when one ends
      --kill-others-on-fail    stop the other commands when one fails
      --kill-signal SIGNAL     the signal that stops them (default SIGTERM)
      --kill-timeout MS        then SIGKILL after MS milliseconds (default 5000)
  -m, --max-processes N|N%     at most N commands at a time (or N% of the CPUs), in order
      --restart-tries N        restart a failed command up to N times (negative: for ever)
      --restart-after MS|exponential
                               wait before each restart (exponential: 1 s, 2 s, 4 s, ...)
  -g, --group                  hold each command's lines and write them when it exits
  -p, --prefix STYLE           name (default), index, pid, none, or a template such as
                               '{name}|{pid}' ({name}, {index}, {pid})
      --no-color               no colours on the prefixes (default: a stable colour per
                               name, on a terminal only; NO_COLOR and FORCE_COLOR honoured;
                               there the commands get FORCE_COLOR=1 too)
      --default-input-target NAME
                               where input lines without a known "name:" go (default 0)
  -i, --handle-input           accepted for concurrently's sake: input is always routed
      --shell PATH             the shell that runs the command lines (default /bin/sh)
  -h, --help                   show this help

Exit status: 0 when the success rule holds; otherwise the status of the command that made it
fail (its code, 128+n for signal n); 1 when no command the rule needs finished; 2 usage error.
`;
