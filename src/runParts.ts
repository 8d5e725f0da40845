import type { RunPlan } from './options.js';
import type { RunParts } from './process/runParts.js';
import { applyLineBuffering } from './buffering/lineBuffering.js';
import { createInputSource } from './stdin/createInputSource.js';
import { TeeSet } from './sinks/teeSet.js';
import { colorEnvironment } from './tty/colorEnvironment.js';
import { createTtyInspector } from './tty/ttyInspector.js';

// Stateless: one inspector serves every run.
const inspectTty = createTtyInspector();

/**
 * Builds the optional parts of one run (tee sinks, stdin source, tty inspector, colour
 * environment) from the checked options. Called once per subscription: parts hold resources.
 */
export function buildRunParts(plan: RunPlan): RunParts {
  const parts: RunParts = { inspect: inspectTty };
  const colorEnv = colorEnvironment(plan.options.color);
  if (colorEnv !== undefined) parts.env = colorEnv;
  const { tee } = plan.options;
  if (tee !== undefined) parts.tap = new TeeSet(tee, plan);
  const input = createInputSource(plan.options.stdin, plan);
  if (input !== undefined) parts.input = input;
  if (plan.options.echoInput === true) parts.echoInput = true;
  if (plan.lineBuffered) parts.lineBuffering = applyLineBuffering;
  return parts;
}
