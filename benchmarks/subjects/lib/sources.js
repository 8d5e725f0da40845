/** The commands that produce the scenarios' data, so every subject runs exactly the same child. */

/** `bytes` zero bytes: no newline at all (a chunk stream, or one long line). */
export const zeroBytes = (bytes) => ['head', ['-c', String(bytes), '/dev/zero']];

/** `count` short lines: "1" … "count". */
export const numberLines = (count) => ['seq', [String(count)]];
