import type { Writable } from 'node:stream';

export const TEE_TARGETS = ['stdout', 'stderr', 'all'] as const;

/** Whether a value looks like a Node Writable (duck-typed, as stream libraries do). */
export function isWritable(value: unknown): value is Writable {
  const candidate = value as Writable | null;
  return typeof candidate === 'object' && candidate !== null && typeof candidate.write === 'function' && typeof candidate.on === 'function';
}

/** Explains what is wrong with one sink spec, or returns undefined when it is valid. */
export function checkSinkSpec(spec: unknown): string | undefined {
  if (typeof spec === 'string') return spec === '' ? 'a path must not be empty' : undefined;
  if (isWritable(spec)) return undefined;
  if (typeof spec !== 'object' || spec === null) return 'a sink must be a path, { path }, a Writable or { stream }';
  const record = spec as Record<string, unknown>;
  if ('stream' in record) {
    if (!isWritable(record['stream'])) return '{ stream } must hold a Writable';
    if (record['end'] !== undefined && typeof record['end'] !== 'boolean') return '{ end } must be a boolean';
    return undefined;
  }
  if (typeof record['path'] !== 'string' || record['path'] === '') return '{ path } must be a non-empty string';
  if (record['append'] !== undefined && typeof record['append'] !== 'boolean') return '{ append } must be a boolean';
  const mode = record['mode'];
  if (mode !== undefined && !(Number.isInteger(mode) && (mode as number) >= 0 && (mode as number) <= 0o7777))
    return '{ mode } must be permission bits such as 0o600';
  return undefined;
}

/** The check of the `tee` option as a whole (see `OPTION_CHECKS`). */
export function checkTeeOption(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'must be an object { stdout?, stderr?, all? }';
  for (const [target, specs] of Object.entries(value)) {
    if (!(TEE_TARGETS as readonly string[]).includes(target)) return `has an unknown key ${JSON.stringify(target)} (use stdout, stderr or all)`;
    if (specs === undefined) continue;
    for (const spec of Array.isArray(specs) ? specs : [specs]) {
      const problem = checkSinkSpec(spec);
      if (problem !== undefined) return `${target}: ${problem}`;
    }
  }
  return undefined;
}
