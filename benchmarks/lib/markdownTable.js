/** Renders a markdown table; `rows` are arrays of cells already formatted as text. */
export function markdownTable(headers, rows) {
  const escape = (cell) => String(cell ?? '').replaceAll('|', '\\|');
  const lines = [`| ${headers.map(escape).join(' | ')} |`, `|${headers.map(() => ' --- ').join('|')}|`];
  for (const row of rows) lines.push(`| ${row.map(escape).join(' | ')} |`);
  return lines.join('\n');
}
