import { correctnessCheck, infoCheck, speedCheck } from '../lib/checks.js';
import { formatNumber, formatRatio } from '../lib/format.js';
import { everySample, pairedRatios } from '../lib/samples.js';
import { subjectTable } from '../lib/subjectTable.js';

const milliseconds = (value) => `${formatNumber(value, 0)} ms`;

/** Scenario 13 (issue 17): many children with FIFO stdin started at once; how long is the event loop stalled? */
export default {
  id: '13',
  title: 'FIFO start: children with stdin: { fifo: true } started in the same tick',
  plan({ quick }) {
    const params = { children: quick ? 10 : 50 };
    return {
      size: `${params.children} children (cat), each with its own FIFO`,
      rounds: quick ? 1 : 8,
      subjects: [
        { id: 'raw', label: 'raw floor: mkdtemp, mkfifo (execFile), open, spawn', script: 'fifoStartRaw.js', params },
        { id: 'pipemux', label: "pipemux('cat', [], { stdin: { fifo: true, source } })", script: 'fifoStartPipemux.js', params },
      ],
    };
  },
  summarize(samples, plan) {
    const { children } = plan.subjects[0].params;
    const stall = (sample) => sample.longestStallMs;
    const busy = (sample) => sample.busyMs;
    return {
      // The "rate" of the table is the time to start them all (lower is better here).
      table: subjectTable({
        subjects: plan.subjects,
        samples,
        rateHeader: 'loop busy while starting, ms',
        rate: busy,
        formatRate: (value) => formatNumber(value, 0),
        referenceId: 'raw',
      }),
      checks: [
        speedCheck({
          check: 'FIFO start: event loop busy until every child runs, pipemux / floor',
          values: pairedRatios(samples.pipemux, samples.raw, busy),
          target: '≤ 1.20×',
          passes: (r) => r <= 1.2,
          format: formatRatio,
        }),
        infoCheck({
          check: 'FIFO start: longest single stall, pipemux / floor',
          values: pairedRatios(samples.pipemux, samples.raw, stall),
          format: formatRatio,
        }),
        infoCheck({
          check: 'FIFO start: longest single stall, pipemux',
          values: samples.pipemux.filter((sample) => !sample.failed && !sample.timedOut).map(stall),
          format: milliseconds,
        }),
        correctnessCheck({
          check: 'FIFO start: every child echoed its line, every FIFO dir removed (all subjects)',
          ok: plan.subjects.every(({ id }) => everySample(samples[id], (sample) => sample.echoedRight === children && sample.dirsLeft === 0)),
          measured: `${children} of ${children}, 0 dirs left`,
          target: 'all',
        }),
      ],
      notes: [
        'The phase measured runs from the first call until every child has spawned (pipemux: every spawn event is out). "Loop busy" is the event loop\'s active time in that phase ' +
          "(performance.eventLoopUtilization(): time not spent waiting for I/O), the time in which nothing else could run: the spawns themselves (synchronous: fork, and waiting until the child has exec'd), " +
          'the mkfifo helpers\' spawns, and the JavaScript around them. "Longest single stall" is the largest delay of a 1 ms timer (monitorEventLoopDelay). ' +
          "The table's ratio columns divide the busy time: lower is better there. Each subject puts its FIFO dirs in a parent dir of its own, so no other process's dirs are swept.",
      ],
    };
  },
};
