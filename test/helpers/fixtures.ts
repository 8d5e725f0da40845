import { fileURLToPath } from 'node:url';

/** Absolute path of a fixture script under test/fixtures/. */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
}

/** `[node, [script, ...args]]` for running a node fixture as a child. */
export function nodeFixture(name: string, ...args: string[]): [string, string[]] {
  return [process.execPath, [fixture(name), ...args]];
}
