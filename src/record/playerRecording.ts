/** A recording as asciinema-player's custom parsers return it (times in ms), plus how the program ended. */
export interface PlayerRecording {
  cols: number;
  rows: number;
  events: [number, string, string][];
  /** The `x` status, or undefined when the recording has none. */
  exitStatus: string | undefined;
  /** The signal that ended the program (pipemux's tag), or undefined. */
  signal: string | undefined;
}

/**
 * Turns asciicast v2/v3 text into what asciinema-player plays, with pipemux's stderr output in red
 * (SGR 31 … 39) and its tags left out. It runs in the HTML view's page (injected with
 * `toString()`), so it is self-contained: no imports, no outer names. The recording was checked
 * before the page was made.
 */
export function toPlayerRecording(text: string): PlayerRecording {
  const lines = text.split('\n');
  // v3 gives the size in `term`, v2 in `width` and `height`.
  const header = JSON.parse(lines[0]!.replace(/^\uFEFF/, '')) as {
    version: number;
    pipemux?: unknown;
    term?: { cols: number; rows: number };
    width?: number;
    height?: number;
  };
  const isV3 = header.version === 3;
  // Only pipemux's own recordings (header field "pipemux") have tags.
  const hasTags = typeof header.pipemux === 'object' && header.pipemux !== null;
  const events: [number, string, string][] = [];
  let micros = 0;
  let stderrNext = false;
  let exitStatus: string | undefined;
  let signal: string | undefined;
  for (const line of lines.slice(1)) {
    if (!line.startsWith('[')) continue;
    const [time, code, data] = JSON.parse(line) as [number, string, string];
    micros = isV3 ? micros + Math.round(time * 1e6) : Math.round(time * 1e6);
    const isStderr = stderrNext;
    stderrNext = false;
    if (hasTags && code === 'e') {
      if (data === 'stderr') stderrNext = true;
      else if (data.startsWith('signal ')) signal = data.slice('signal '.length);
    } else if (code === 'x') exitStatus = data;
    else events.push([micros / 1000, code, code === 'o' && isStderr ? `\u001b[31m${data}\u001b[39m` : data]);
  }
  // The player refuses a recording without events (a program that printed nothing).
  if (events.length === 0) events.push([micros / 1000, 'o', '']);
  const [cols, rows] = isV3 ? [header.term!.cols, header.term!.rows] : [header.width!, header.height!];
  return { cols, rows, events, exitStatus, signal };
}
