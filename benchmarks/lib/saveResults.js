import { readFile, writeFile } from 'node:fs/promises';

const START = '<!-- results:start -->';
const END = '<!-- results:end -->';

/** Replaces the generated part of RESULTS.md (between its markers), keeping the findings written around it. */
export async function saveResults(path, report) {
  let text;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    text = `# Benchmark results\n\n${START}\n${END}\n`;
  }
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start === -1 || end < start) throw new Error(`${path} has no ${START} … ${END} markers`);
  await writeFile(path, `${text.slice(0, start + START.length)}\n${report}${text.slice(end)}`);
}
