/** The text of `pipemux --hosts --help`. */
export const HOSTS_USAGE = `Usage: pipemux --hosts HOST,HOST,... [options] [--] '<command line>'
       pipemux --hosts-file FILE [options] [--] '<command line>'

Runs one command line on every host through OpenSSH (ssh -T, BatchMode=yes: no terminal, no
password prompts; your ~/.ssh/config applies) and passes its output on live, each line whole
and prefixed with its host: stdout lines to stdout, stderr lines to stderr. The line is run by
the host's /bin/sh (as with ssh host 'line'). Children on the same host share one connection.
At the end a summary table goes to stderr (one row per host); the exit status follows the
success rule. Stopping pipemux (Ctrl-C, a signal, --kill-others) stops the commands on the
hosts, not only the local ssh.

A host is host, user@host, host:port or [v6 address]:port.

Options:
      --hosts A,B,...          the hosts (repeatable)
      --hosts-file FILE        more hosts, one a line (# comments and blank lines skipped)
  -i, --identity FILE          the private key to use (only this key is offered)
  -o, --ssh-option NAME=VALUE  an OpenSSH option for every host (repeatable), e.g.
                               -o ConnectTimeout=10 -o StrictHostKeyChecking=accept-new
  -s, --success RULE           all (default), first, last, command-HOST, !command-HOST
  -k, --kill-others            stop the other commands when one ends
      --kill-others-on-fail    stop the other commands when one fails
      --kill-signal SIGNAL     the signal that stops them on their host (default SIGTERM)
      --kill-timeout MS        then SIGKILL after MS milliseconds (default 5000)
  -m, --max-processes N|N%     at most N hosts at a time, in order
      --restart-tries N        run a failed command again up to N times (negative: for ever)
      --restart-after MS|exponential
  -g, --group                  hold each host's lines and write them when its command ends
  -p, --prefix STYLE           name (default: [host]), index, pid, none, or a template
      --no-color               no colours on the prefixes
      --shell PATH             the shell that runs the line on the hosts (default /bin/sh)
  -h, --help                   show this help

The commands read no input (end of file at once).
Exit status: 0 when the success rule holds; otherwise the status of the command that made it
fail (its code, 128+n for signal n); 125 when ssh itself failed (a host unreachable, a key
refused, an unknown host key: see the summary); 1 when no command the rule needs finished;
2 usage error.
`;
