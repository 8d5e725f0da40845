import { writeFile } from 'node:fs/promises';
import { Subscription } from 'rxjs';
import { renderHtmlView } from '../record/htmlView.js';
import { replayThrough, type PlaybackGate } from '../record/replay.js';
import { whenDrained } from '../streams/whenDrained.js';
import type { ExitEvent } from '../types.js';
import { BROKEN_PIPE_STATUS, statusOfError, statusOfExit, statusOfSignal, USAGE_ERROR_STATUS } from './exitStatus.js';
import { createMessenger } from './messages.js';
import { onOutputFailure } from './outputFailures.js';
import { parseReplayArgs } from './replayArgs.js';
import type { CliIo } from './runCli.js';

/** The text of `pipemux replay --help`. */
export const REPLAY_USAGE = `Usage: pipemux replay FILE [--speed N] [--html OUT.html]

Plays an asciicast recording (pipemux's own, made with --record, or asciinema's v2/v3) back:
stdout lines to stdout and stderr lines to stderr, at the recorded pace. The exit status is the
recorded one (0 when the recording has none).

Options:
  --speed N        N times as fast (0.5: half as fast); --speed Infinity: at once
  --html OUT.html  instead of playing, write one self-contained page that plays the
                   recording in a browser (stderr in red)
  -h, --help       show this help
`;

/** Runs `pipemux replay …` and resolves with the exit status. */
export async function runReplayCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const say = createMessenger(io.stderr);
  const parsed = parseReplayArgs(argv);
  if (parsed.kind === 'help') {
    io.stdout.write(REPLAY_USAGE);
    return 0;
  }
  if (parsed.kind === 'usage-error') {
    say(parsed.message);
    io.stderr.write(`Try 'pipemux replay --help' for more information.\n`);
    return USAGE_ERROR_STATUS;
  }
  if (parsed.html !== undefined) return writeHtml(parsed.file, parsed.html, say);
  return play(parsed.file, parsed.speed, io, say);
}

async function writeHtml(file: string, out: string, say: (text: string) => void): Promise<number> {
  try {
    await writeFile(out, await renderHtmlView(file));
    return 0;
  } catch (error) {
    say((error as Error).message);
    return statusOfError(error);
  }
}

/** Writes the recording's output to our stdout and stderr at its pace; stops on a signal or when stdout's reader goes away. */
function play(file: string, speed: number, io: CliIo, say: (text: string) => void): Promise<number> {
  return new Promise<number>((resolve) => {
    // Filled once the recording is subscribed; unsubscribed before that, it unsubscribes what is added.
    const subscription = new Subscription();
    const finish = (status: number) => {
      subscription.unsubscribe();
      removeSignalHandler();
      stopWatchingOutput();
      resolve(status);
    };
    const removeSignalHandler = io.onSignal((signal) => finish(statusOfSignal(signal)));
    // Our stdout or stderr failing ends the replay: 141 when the reader went away, else 125.
    const stopWatchingOutput = onOutputFailure(io, (stream, error, status) => {
      // A broken stderr cannot take our message either.
      if (stream === 'stdout' && status !== BROKEN_PIPE_STATUS) say(`cannot write to stdout: ${error.message}`);
      finish(status);
    });
    subscription.add(
      replayThrough(file, { speed }, outputGate(io)).subscribe({
        next: (event) => {
          if (event.type === 'exit') return finish(statusOfRecordedExit(event));
          if (event.type !== 'stdout' && event.type !== 'stderr') return;
          // Lines mode (the default): data is text.
          const text = event.data as string;
          (event.type === 'stdout' ? io.stdout : io.stderr).write(event.partial ? text : `${text}\n`);
        },
        error: (error: Error) => {
          say(error.message);
          finish(statusOfError(error));
        },
      }),
    );
  });
}

/**
 * The recorded status; 0 when the recording has none (an asciinema 2 recording). A hand-made one
 * out of range is taken modulo 256 as a shell would (1 when it is no whole number).
 */
function statusOfRecordedExit(exit: ExitEvent): number {
  if (exit.code === null && exit.signal === null) return 0;
  const status = statusOfExit(exit);
  return Number.isSafeInteger(status) ? ((status % 256) + 256) % 256 : 1;
}

/** Holds the playback while our stdout or stderr is full (a slow reader: `| less`), so memory stays bounded. */
function outputGate(io: CliIo): PlaybackGate {
  const full = () => io.stdout.writableNeedDrain || io.stderr.writableNeedDrain;
  return {
    get closed() {
      return full();
    },
    whenOpen(resume) {
      void Promise.all([whenDrained(io.stdout), whenDrained(io.stderr)]).then((outcomes) => {
        // A stream that failed or closed ends the replay through its 'error' handler: nothing to resume.
        if (outcomes.every((outcome) => outcome === 'drained')) resume();
      });
    },
  };
}
