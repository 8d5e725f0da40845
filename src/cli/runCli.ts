import type { Writable } from 'node:stream';
import { prefix } from '../operators/prefix.js';
import { timestamps } from '../operators/timestamps.js';
import { pipemux } from '../pipemux.js';
import { killTreeNow } from '../process/tree/killTreeNow.js';
import { sendSignal } from '../process/tree/sendSignal.js';
import { TreeKill } from '../process/tree/treeKill.js';
import { DEFAULT_FORCE_KILL_AFTER_DELAY } from '../options.js';
import { describeTty } from '../tty/describeTty.js';
import type { MuxEvent, PipemuxOptions, SinkSpec, SpawnEvent } from '../types.js';
import { BROKEN_PIPE_STATUS, OWN_FAILURE_STATUS, statusOfError, statusOfExit, statusOfSignal } from './exitStatus.js';
import { createMessenger, type Messenger } from './messages.js';
import { onOutputFailure } from './outputFailures.js';
import { createOutputValve } from './outputValve.js';
import type { CliSettings } from './parseArgs.js';
import { PathFile } from './pathFile.js';
import { recordIfAsked } from './recordArgs.js';
import { GroupSignalSentinel, type GroupSignalProbe } from './signals/groupSignalSentinel.js';

/** The process facilities the CLI uses, passed in so the bin entry alone touches `process`. */
export interface CliIo {
  stdout: Writable;
  stderr: Writable & { hasColors?: () => boolean };
  /** Registers a handler for SIGINT/SIGTERM/SIGHUP sent to pipemux; returns a function that removes it. */
  onSignal(handler: (signal: NodeJS.Signals) => void): () => void;
  /** Default: a sentinel process in our group (see {@link GroupSignalSentinel}). */
  groupSignals?: () => GroupSignalProbe;
}

/**
 * Runs the command the settings describe, passes its output on, and resolves with the exit
 * status once the run is over and everything is released (the child gone, the FIFO and the
 * path file removed).
 *
 * Signals: one sent to our whole process group (Ctrl-C at the terminal) already reached the
 * child, which shares our group, so it is not sent again; one sent to pipemux alone is passed
 * on (with --kill-tree to every process of its tree, as Ctrl-C reaches a whole group). A second
 * signal kills the child with SIGKILL, then we exit 128+n.
 */
