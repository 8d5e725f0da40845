import chunks from './1-chunks.js';
import lines from './2-lines.js';
import longLine from './3-long-line.js';
import merged from './4-merge.js';
import roundTrip from './5-round-trip.js';
import idle from './6-idle.js';
import tee from './7-tee.js';
import scale from './8-scale.js';
import many from './9-many.js';
import expectRoundTrip from './10-expect.js';
import fifoStart from './13-fifo-start.js';

/** The scenarios in the order they run (issue 7; 9: issue 15; 10: issue 14; 13: issue 17; 11 and 12 are the recorder's and remote's). */
export const scenarios = [chunks, lines, longLine, merged, roundTrip, idle, tee, scale, many, expectRoundTrip, fifoStart];
