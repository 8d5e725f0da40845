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
import recording from './11-record.js';
import remote from './12-remote.js';
import fifoStart from './13-fifo-start.js';

/** The scenarios in the order they run (issue 7; 9: issue 15; 10: issue 14; 11: issue 16; 12: issue 19; 13: issue 17). */
export const scenarios = [chunks, lines, longLine, merged, roundTrip, idle, tee, scale, many, expectRoundTrip, recording, remote, fifoStart];
