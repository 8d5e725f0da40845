import { statSync } from 'node:fs';
import type { FdKind, FdReport } from '../types.js';

/** The parts of `fs.Stats` that tell what an fd is. */
export interface FdStats {
  isFIFO(): boolean;
  isSocket(): boolean;
  isFile(): boolean;
  isCharacterDevice(): boolean;
  rdev: number;
}

// Linux device numbers of terminals: 136-143 pty slaves (/dev/pts/N), 4 virtual consoles and serial
// lines (/dev/ttyN, /dev/ttySN), 5:0 /dev/tty, 5:1 /dev/console.
const PTY_SLAVE_MAJORS = { first: 136, last: 143 };
const TERMINAL_PATH = /^\/dev\/(pts\/\d+|tty[A-Za-z]*\d*|console)$/;
const NULL_DEVICE = { major: 1, minor: 3 };

/** Major number of a Linux device id (glibc's `major()`: 12 bits at 8, the rest from bit 32 on). */
export function deviceMajor(rdev: number): number {
  return ((rdev >>> 8) & 0xfff) | (Math.floor(rdev / 2 ** 32) & ~0xfff);
}

/** Minor number of a Linux device id (glibc's `minor()`). */
export function deviceMinor(rdev: number): number {
  return ((rdev & 0xff) | (Math.floor(rdev / 2 ** 12) & ~0xff)) >>> 0;
}

/** Whether a character device is a terminal, by its path (when known) or its device numbers. */
export function isTerminalDevice(rdev: number, path: string | undefined): boolean {
  if (path !== undefined && TERMINAL_PATH.test(path)) return true;
  const major = deviceMajor(rdev);
  if (major >= PTY_SLAVE_MAJORS.first && major <= PTY_SLAVE_MAJORS.last) return true;
  return major === 4 || (major === 5 && deviceMinor(rdev) <= 1);
}

/**
 * Says what an fd is from what the system tells about it: `link` is the text of its
 * `/proc/<pid>/fd/N` link (a path, or `pipe:[inode]`, `socket:[inode]`), `stats` its `stat()`.
 * Either may be missing (no /proc; the fd vanished between the two reads). `isatty` is the
 * answer of `isatty()` when it could be asked (our own fds); otherwise a terminal device counts as one.
 */
export function classifyFd(link: string | undefined, stats: FdStats | undefined, isatty?: boolean): FdReport {
  const kind = stats === undefined ? kindFromLink(link) : kindFromStats(stats, link, isatty);
  const report: FdReport = { kind, isatty: isatty ?? kind === 'tty' };
  if (link !== undefined) report.target = link;
  return report;
}

function kindFromStats(stats: FdStats, link: string | undefined, isatty: boolean | undefined): FdKind {
  const isPath = link?.startsWith('/') ?? false;
  if (stats.isFIFO()) return isPath ? 'fifo' : 'pipe';
  if (stats.isSocket()) return 'socket';
  if (stats.isFile()) return 'file';
  if (stats.isCharacterDevice()) {
    if (link === '/dev/null' || isNullDevice(stats.rdev)) return 'null';
    // isatty() knows, where device numbers are another system's (macOS numbers them otherwise).
    if (isatty === true || isTerminalDevice(stats.rdev, isPath ? link : undefined)) return 'tty';
  }
  return 'unknown';
}

let nullDeviceId: number | undefined;

/** Whether a device id is /dev/null's: Linux's 1:3, or whatever this system gives it. */
function isNullDevice(rdev: number): boolean {
  if (deviceMajor(rdev) === NULL_DEVICE.major && deviceMinor(rdev) === NULL_DEVICE.minor) return true;
  try {
    nullDeviceId ??= statSync('/dev/null').rdev;
  } catch {
    nullDeviceId = -1;
  }
  return rdev === nullDeviceId;
}

/** Best guess when only the link text is known. */
function kindFromLink(link: string | undefined): FdKind {
  if (link === undefined) return 'unknown';
  if (link.startsWith('pipe:[')) return 'pipe';
  if (link.startsWith('socket:[')) return 'socket';
  if (link === '/dev/null') return 'null';
  if (TERMINAL_PATH.test(link)) return 'tty';
  return 'unknown';
}
