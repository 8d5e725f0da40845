import type { ChildSummary, SummaryEvent } from '../../many/types.js';

const HEADERS = ['#', 'name', 'result', 'exit', 'time', 'restarts', 'command'];

/** The table printed at the end of `pipemux --many`: one row per command (as the user wrote it), in order. */
export function summaryTable(summary: SummaryEvent, commandLines: readonly string[]): string[] {
  const rows = summary.children.map((child) => [
    String(child.index),
    child.name,
    child.outcome,
    exitOf(child),
    timeOf(child),
    String(child.restarts),
    commandLines[child.index] ?? child.command,
  ]);
  const widths = HEADERS.map((header, column) => Math.max(header.length, ...rows.map((row) => row[column]!.length)));
  const render = (cells: string[]) => cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ');
  return [render(HEADERS), ...rows.map(render)];
}

/** One line saying how the run ended and why. */
export function verdictLine(summary: SummaryEvent): string {
  const killed = summary.killOthers === undefined ? '' : `; ${summary.killOthers.name} ended with ${summary.killOthers.reason}, the others were stopped`;
  if (summary.success) return `succeeded${killed}`;
  const culprit = summary.failedBy === undefined ? undefined : summary.children[summary.failedBy];
  const why = culprit === undefined ? 'no command the success rule needs finished' : `${culprit.name}: ${exitOf(culprit)}`;
  return `failed (${why})${killed}`;
}

function exitOf(child: ChildSummary): string {
  if (child.error !== undefined) return child.error.name;
  if (child.signal !== null) return child.signal;
  return child.code === null ? '-' : `code ${child.code}`;
}

function timeOf(child: ChildSummary): string {
  return child.attempts.some((attempt) => attempt.startedAt !== undefined) ? `${(child.durationMs / 1000).toFixed(3)}s` : '-';
}
