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
]);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/**
 * The line the shell runs for a command line: a single simple command (`npm run dev`, `sleep 30`)
 * gets `exec`, so the shell becomes the program and kill-others, Ctrl-C and the exit status reach
 * it instead of a shell that would leave it running (dash does not exec on its own). Anything else
 * (`a && b`, pipes, redirections, subshells, assignments, keywords) runs as written.
 */
export function shellLineOf(commandLine: string): string {
  const words = parse(commandLine, (name) => `$${name}`);
  const first = words[0];
  if (typeof first !== 'string' || NOT_A_PROGRAM.has(first) || ASSIGNMENT.test(first)) return commandLine;
  const simple = words.every((word) => typeof word === 'string' || ('op' in word && word.op === 'glob') || 'comment' in word);
  return simple ? `exec ${commandLine}` : commandLine;
}
