/**
 * The order of a scenario's subjects in each round: a balanced Latin square (Williams design).
 * Over a full cycle of rounds, every subject runs first (and in every other place) equally often,
 * and runs right after every other subject equally often, so what one subject leaves behind (a
 * warm page cache, tmpfs pages just freed, a busy CPU) weighs on every subject alike.
 */

/** How many rounds make one full cycle for `count` subjects (the square's rows: n when even, 2n when odd). */
export const cycleLength = (count) => (count <= 1 ? 1 : count % 2 === 0 ? count : 2 * count);

/** The subject indices in the order they run in `round` (0-based). */
export function balancedOrder(count, round) {
  if (count <= 1) return count === 1 ? [0] : [];
  // First row: 0, 1, n-1, 2, n-2, …; row r adds r to each (mod n); odd n needs the mirrored rows too.
  const first = [0];
  for (let step = 1; first.length < count; step++) {
    first.push(step);
    if (first.length < count) first.push(count - step);
  }
  const row = round % cycleLength(count);
  const shifted = first.map((index) => (index + row) % count);
  return row < count ? shifted : shifted.reverse();
}
