import type { ChildProcess } from 'node:child_process';
import type { RemoteOptions } from '../../../src/index.js';

/** The reason remote tests cannot run here (no sshd or ssh, or a test sshd that does not let this user in), or undefined when they can. */
export function sshdUnavailable(): Promise<string | undefined>;

/** Starts a real sshd on one free port of each loopback address, with generated keys in a private dir. */
export function startSshd(options?: { addresses?: string[] }): Promise<TestSshd>;

export class TestSshd {
  readonly dir: string;
  readonly port: number;
  readonly addresses: string[];
  readonly child: ChildProcess;
  /** The authorized key. */
  readonly userKey: string;
  /** A key sshd does not accept. */
  readonly otherKey: string;
  readonly knownHosts: string;
  remote(address?: string, extra?: Partial<RemoteOptions>): RemoteOptions;
  plainSshArgs(address?: string): string[];
  sshOptions(): Record<string, string>;
  /** The last few KiB of what sshd said since it listened (why a login was refused). */
  log(): string;
  stop(): Promise<void>;
}
