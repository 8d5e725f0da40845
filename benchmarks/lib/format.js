/** Number formatting for the tables: a few significant digits, units in the column headers. */

export function formatNumber(value, digits = 1) {
  if (value === undefined || Number.isNaN(value)) return '—';
  if (!Number.isFinite(value)) return '∞';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function formatRatio(value) {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : '—';
}

/** Millions of lines per second, the unit that keeps line rates readable. */
export function formatLineRate(linesPerSecond) {
  return `${formatNumber(linesPerSecond / 1e6, 2)} M`;
}

export function formatBytes(bytes) {
  if (bytes >= 2 ** 30 && bytes % 2 ** 30 === 0) return `${bytes / 2 ** 30} GiB`;
  if (bytes >= 2 ** 20 && bytes % 2 ** 20 === 0) return `${bytes / 2 ** 20} MiB`;
  if (bytes >= 2 ** 10 && bytes % 2 ** 10 === 0) return `${bytes / 2 ** 10} KiB`;
  return `${bytes} B`;
}

/** A median with the spread beside it: `0.92× (0.85–0.97)`, the range over rounds. */
export function formatWithRange(median, [min, max], format) {
  if (!Number.isFinite(median)) return format(median);
  return min === max ? format(median) : `${format(median)} (${format(min)}–${format(max)})`;
}
