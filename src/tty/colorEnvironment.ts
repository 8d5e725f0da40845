import type { ColorPolicy } from '../types.js';

/**
 * The environment variables a colour policy sets on top of the `env` option; `undefined` removes a
 * variable from the child's environment (Node leaves out keys whose value is undefined).
 * `'auto'` changes nothing. `TERM` is never touched: it describes the terminal, not a wish.
 */
export function colorEnvironment(policy: ColorPolicy | undefined): Record<string, string | undefined> | undefined {
  switch (policy) {
    case 'always':
      return { FORCE_COLOR: '1', CLICOLOR_FORCE: '1', NO_COLOR: undefined };
    case 'never':
      return { NO_COLOR: '1', FORCE_COLOR: undefined, CLICOLOR_FORCE: undefined };
    default:
      return undefined;
  }
}