export async function runCli(settings: CliSettings, io: CliIo): Promise<number> {
  let quiet = false;
  const messenger = createMessenger(io.stderr);
  const say: Messenger = (text, kind) => {
    if (!quiet) messenger(text, kind);
  };
  let pathFile: PathFile | undefined;
  if (settings.fifoPathFile !== undefined) {
    try {
      pathFile = await PathFile.reserve(settings.fifoPathFile);
    } catch (error) {
      say(`cannot write the FIFO path file ${settings.fifoPathFile}: ${(error as Error).message}`);
      return OWN_FAILURE_STATUS;
    }
  }
  const cancel = new AbortController();
  let timeline;
  try {
    timeline = pipemux(settings.command, settings.args, { ...toLibraryOptions(settings, io), cancelSignal: cancel.signal });
  } catch (error) {
    say((error as Error).message);
    await pathFile?.remove();
    return statusOfError(error);
  }
  const groupSignals = (io.groupSignals ?? (() => new GroupSignalSentinel()))();
  let childPid: number | undefined;
  // Set when we end the run ourselves (a signal, our output failing): it wins over the child's status.
  let ownStatus: number | undefined;
  let status = OWN_FAILURE_STATUS;
  let signals = 0;
  // After a second signal nothing is waited for: not the child's exit event, not a recording's reader.
  let stopNow: (() => void) | undefined;

  const stop = (why: number) => {
    ownStatus ??= why;
    cancel.abort();
  };
  const removeSignalHandler = io.onSignal((signal) => {
    if (++signals > 1 || childPid === undefined) {
      // A second signal: no more waiting for a child (or, with --kill-tree, a tree) that will not stop.
      if (childPid !== undefined) {
        if (settings.killTree) void killTreeNow(childPid);
        else sendSignal(childPid, 'SIGKILL');
      }
      stop(statusOfSignal(signal));
      if (signals > 1) stopNow?.();
      return;
    }
    const pid = childPid;
    void groupSignals.wasGroupSignal(signal).then((reachedChild) => {
      if (reachedChild || signals > 1) return;
      // --kill-tree: the whole tree gets it, as a terminal's Ctrl-C reaches the whole group; what still
      // runs then is ended after forceKillAfterDelay, or when pipemux exits (npm dies of it and leaves its server).
      if (settings.killTree)
        return void new TreeKill(pid, () => sendSignal(pid, signal), { killSignal: signal, forceKillAfterDelay: DEFAULT_FORCE_KILL_AFTER_DELAY });
      try {
        process.kill(pid, signal);
      } catch {
        // The child is gone already; its exit event is on its way.
      }
    });
  });
  const stopWatchingOutput = onOutputFailure(io, (stream, error, failureStatus) => {
    if (ownStatus !== undefined) return;
    // Nothing more goes out: the stream is broken, and a message on stderr could fail the same way.
    if (stream === 'stdout' && failureStatus !== BROKEN_PIPE_STATUS) say(`cannot write to stdout: ${error.message}`);
    quiet = true;
    stop(failureStatus);
  });

  try {
    await new Promise<void>((resolve) => {
      const subscription = timeline
        .pipe(
          recordIfAsked(settings, io.stdout),
          prefix({ stdout: settings.prefixStdout, stderr: settings.prefixStderr }),
          settings.timestamps ? timestamps() : (source) => source,
        )
        .subscribe({
          next: (event) => {
            if (event.type === 'spawn') {
              childPid = event.pid;
              announceSpawn(event, settings, say, pathFile).catch((error: Error) => {
                say(`cannot write the FIFO path file ${settings.fifoPathFile}: ${error.message}`);
                stop(OWN_FAILURE_STATUS);
              });
            } else if (event.type === 'exit') {
              if (event.pipesHeldOpen)
                say(
                  `${settings.command} exited, but a process it started still holds its ${event.pipesHeldOpen.join(' and ')} open; stopped reading`,
                  'warning',
                );
              status = statusOfExit(event);
            } else if (ownStatus === undefined) writeOutput(event, io);
          },
          error: (error: Error) => {
            if (ownStatus === undefined) say(error.message);
            status = statusOfError(error);
            resolve();
          },
          complete: resolve,
        });
      // Unsubscribing still kills the child and removes its FIFO before this process can exit.
      stopNow = () => {
        subscription.unsubscribe();
        resolve();
      };
    });
  } finally {
    removeSignalHandler();
    groupSignals.stop();
    stopWatchingOutput();
    await pathFile?.remove();
  }
  return ownStatus ?? status;
}

/** The library options that carry out the CLI's settings. */
function toLibraryOptions(settings: CliSettings, io: CliIo): PipemuxOptions {
  const file = (path: string): SinkSpec => ({ path, append: settings.append });
  // The valves pause the child while our own stdout or stderr cannot keep up (piped streams only).
  const valve = (mode: string, destination: Writable) => (mode === 'pipe' ? [createOutputValve(destination)] : []);
  return {
    mode: settings.chunks ? 'chunks' : 'lines',
    stdin: settings.fifo ? { fifo: true } : 'inherit',
    stdout: settings.stdout,
    stderr: settings.stderr,
    color: settings.color,
    lineBuffered: settings.lineBuffered,
    ...(settings.maxLineLength === undefined ? {} : { maxLineLength: settings.maxLineLength }),
    ...(settings.flushPartialAfter === undefined || settings.chunks ? {} : { flushPartialAfter: settings.flushPartialAfter }),
    ...(settings.killTree ? { killTree: true } : {}),
    tee: {
      stdout: [...valve(settings.stdout, io.stdout), ...settings.teeStdout.map(file)],
      stderr: [...valve(settings.stderr, io.stderr), ...settings.teeStderr.map(file)],
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

async function announceSpawn(event: SpawnEvent, settings: CliSettings, say: Messenger, pathFile: PathFile | undefined): Promise<void> {
  if (event.fifoPath !== undefined) {
    say(`fifo ${event.fifoPath}`, 'note');
    await pathFile?.publish(`${event.fifoPath}\n`);
  }
  // What --line-buffered could not do here (no stdbuf: C programs stay block-buffered).
  for (const reason of event.lineBuffering?.notApplied ?? []) say(`--line-buffered: ${reason}`, 'warning');
  if (settings.ttyReport) say(settings.json ? JSON.stringify(event.tty) : describeTty(event.tty).join('\n'), 'note');
}
