import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixture } from '../helpers/fixtures.js';
import { hasProgram, TmuxTerminal } from '../helpers/terminal.js';
import { useTempDir } from '../helpers/tempDir.js';
import { viteNode } from '../tty/terminalSession.js';

// A person at a terminal: the prompt must be on the screen before they type, and a progress bar
// must redraw in place with its prefix. Driven through tmux: keys typed, screen read.
const cli = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const hex = (text: string) => Buffer.from(text).toString('hex');
const dir = useTempDir('pipemux-interactive-');
const PROMPT = 'printf "Continue? [y/N] "; read answer; echo "got $answer"';

describe.skipIf(!(await hasProgram('tmux')))('interactive children at a real terminal (tmux)', () => {
  it('CLI: the prompt shows before any key is typed; the answer reaches the child', async () => {
    const terminal = await TmuxTerminal.start([process.execPath, cli, 'sh', '-c', PROMPT]);
    try {
      expect(await terminal.waitFor('Continue? [y/N]')).toBe('Continue? [y/N]');
      await terminal.type('y');
      await terminal.press('Enter');
      expect(await terminal.exitStatus()).toBe(0);
      expect(await terminal.screen()).toBe('Continue? [y/N] y\ngot y\n[exit 0]');
    } finally {
      await terminal.close();
    }
  });

  it('CLI --whole-lines: the prompt waits for its line end (for scripts), nothing is lost', async () => {
    const terminal = await TmuxTerminal.start([process.execPath, cli, '--whole-lines', 'sh', '-c', `echo ready; ${PROMPT}`]);
    try {
      // Once "ready" shows, the child has printed its prompt too: the prompt is held back.
      await terminal.waitFor('ready');
      await terminal.type('n');
      await terminal.press('Enter');
      expect(await terminal.exitStatus()).toBe(0);
      expect(await terminal.screen()).toBe('ready\nn\nContinue? [y/N] got n\n[exit 0]');
    } finally {
      await terminal.close();
    }
  });

  it('library (flushPartialAfter: 100): the prompt shows as a partial piece, the answer ends the line', async () => {
    const result = join(dir(), 'prompt.json');
    const terminal = await TmuxTerminal.start(viteNode('interactive-parent.ts', 'prompt', result));
    try {
      await terminal.waitFor('Continue? [y/N]', 30_000);
      await terminal.type('y');
      await terminal.press('Enter');
      expect(await terminal.exitStatus(30_000)).toBe(0);
      expect(await terminal.screen()).toBe('Continue? [y/N] y\ngot y\n[exit 0]');
      expect(JSON.parse(await readFile(result, 'utf8'))).toEqual({
        pieces: [
          { data: 'Continue? [y/N] ', partial: true },
          { data: 'got y', partial: false },
        ],
        exit: { code: 0, signal: null },
      });
    } finally {
      await terminal.close();
    }
  });

  it("CLI --prefix-stderr 'E: ': a \\r progress bar on stderr shows each step with its prefix, in place", async () => {
    const steps = ['\r33%', '\r66%', '\r100%\n'].map((step) => `err:${hex(step)}`);
    const terminal = await TmuxTerminal.start([process.execPath, cli, '--prefix-stderr', 'E: ', process.execPath, fixture('steps-on-input.mjs'), ...steps]);
    try {
      expect(await terminal.waitFor('E: 33%')).toBe('E: 33%');
      await terminal.press('Space');
      expect(await terminal.waitFor('E: 66%')).toBe('E: 66%');
      await terminal.press('Space');
      expect(await terminal.exitStatus()).toBe(0);
      expect(await terminal.screen()).toBe('E: 100%\n[exit 0]');
    } finally {
      await terminal.close();
    }
  });
});
