/** Median of the finite numbers in `values` (NaN when there are none). */
export function median(values) {
  return percentile(values, 50);
}

/** The `p`th percentile (nearest rank, 0-100) of the finite numbers in `values`. */
export function percentile(values, p) {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** The smallest and largest of the finite numbers in `values` (NaNs when there are none). */
export function range(values) {
  const finite = values.filter(Number.isFinite);
  return finite.length === 0 ? [NaN, NaN] : [Math.min(...finite), Math.max(...finite)];
}
