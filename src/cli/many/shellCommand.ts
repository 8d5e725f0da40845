import { parse } from 'shell-quote';

// Words that are no program to exec: shell keywords and builtins that work on the shell itself.
const NOT_A_PROGRAM = new Set([
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'case',
  'esac',
  'for',
  'while',
  'until',
  'do',
  'done',
  'function',
  'select',
  'time',
  '{',
  '}',
  '!',
  '[[',
  'cd',
  'export',
  'set',
  'unset',
  'source',
  '.',
  'eval',
  'exec',
  'exit',
  'return',
  'trap',
  'alias',
  'read',
  'wait',
  'shift',
  'umask',
  'ulimit',
  'local',
  'readonly',
  'command',
  'builtin',
  // Builtins with no program of the same name to exec (`exec type ls` fails: not found).
  ':',
  'type',
  'hash',
  'getopts',
  'times',
  'break',
  'continue',
  'jobs',
  'fg',
  'bg',
  'disown',
  'let',
  'declare',
  'typeset',
  'shopt',
  'enable',
  'help',
  'history',
  'fc',
  'dirs',
  'pushd',
  'popd',
  'mapfile',
  'readarray',
  'caller',
  'coproc',
  'bind',
  'complete',
  'compgen',
  'logout',
  'suspend',
]);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/**
 * The line the shell runs for a command line: a single simple command (`npm run dev`, `sleep 30`)
 * gets `exec`, so the shell becomes the program and kill-others, Ctrl-C and the exit status reach
 * it instead of a shell that would leave it running (dash does not exec on its own). Anything else
 * (`a && b`, pipes, redirections, subshells, assignments, keywords, builtins, several lines) runs as written.
 */
export function shellLineOf(commandLine: string): string {
  // Several lines are several commands (shell-quote reads a newline as a space).
  if (/[\r\n]/.test(commandLine)) return commandLine;
  const words = parse(commandLine, (name) => `$${name}`);
  const first = words[0];
  if (typeof first !== 'string' || NOT_A_PROGRAM.has(first) || ASSIGNMENT.test(first)) return commandLine;
  const simple = words.every((word) => typeof word === 'string' || ('op' in word && word.op === 'glob') || 'comment' in word);
  return simple ? `exec ${commandLine}` : commandLine;
}
