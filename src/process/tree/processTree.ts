import type { ProcessEntry, ProcessTable } from './processTable.js';

/**
 * The running descendants of `roots` (children, their children, …) in `table`, not counting the
 * roots themselves. Only processes whose parent is still alive can be found: an orphan was
 * adopted by init (or a subreaper) and no longer points to the tree.
 */
export function descendantsOf(table: ProcessTable, roots: Iterable<number>): ProcessEntry[] {
  const children = new Map<number, ProcessEntry[]>();
  for (const entry of table.values()) {
    const siblings = children.get(entry.ppid);
    if (siblings === undefined) children.set(entry.ppid, [entry]);
    else siblings.push(entry);
  }
  const seen = new Set<number>(roots);
  const found: ProcessEntry[] = [];
  const queue = [...seen];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      if (seen.has(child.pid) || child.zombie) continue;
      seen.add(child.pid);
      found.push(child);
      queue.push(child.pid);
    }
  }
  return found;
}
