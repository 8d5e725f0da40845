import { readFile } from 'node:fs/promises';

/** A recording's lines parsed as JSON: the header, then the events. */
export async function readRecording(path: string): Promise<{ header: Record<string, unknown>; events: [number, string, string][] }> {
  const text = await readFile(path, 'utf8');
  const [header, ...events] = text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as unknown);
  return { header: header as Record<string, unknown>, events: events as [number, string, string][] };
}

/** write-chunks.mjs / answer-then-write.mjs argument for a piece: `out:<hex>` or `err:<hex>`. */
export const piece = (stream: 'out' | 'err', bytes: string | Buffer) => `${stream}:${Buffer.from(bytes).toString('hex')}`;
