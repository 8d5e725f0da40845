import type { OutputFilter } from '../process/ports.js';
import type { OutputStreamName } from '../types.js';
import { RECORD_MARK } from './remoteWrapper.js';

/**
 * What the remote wrapper reports. `pid` is the command's, `pgid` its process group's (led by the
 * wrapper); `fds` has a letter per fd 0-2 (t tty, p pipe, s socket, f file, n /dev/null, u other, - closed).
 */
export type WrapperRecord =
  | { kind: 'start'; pid: number; pgid: number; fds: string; controllingTerminal: boolean; lineBuffering: 'stdbuf' | 'python' | 'none' }
  | { kind: 'exit'; status: number }
  | { kind: 'nocwd' }
  | { kind: 'notfound' }
  | { kind: 'notexec' };

// A record is short; a "record" longer than this without its newline is the command's own bytes.
const MAX_RECORD_BYTES = 256;
const NEWLINE = 0x0a;
const MAX_PREAMBLE_CHARS = 4096;
const EMPTY = Buffer.alloc(0);

/**
 * Takes the wrapper's records out of the command's stderr (before tee and decoding) and hands
 * them to `onRecord`; stdout passes untouched. A record is `\x1epmx<nonce> …\n`, found anywhere
 * (after an unfinished line of the command, or between a grandchild's writes). A chunk that ends
 * with the beginning of a record keeps those bytes back until the next chunk tells; the random
 * nonce makes a false match practically impossible.
 */
export class WrapperRecords implements OutputFilter {
  private readonly mark: Buffer;
  private held: Buffer | undefined;
  private started = false;
  private preambleText = '';
  /** The streams whose end came (ssh closed them). */
  readonly ended = new Set<OutputStreamName>();

  constructor(
    nonce: string,
    private readonly onRecord: (record: WrapperRecord) => void,
  ) {
    this.mark = Buffer.from(`${RECORD_MARK}${nonce} `, 'latin1');
  }

  write(stream: OutputStreamName, chunk: Buffer): Buffer {
    if (stream !== 'stderr') return chunk;
    const data = this.held === undefined ? chunk : Buffer.concat([this.held, chunk]);
    this.held = undefined;
    // The common case: no record separator in the chunk at all.
    if (data.indexOf(this.mark[0]!) === -1) return this.started ? data : this.keepAsPreamble(data);
    const kept: Buffer[] = [];
    let from = 0;
    for (;;) {
      const at = data.indexOf(this.mark, from);
      if (at === -1) {
        const partial = this.partialMarkAt(data, from);
        kept.push(data.subarray(from, partial));
        if (partial < data.length) this.held = data.subarray(partial);
        break;
      }
      const end = data.indexOf(NEWLINE, at + this.mark.length);
      if (end === -1) {
        kept.push(data.subarray(from, at));
        if (data.length - at <= MAX_RECORD_BYTES) this.held = data.subarray(at);
        else kept.push(data.subarray(at));
        break;
      }
      kept.push(data.subarray(from, at));
      const record = parseRecord(data.toString('latin1', at + this.mark.length, end));
      if (record === undefined) kept.push(data.subarray(at, end + 1));
      else this.take(record, kept);
      from = end + 1;
    }
    const own = kept.length === 1 ? kept[0]! : Buffer.concat(kept);
    return this.started ? own : this.keepAsPreamble(own);
  }

  /**
   * What came on stderr before the command started: not the command's (the login shell's or its
   * rc file's complaints), so not passed on; kept (the end of it) for the error message if the
   * command never starts.
   */
  get preamble(): string {
    return this.preambleText;
  }

  private take(record: WrapperRecord, kept: Buffer[]): void {
    if (record.kind === 'start' && !this.started) {
      this.started = true;
      this.keepAsPreamble(Buffer.concat(kept.splice(0)));
    }
    this.onRecord(record);
  }

  private keepAsPreamble(bytes: Buffer): Buffer {
    this.preambleText = (this.preambleText + bytes.toString('utf8')).slice(-MAX_PREAMBLE_CHARS);
    return EMPTY;
  }

  end(stream: OutputStreamName): Buffer | undefined {
    this.ended.add(stream);
    if (stream !== 'stderr') return undefined;
    const rest = this.held;
    this.held = undefined;
    return rest === undefined || this.started ? rest : this.keepAsPreamble(rest);
  }

  /** Where a proper prefix of the mark begins at the very end of `data` (`data.length` when none does). */
  private partialMarkAt(data: Buffer, from: number): number {
    const first = this.mark[0]!;
    for (let at = Math.max(from, data.length - this.mark.length + 1); at < data.length; at++) {
      if (data[at] === first && this.mark.subarray(0, data.length - at).equals(data.subarray(at))) return at;
    }
    return data.length;
  }
}

/** One record's words after the mark, or undefined when they are not a record of ours. */
export function parseRecord(text: string): WrapperRecord | undefined {
  const words = text.split(' ');
  switch (words[0]) {
    case 'start': {
      const [, pid, pgid, fds, ctty, buffering] = words;
      if (!/^\d+$/.test(pid ?? '') || !/^\d+$/.test(pgid ?? '') || !/^[tpsfnu-]{3}$/.test(fds ?? '') || (ctty !== '0' && ctty !== '1')) return undefined;
      const lineBuffering = buffering === 's' ? 'stdbuf' : buffering === 'p' ? 'python' : 'none';
      return { kind: 'start', pid: Number(pid), pgid: Number(pgid), fds: fds!, controllingTerminal: ctty === '1', lineBuffering };
    }
    case 'exit':
      return words.length === 2 && /^\d+$/.test(words[1]!) ? { kind: 'exit', status: Number(words[1]) } : undefined;
    case 'nocwd':
    case 'notfound':
    case 'notexec':
      return words.length === 1 ? { kind: words[0] } : undefined;
    default:
      return undefined;
  }
}
