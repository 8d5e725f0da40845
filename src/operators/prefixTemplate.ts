import type { OutputEvent, OutputStreamName } from '../types.js';
import { colorByName } from './nameColor.js';

const PLACEHOLDER = /\{(name|index|pid)\}/g;

/** Whether a prefix uses `{name}`, `{index}` or `{pid}`. */
export function hasPlaceholder(template: string | undefined): boolean {
  return template !== undefined && /\{(name|index|pid)\}/.test(template);
}

/** What an output event may carry on a muxAll() timeline. */
type TaggedOutput = OutputEvent & { name?: string; index?: number };

/**
 * The heads of one subscription: each template expanded once per child and run (`{pid}` changes
 * with each spawn) and cached, so a line costs one array lookup. A placeholder whose value is
 * unknown (`{name}` on a single child's timeline) stays as it is.
 */
export class PrefixTemplates {
  /** Per child (index + 1; 0 for a timeline without indices): the pid and the expanded heads. */
  private readonly children: { pid: number | undefined; heads: Partial<Record<OutputStreamName, string>> }[] = [];

  constructor(
    private readonly templates: Partial<Record<OutputStreamName, string>>,
    private readonly colored: Record<OutputStreamName, boolean>,
  ) {}

  /** A spawn event starts a run with a new pid: its heads are expanded again. */
  observe(event: { type: string; pid?: number; index?: number }): void {
    if (event.type === 'spawn') this.children[(event.index ?? -1) + 1] = { pid: event.pid, heads: {} };
  }

  headOf(event: TaggedOutput): string | undefined {
    const slot = (event.index ?? -1) + 1;
    const child = (this.children[slot] ??= { pid: undefined, heads: {} });
    return (child.heads[event.type] ??= this.expand(event, child.pid));
  }

  private expand(event: TaggedOutput, pid: number | undefined): string {
    const template = this.templates[event.type] ?? '';
    const values: Record<string, string | undefined> = { name: event.name, index: event.index?.toString(), pid: pid?.toString() };
    const text = template.replace(PLACEHOLDER, (whole, key: string) => values[key] ?? whole);
    return this.colored[event.type] && text !== '' ? colorByName(event.name ?? '', text) : text;
  }
}
