import { SSH_VARIABLE } from './sshArgs.js';

// OpenSSH options pipemux sets itself (lower case: ssh reads option names case-insensitively).
const OWN_SSH_OPTIONS = new Set([
  'batchmode',
  'controlmaster',
  'controlpath',
  'controlpersist',
  'requesttty',
  'remotecommand',
  'sessiontype',
  'stdinnull',
  'forkafterauthentication',
]);
const FIELDS = new Set(['host', 'user', 'port', 'identity', 'sshOptions', 'maxSessions']);
// No spaces or control characters, and no leading '-': ssh would read `-oProxyCommand=…` as an option.
// eslint-disable-next-line no-control-regex -- the control characters are what the pattern rejects
const SSH_WORD = /^[^\s\x00-\x1f\x7f-][^\s\x00-\x1f\x7f]*$/;
// eslint-disable-next-line no-control-regex -- the control characters are what the pattern finds (to reject them)
const CONTROL_CHARACTER = /[\x00-\x1f]/;
const OPTION_NAME = /^[A-Za-z][A-Za-z0-9]*$/;

/** The check of the `remote` option for `options.ts`: a message saying what is wrong, or undefined. */
export function checkRemoteOption(value: unknown): string | undefined {
  if (!isPlainObject(value)) return 'must be a plain object { host, user?, port?, identity?, sshOptions?, maxSessions? }';
  const given = value;
  const unknown = Object.keys(given).find((key) => !FIELDS.has(key) && given[key] !== undefined);
  if (unknown !== undefined) return `has an unknown field ${JSON.stringify(unknown)} (known: ${[...FIELDS].join(', ')})`;
  const { host, user, port, identity, sshOptions, maxSessions } = given;
  if (typeof host !== 'string' || !SSH_WORD.test(host)) return 'host must be a non-empty string without spaces or control characters, not starting with "-"';
  if (user !== undefined && (typeof user !== 'string' || !SSH_WORD.test(user)))
    return 'user must be a non-empty string without spaces or control characters, not starting with "-"';
  if (port !== undefined && !(Number.isInteger(port) && (port as number) >= 1 && (port as number) <= 65535)) return 'port must be an integer from 1 to 65535';
  if (identity !== undefined) {
    const problem = checkIdentity(identity);
    if (problem !== undefined) return problem;
  }
  if (maxSessions !== undefined && !(Number.isInteger(maxSessions) && (maxSessions as number) >= 1 && (maxSessions as number) <= 1000))
    return 'maxSessions must be an integer from 1 to 1000';
  if (sshOptions === undefined) return undefined;
  if (!isPlainObject(sshOptions)) return 'sshOptions must be a plain object such as { ConnectTimeout: 10 }';
  const problem = checkSshOptions(sshOptions);
  return problem === undefined ? undefined : `sshOptions: ${problem}`;
}

/** The check of `remote.identity` (also for `pipemux --hosts -i`): a message saying what is wrong, or undefined. */
export function checkIdentity(identity: unknown): string | undefined {
  if (typeof identity !== 'string' || identity === '' || CONTROL_CHARACTER.test(identity)) return 'identity must be the path of a key file';
  if (identity.includes(SSH_VARIABLE)) return `identity cannot hold "${SSH_VARIABLE}": ssh would expand it as an environment variable (no escape exists)`;
  return undefined;
}

/** The check of the entries of `remote.sshOptions` (also for `pipemux --hosts -o`): a message naming the wrong option, or undefined. */
export function checkSshOptions(options: Record<string, unknown>): string | undefined {
  for (const [name, value] of Object.entries(options)) {
    if (!OPTION_NAME.test(name)) return `${JSON.stringify(name)} is not an OpenSSH option name`;
    if (OWN_SSH_OPTIONS.has(name.toLowerCase())) return `${name} is set by pipemux`;
    const text =
      typeof value === 'string' ? value : typeof value === 'number' && Number.isFinite(value) ? String(value) : typeof value === 'boolean' ? 'yes' : undefined;
    if (text === undefined || text === '' || CONTROL_CHARACTER.test(text))
      return `${name} must be a non-empty string, a number or a boolean without control characters`;
  }
  return undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
