// Scenario 3: one line with no newline at all, in line mode: delivered in `partial` pieces of maxLineLength.
import { drainTimeline } from './lib/drainTimeline.js';
import { measureSubject } from './lib/measure.js';
import { pipemux } from './lib/pipemuxModule.js';
import { zeroBytes } from './lib/sources.js';

await measureSubject(async ({ bytes, maxLineLength }) => {
  let characters = 0;
  let pieces = 0;
  let partialPieces = 0;
  const [file, args] = zeroBytes(bytes);
  await drainTimeline(pipemux(file, args, maxLineLength === undefined ? {} : { maxLineLength }), (event) => {
    if (event.type !== 'stdout') return;
    characters += event.data.length;
    pieces++;
    if (event.partial) partialPieces++;
  });
  return { characters, pieces, partialPieces };
});
