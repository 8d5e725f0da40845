#!/usr/bin/env node
// Usage: node scripts/check-package.mjs   (npm run check-package; run by .ci/run)
// Checks the package as a user gets it: `npm pack` (which builds through `prepare`), install the
// tarball into a scratch project with the user's own rxjs, then use it from ESM, from CommonJS
// (require() of an ES module, Node >= 20.19), from TypeScript (types resolve), and run the bin.
// Exits 1 with the failing step's output.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const scratch = mkdtempSync(join(tmpdir(), 'pipemux-consumer-'));

/** Runs a step; prints its name, and its output if it fails. */
function step(name, file, args, options = {}) {
  process.stdout.write(`check-package: ${name} ... `);
  try {
    const output = execFileSync(file, args, { cwd: scratch, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });
    process.stdout.write('ok\n');
    return output;
  } catch (error) {
    process.stdout.write(`FAILED\n${error.stdout ?? ''}${error.stderr ?? error.message}\n`);
    process.exitCode = 1;
    throw error;
  }
}

/** Asserts what a step printed. */
function expectOutput(name, actual, expected) {
  if (actual.trim() === expected) return;
  process.stdout.write(`check-package: ${name}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual.trim())}\n`);
  process.exitCode = 1;
  throw new Error(name);
}

try {
  const packed = step('npm pack (builds through prepare)', 'npm', ['pack', '--silent', '--pack-destination', scratch, root], { cwd: root })
    .trim()
    .split('\n')
    .at(-1);
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  step('install the tarball with the user’s own rxjs', 'npm', [
    'install',
    '--no-audit',
    '--no-fund',
    '--silent',
    join(scratch, packed),
    'rxjs@^7.8.0',
    '@types/node@^20',
  ]);

  const esm = `import { lastValueFrom, toArray, Observable } from 'rxjs';
import { pipemux, only } from 'pipemux';
const timeline = pipemux('echo', ['from esm']);
if (!(timeline instanceof Observable)) throw new Error('not the user’s rxjs Observable');
const lines = await lastValueFrom(timeline.pipe(only('stdout'), toArray()));
console.log(lines.map((e) => e.data).join());`;
  expectOutput('ESM import (same rxjs instance)', step('ESM import', process.execPath, ['--input-type=module', '-e', esm]), 'from esm');

  const cjs = `const { pipemux } = require('pipemux');
pipemux('echo', ['from cjs']).subscribe((e) => { if (e.type === 'stdout') console.log(e.data); });`;
  expectOutput('CommonJS require', step('CommonJS require', process.execPath, ['--no-warnings', '-e', cjs]), 'from cjs');

  writeFileSync(
    join(scratch, 'consumer.ts'),
    `import type { Observable } from 'rxjs';
import { pipemux, prefix, type MuxEvent, type PipemuxOptions } from 'pipemux';
const lines: Observable<MuxEvent<string>> = pipemux('ls', [], { stderr: 'inherit', flushPartialAfter: 100 }).pipe(prefix({ stderr: 'E: ' }));
const chunks: Observable<MuxEvent<Buffer>> = pipemux('ls', [], { mode: 'chunks' });
const options: PipemuxOptions = { lineBuffered: true };
export default [lines, chunks, options];
`,
  );
  writeFileSync(
    join(scratch, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, types: ['node'] },
      files: ['consumer.ts'],
    }),
  );
  step('TypeScript: types resolve and check', process.execPath, [tsc, '-p', 'tsconfig.json']);

  const bin = join(scratch, 'node_modules', '.bin', 'pipemux');
  expectOutput('bin --version', step('bin --version', bin, ['--version']), version);
  expectOutput('bin runs a command', step('bin runs a command', bin, ['--prefix-stdout', 'O: ', 'echo', 'hi']), 'O: hi');
  process.stdout.write('check-package: all good\n');
} catch {
  process.exitCode = 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
