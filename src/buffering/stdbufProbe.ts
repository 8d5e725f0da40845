import { execFile } from 'node:child_process';

/** The variables coreutils' stdbuf sets for a line-buffered stdout, or why there are none. */
export type StdbufVariables = { found: true; variables: Record<string, string> } | { found: false; reason: string };

// What stdbuf sets: its options (_STDBUF_O/E/I) and the preload of libstdbuf (Linux; DYLD_* on macOS).
const STDBUF_VARIABLE = /^(_STDBUF_[IOE]|LD_PRELOAD|DYLD_INSERT_LIBRARIES|DYLD_FORCE_FLAT_NAMESPACE)=(.*)$/;
/** `stdbuf` from GNU coreutils; Homebrew installs it as `gstdbuf` on macOS. */
const STDBUF_NAMES = ['stdbuf', 'gstdbuf'];

let probed: Promise<StdbufVariables> | undefined;

/**
 * Finds out, once per process, which environment variables `stdbuf -oL` sets, by letting it
 * run `env`. Only stdout: C stdio leaves stderr unbuffered, and `-eL` would hold back a prompt or a
 * `\r` progress bar drawn there until its newline. A child given those variables directly is line-buffered as under stdbuf, but stays
 * the user's command: its pid, its "not found" error and its exit status are its own.
 */
export function probeStdbuf(): Promise<StdbufVariables> {
  probed ??= probeEach(STDBUF_NAMES);
  return probed;
}

async function probeEach(names: readonly string[]): Promise<StdbufVariables> {
  for (const name of names) {
    const variables = await readStdbufVariables(name);
    if (variables !== undefined && Object.keys(variables).length > 0) return { found: true, variables };
  }
  return { found: false, reason: 'stdbuf was not found (it comes with GNU coreutils; Homebrew on macOS calls it gstdbuf)' };
}

/** The stdbuf variables as `name` sets them, or undefined when it cannot be run. */
function readStdbufVariables(name: string): Promise<Record<string, string> | undefined> {
  // Without our own preload variables, what `env` prints is exactly what stdbuf added.
  const env: Record<string, string | undefined> = { ...process.env };
  for (const key of Object.keys(env)) if (STDBUF_VARIABLE.test(`${key}=`)) delete env[key];
  return new Promise((resolve) => {
    execFile(name, ['-oL', 'env'], { env, timeout: 10_000 }, (error, stdout) => {
      if (error !== null) return resolve(undefined);
      const variables: Record<string, string> = {};
      for (const line of stdout.split('\n')) {
        const match = STDBUF_VARIABLE.exec(line);
        if (match !== null) variables[match[1]!] = match[2]!;
      }
      resolve(variables);
    });
  });
}
