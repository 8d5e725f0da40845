import { rename, writeFile } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import type { Subscription } from 'rxjs';
import { prefix } from '../operators/prefix.js';
import { timestamps } from '../operators/timestamps.js';
import { pipemux } from '../pipemux.js';
import { describeTty } from '../tty/describeTty.js';
import type { MuxEvent, PipemuxOptions, SinkSpec } from '../types.js';
import { BROKEN_PIPE_STATUS, OWN_FAILURE_STATUS, statusOfError, statusOfExit, statusOfSignal } from './exitStatus.js';
import { createMessenger } from './messages.js';
import { createOutputValve } from './outputValve.js';
import type { CliSettings } from './parseArgs.js';
import { recordIfAsked } from './recordArgs.js';

/** The process facilities the CLI uses, passed in so the bin entry alone touches `process`. */
export interface CliIo {
  stdout: Writable;
  stderr: Writable & { hasColors?: () => boolean };
  /** Registers a handler for SIGINT/SIGTERM/SIGHUP sent to pipemux; returns a function that removes it. */
  onSignal(handler: (signal: NodeJS.Signals) => void): () => void;
}

/** Runs the command the settings describe, passes its output on, and resolves with the exit status. */
export function runCli(settings: CliSettings, io: CliIo): Promise<number> {
  const say = createMessenger(io.stderr);
  return new Promise<number>((resolve) => {
    let childPid: number | undefined;
    let subscription: Subscription | undefined;
    let signalsForwarded = 0;
    const finish = (status: number) => {
      removeSignalHandler();
      io.stdout.off('error', onStdoutError);
      resolve(status);
    };
    // The first signal goes to the child as it is; a second one stops it for good.
    const removeSignalHandler = io.onSignal((signal) => {
      if (childPid !== undefined && signalsForwarded++ === 0) {
        try {
          process.kill(childPid, signal);
          return;
        } catch {
          // The child is gone already; its exit event is on its way.
        }
      }
      subscription?.unsubscribe();
      finish(statusOfSignal(signal));
    });
    const onStdoutError = (error: NodeJS.ErrnoException) => {
      subscription?.unsubscribe();
      if (error.code === 'EPIPE') return finish(BROKEN_PIPE_STATUS);
      say(`cannot write to stdout: ${error.message}`);
      finish(OWN_FAILURE_STATUS);
    };
    io.stdout.on('error', onStdoutError);

    subscription = pipemux(settings.command, settings.args, toLibraryOptions(settings, io))
      .pipe(recordIfAsked(settings, io.stdout), prefix({ stdout: settings.prefixStdout, stderr: settings.prefixStderr }), settings.timestamps ? timestamps() : (source) => source)
      .subscribe({
        next: (event) => {
          if (event.type === 'spawn') {
            childPid = event.pid;
            announceSpawn(event, settings, say);
          } else if (event.type === 'exit') {
            if (event.pipesHeldOpen) say(`${settings.command} exited, but a process it started still holds its ${event.pipesHeldOpen.join(' and ')} open; stopped reading`);
            finish(statusOfExit(event));
          } else writeOutput(event, io);
        },
        error: (error: Error) => {
          say(error.message);
          finish(statusOfError(error));
        },
      });
  });
}

/** The library options that carry out the CLI's settings. */
function toLibraryOptions(settings: CliSettings, io: CliIo): PipemuxOptions {
  const file = (path: string): SinkSpec => ({ path, append: settings.append });
  return {
    mode: settings.chunks ? 'chunks' : 'lines',
    stdin: settings.fifo ? { fifo: true } : 'inherit',
    color: settings.color,
    ...(settings.maxLineLength === undefined ? {} : { maxLineLength: settings.maxLineLength }),
    tee: {
      // The valves pause the child while our own stdout or stderr cannot keep up.
      stdout: [createOutputValve(io.stdout), ...settings.teeStdout.map(file)],
      stderr: [createOutputValve(io.stderr), ...settings.teeStderr.map(file)],
      all: settings.teeAll.map(file),
    },
  };
}

/** Writes each data event to our stdout or stderr: a whole line with its newline, or a raw chunk. */
function writeOutput(event: MuxEvent, io: CliIo): void {
  if (event.type !== 'stdout' && event.type !== 'stderr') return;
  const destination = event.type === 'stdout' ? io.stdout : io.stderr;
  if (typeof event.data !== 'string' || event.partial) destination.write(event.data);
  else destination.write(`${event.data}\n`);
}

function announceSpawn(event: Extract<MuxEvent, { type: 'spawn' }>, settings: CliSettings, say: (text: string) => void): void {
  if (event.fifoPath !== undefined) {
    say(`fifo ${event.fifoPath}`);
    if (settings.fifoPathFile !== undefined) void writePathFile(settings.fifoPathFile, event.fifoPath).catch((error: Error) => say(`cannot write ${settings.fifoPathFile}: ${error.message}`));
  }
  if (settings.ttyReport) say(settings.json ? JSON.stringify(event.tty) : describeTty(event.tty).join('\n'));
}

/** Writes the FIFO path atomically, so a script waiting for the file never reads half a path. */
async function writePathFile(file: string, fifoPath: string): Promise<void> {
  const partial = `${file}.${process.pid}.tmp`;
  await writeFile(partial, `${fifoPath}\n`);
  await rename(partial, file);
}
