import type { Readable, Writable } from 'node:stream';
import { Subscription, tap } from 'rxjs';
import { InvalidOptionError } from '../../errors.js';
import { grouped } from '../../many/grouped.js';
import { muxAll } from '../../many/muxAll.js';
import type { ChildEvent, LineJob } from '../../many/types.js';
import { prefix } from '../../operators/prefix.js';
import { colorsAllowed } from '../../tty/colorsAllowed.js';
import { BROKEN_PIPE_STATUS, OWN_FAILURE_STATUS, USAGE_ERROR_STATUS } from '../exitStatus.js';
import { createMessenger, type Messenger } from '../messages.js';
import { onOutputFailure } from '../outputFailures.js';
import { createOutputValve } from '../outputValve.js';
import { GroupSignalSentinel, type GroupSignalProbe } from '../signals/groupSignalSentinel.js';
import { BatchedWriter } from './batchedWriter.js';
import { inputLines } from './inputLines.js';
import { ManySignals } from './manySignals.js';
import { shellLineOf } from './shellCommand.js';
import { statusOfSummary } from './manyExitStatus.js';
import type { ManyCliSettings } from './parseManyArgs.js';
import { summaryTable, verdictLine } from './summaryTable.js';

type Output = Writable & { isTTY?: boolean; hasColors?: () => boolean };

/** The process facilities `pipemux --many` uses, passed in so the bin entry alone touches `process`. */
export interface ManyCliIo {
  stdin: Readable;
  stdout: Output;
  stderr: Output;
  /** Registers a handler for SIGINT/SIGTERM/SIGHUP sent to pipemux; returns a function that removes it. */
  onSignal(handler: (signal: NodeJS.Signals) => void): () => void;
  /** Default: a sentinel process in our group (see {@link GroupSignalSentinel}). */
  groupSignals?: () => GroupSignalProbe;
}

/**
 * Runs the commands, passes their lines on with their prefixes (stdout lines to our stdout,
 * stderr lines to our stderr), routes our stdin lines, prints the summary table on stderr, and
 * resolves with the exit status the success rule gives.
 */
export function runManyCli(settings: ManyCliSettings, io: ManyCliIo): Promise<number> {
  const out = { stdout: new BatchedWriter(io.stdout), stderr: new BatchedWriter(io.stderr) };
  const sayNow = createMessenger(io.stderr);
  let quiet = false;
  // Our messages come after the lines that came before them.
  const say: Messenger = (text, kind) => {
    out.stdout.flush();
    out.stderr.flush();
    if (!quiet) sayNow(text, kind);
  };
  return new Promise<number>((resolve) => {
    // Remote commands (--hosts) are stopped through their cancel signal: a signal to the local ssh would not reach them.
    const cancelRemotes = new AbortController();
    // Filled once the timeline is subscribed; unsubscribed before that, it unsubscribes what is added.
    const subscription = new Subscription();
    // The first signal winds the run down: nothing more is started or restarted.
    const stopStarting = new AbortController();
    const signals = new ManySignals({
      groupSignals: (io.groupSignals ?? (() => new GroupSignalSentinel()))(),
      stopStarting,
      cancelRemotes: settings.remotes === undefined ? undefined : cancelRemotes,
      stopNow: (status) => {
        subscription.unsubscribe();
        finish(status);
      },
    });
    let finished = false;
    const finish = (status: number) => {
      if (finished) return;
      finished = true;
      out.stdout.flush();
      out.stderr.flush();
      removeSignalHandler();
      signals.dispose();
      stopWatchingOutput();
      resolve(status);
    };
    const removeSignalHandler = io.onSignal((signal) => signals.received(signal));
    // Our stdout or stderr failing ends the run: 141 when the reader went away, else 125.
    const stopWatchingOutput = onOutputFailure(io, (stream, error, status) => {
      out[stream].discard();
      // Nothing more on a broken stderr, not even our own messages.
      if (stream === 'stderr') quiet = true;
      subscription.unsubscribe();
      if (status !== BROKEN_PIPE_STATUS) say(`cannot write to ${stream}: ${error.message}`);
      finish(status);
    });

    let timeline;
    try {
      timeline = muxAll(toJobs(settings, io, cancelRemotes.signal), {
        success: settings.success,
        killOthersOn: settings.killOthersOn,
        maxConcurrent: settings.maxProcesses,
        restart: { tries: settings.restartTries, delay: settings.restartAfter },
        input: inputLines(io.stdin, settings.names),
        defaultInputTarget: settings.defaultInputTarget,
        stopStarting: stopStarting.signal,
      });
    } catch (error) {
      say((error as Error).message);
      return finish(error instanceof InvalidOptionError ? USAGE_ERROR_STATUS : OWN_FAILURE_STATUS);
    }
    const colors = { stdout: settings.color && colorsAllowed(io.stdout), stderr: settings.color && colorsAllowed(io.stderr) };
    subscription.add(
      timeline
        .pipe(
          // Which commands run, as they start and end: before --group holds their events back.
          tap((event) => {
            if (event.type === 'spawn') signals.spawned(event.index, event.pid);
            else if (event.type === 'exit') signals.exited(event.index);
          }),
          settings.group ? grouped() : (source) => source,
          prefix({ stdout: settings.prefix, stderr: settings.prefix, color: colors }),
        )
        .subscribe({
          next: (event) => {
            if (event.type === 'summary') {
              // A command that could not run has no exit line: say why (a tee file, ssh's own failure with --hosts).
              for (const child of event.children) if (child.error !== undefined) say(`${child.name}: ${child.error.message}`);
              say(verdictLine(event), event.success ? 'note' : 'error');
              for (const line of summaryTable(event, settings.commands)) io.stderr.write(`${line}\n`);
              return finish(signals.status ?? statusOfSummary(event));
            }
            if (event.type === 'exit') {
              say(describeExit(event), event.code === 0 ? 'note' : 'warning');
            } else if (event.type === 'stdout' || event.type === 'stderr') {
              out[event.type].write(event.partial ? event.data : `${event.data}\n`);
            }
          },
          error: (error: Error) => {
            say(error.message);
            finish(OWN_FAILURE_STATUS);
          },
        }),
    );
  });
}

/**
 * One job per command line, run by the shell; our stdout and stderr pause a command that outruns
 * them. Where our stdout shows colours, so may the commands (as under concurrently): their pipes
 * would otherwise make them drop their colours.
 */
function toJobs(settings: ManyCliSettings, io: ManyCliIo, cancelRemotes: AbortSignal): LineJob[] {
  const color = settings.color && colorsAllowed(io.stdout) ? 'always' : 'auto';
  return settings.commands.map((command, index) => ({
    name: settings.names[index]!,
    // On a host the command's whole process group is signalled: no `exec` needed, and errors show the line as given.
    file: settings.remotes === undefined ? shellLineOf(command) : command,
    options: {
      shell: settings.shell,
      color,
      killSignal: settings.killSignal,
      forceKillAfterDelay: settings.killTimeout,
      // A command line often runs under a shell (`cd web && npm start`): ending the shell alone would leave the rest.
      killTree: settings.remotes === undefined,
      tee: { stdout: createOutputValve(io.stdout), stderr: createOutputValve(io.stderr) },
      ...(settings.remotes === undefined ? {} : { remote: settings.remotes[index]!, cancelSignal: cancelRemotes }),
    },
  }));
}

function describeExit(event: Extract<ChildEvent<string>, { type: 'exit' }>): string {
  const how = event.signal !== null ? `was killed by ${event.signal}` : `exited with code ${event.code}`;
  return `${event.name} ${how}`;
}
