/**
 * Sizing of the reliability suite. `npm test` runs the default counts; `npm run soak` sets
 * PIPEMUX_SOAK (a factor, 10 there) which multiplies every count and turns on the soak-only cases
 * (a 4 GiB line).
 */
const raw = Number(process.env['PIPEMUX_SOAK'] ?? '0');

/** Whether this is a soak run (PIPEMUX_SOAK set to a number >= 1). */
export const SOAK = Number.isFinite(raw) && raw >= 1;

/** What every count is multiplied by: 1 in `npm test`, PIPEMUX_SOAK in a soak run. */
export const SOAK_FACTOR = SOAK ? Math.floor(raw) : 1;

/** `count` runs, times the soak factor. */
export const runs = (count: number): number => count * SOAK_FACTOR;

/** A per-test timeout that grows with the soak factor. */
export const timeoutFor = (defaultMs: number): number => defaultMs * SOAK_FACTOR;
