import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import { setTimeout as delay } from 'node:timers/promises';

const run = promisify(execFile);
let sessions = 0;

/** Quotes one word for /bin/sh. */
export function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/** Whether a program is on PATH (for skipping tests, with a reason, where it is missing). */
export async function hasProgram(name: string, versionFlag = '-V'): Promise<boolean> {
  return run(name, [versionFlag]).then(
    () => true,
    () => false,
  );
}

/**
 * A real terminal for a test: a detached tmux session on its own server (so tests never share
 * one), running COMMAND as a person would at a prompt. The test reads the screen and types keys.
 * When the command ends, `[exit N]` is printed on the screen and the pane stays.
 */
export class TmuxTerminal {
  private constructor(
    private readonly socket: string,
    /** The server's socket file, which tmux leaves behind when the server ends. */
    private readonly socketPath: string,
  ) {}

  static async start(command: readonly string[], options: { width?: number; height?: number; env?: Record<string, string> } = {}): Promise<TmuxTerminal> {
    const socket = `pipemux-test-${process.pid}-${++sessions}`;
    const exports = Object.entries(options.env ?? {})
      .map(([name, value]) => `export ${name}=${shellWord(value)}; `)
      .join('');
    // `trap : INT`: a Ctrl-C typed at the command must not end this wrapper shell (and the session)
    // with it; a trap, unlike an ignored signal, is not inherited by the command.
    const script = `trap : INT; ${exports}${command.map(shellWord).join(' ')}; echo "[exit $?]"; exec sleep 86400`;
    const size = ['-x', String(options.width ?? 100), '-y', String(options.height ?? 20)];
    await run('tmux', ['-L', socket, '-f', '/dev/null', 'new-session', '-d', ...size, 'sh', '-c', script]);
    const { stdout } = await run('tmux', ['-L', socket, 'display-message', '-p', '#{socket_path}']);
    return new TmuxTerminal(socket, stdout.trim());
  }

  /** The screen's text now, one line per row, trailing blanks trimmed. */
  async screen(): Promise<string> {
    const { stdout } = await run('tmux', ['-L', this.socket, 'capture-pane', '-p']);
    return stdout.replace(/\s+$/, '');
  }

  /**
   * Waits until the screen shows `wanted` (text, pattern, or test), reading it every 25 ms: a
   * terminal raises no event we could wait on. Rejects after `deadlineMs` with the last screen.
   */
  async waitFor(wanted: string | RegExp | ((screen: string) => boolean), deadlineMs = 15_000): Promise<string> {
    const matches = typeof wanted === 'string' ? (s: string) => s.includes(wanted) : wanted instanceof RegExp ? (s: string) => wanted.test(s) : wanted;
    const deadline = performance.now() + deadlineMs;
    for (;;) {
      const screen = await this.screen();
      if (matches(screen)) return screen;
      if (performance.now() > deadline) throw new Error(`the screen did not show ${String(wanted)} within ${deadlineMs} ms; it shows:\n${screen}`);
      await delay(25);
    }
  }

  /** Waits for the command to end and gives its exit status (from the `[exit N]` line). */
  async exitStatus(deadlineMs = 15_000): Promise<number> {
    const screen = await this.waitFor(/\[exit \d+\]/, deadlineMs);
    return Number(/\[exit (\d+)\]/.exec(screen)![1]);
  }

  /** Types text as it is (no key names). */
  async type(text: string): Promise<void> {
    await run('tmux', ['-L', this.socket, 'send-keys', '-l', text]);
  }

  /** Presses keys by name: `Enter`, `Escape`, `C-c`, … */
  async press(...keys: string[]): Promise<void> {
    await run('tmux', ['-L', this.socket, 'send-keys', ...keys]);
  }

  /** Ends the session and everything running in it. */
  async close(): Promise<void> {
    await run('tmux', ['-L', this.socket, 'kill-server']).catch(() => {});
    await rm(this.socketPath, { force: true });
  }
}
