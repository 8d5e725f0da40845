import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { MuxEvent } from '../types.js';
import { toPlayerRecording } from './playerRecording.js';
import { readRecording, RecordingReader } from './recordingReader.js';

const require = createRequire(import.meta.url);
const PLAYER_SCRIPT = 'asciinema-player/dist/bundle/asciinema-player.min.js';
const PLAYER_STYLE = 'asciinema-player/dist/bundle/asciinema-player.css';

/** Options of {@link renderHtmlView}. */
export interface HtmlViewOptions {
  /** The page's title. Default: the recorded command (or the file's name). */
  title?: string;
}

/**
 * Makes one self-contained HTML page that plays a recording in the browser with asciinema-player
 * (its script and stylesheet inlined, the recording embedded): no network, no other files. The
 * child's stderr is shown in red, and the exit status below the player. The recording is read
 * and checked first: a bad one gives a `ReplayError` naming the file and the line.
 *
 * @example
 * ```ts
 * import { writeFile } from 'node:fs/promises';
 * import { renderHtmlView } from 'pipemux';
 *
 * await writeFile('build.html', await renderHtmlView('build.cast'));
 * ```
 */
export async function renderHtmlView(file: string, options: HtmlViewOptions = {}): Promise<string> {
  const path = resolve(file);
  const bytes = await readRecording(path);
  const command = checkRecording(path, bytes);
  const [script, style] = await Promise.all([readFile(require.resolve(PLAYER_SCRIPT), 'utf8'), readFile(require.resolve(PLAYER_STYLE), 'utf8')]);
  return pageOf({ title: options.title ?? (command || path), recording: bytes.toString('utf8'), script, style });
}

/** Reads the whole recording as replay() would, so that the page never gets a broken one; returns its command. */
function checkRecording(path: string, bytes: Buffer): string {
  const reader = new RecordingReader(path, bytes, 'chunks');
  const events: MuxEvent[] = [];
  while (reader.readInto(events)) events.length = 0;
  return reader.header.command ?? '';
}

function pageOf({ title, recording, script, style }: { title: string; recording: string; script: string; style: string }): string {
  // Inlined text must not close its element early; the player's files are checked, the recording escaped.
  if (/<\/script/i.test(script) || /<\/style/i.test(style)) throw new Error('the asciinema-player files cannot be inlined: they contain a closing tag');
  const embedded = JSON.stringify(recording).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>${style}</style>
<style>
body { margin: 1.5rem; font-family: system-ui, sans-serif; background: #fafafa; }
#recording-title { font-size: 1rem; font-family: monospace; margin: 0 0 0.75rem; }
#exit-status { font-family: monospace; margin-top: 0.75rem; }
.legend-stderr { color: #c4302b; }
</style>
</head>
<body data-playback="loading">
<h1 id="recording-title">${escapeHtml(title)}</h1>
<div id="player"></div>
<p id="exit-status"></p>
<p class="legend">stdout in the terminal's colours, <span class="legend-stderr">stderr in red</span>.</p>
<script>${script}</script>
<script type="application/json" id="recording-data">${embedded}</script>
<script>
${toPlayerRecording.toString()}
const text = JSON.parse(document.getElementById('recording-data').textContent);
const recording = toPlayerRecording(text);
const player = AsciinemaPlayer.create({ data: text, parser: () => recording }, document.getElementById('player'), { autoPlay: true, cols: recording.cols, rows: recording.rows });
player.addEventListener('playing', () => { document.body.dataset.playback = 'playing'; });
player.addEventListener('ended', () => { document.body.dataset.playback = 'ended'; });
document.getElementById('exit-status').textContent =
  recording.exitStatus === undefined ? 'exit status: not recorded'
  : recording.signal !== undefined ? 'ended by ' + recording.signal + ' (status ' + recording.exitStatus + ')'
  : 'exit status ' + recording.exitStatus;
</script>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`);
}
