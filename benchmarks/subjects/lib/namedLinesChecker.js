const ESCAPE = 0x1b;
const LETTER_M = 0x6d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const SPACE = 0x20;
const DIGIT_0 = 0x30;
// concurrently adds "[alpha] seq 1000000 exited with code 0" when a command ends.
const EXIT_NOTICE = /exited with code/;

/**
 * Checks merged `seq` output prefixed with coloured names: every line must be "[name] n", the
 * name (one of `names`) and the space optionally wrapped in colour codes, in either subject's
 * layout (`ESC[36m[name] ESC[39mn` or `ESC[36m[name]ESC[39m n`), with n counting up from 1 for each
 * child. A line that does not parse was torn or interleaved with another. Parsed in place with
 * charCodeAt (no RegExp, no substring per line), so that the check costs every subject little.
 */
export class NamedLinesChecker {
  constructor(names) {
    this.names = names;
    this.nextNumber = new Array(names.length).fill(1);
    this.lines = 0;
    this.torn = 0;
    this.outOfOrder = 0;
  }

  /** Checks the line text[start, end) (the whole string by default). */
  checkLine(text, start = 0, end = text.length) {
    let i = skipColor(text, start, end);
    const child = text.charCodeAt(i) === OPEN_BRACKET ? this.nameAt(text, i + 1) : -1;
    if (child >= 0) i += this.names[child].length + 1;
    if (child < 0 || text.charCodeAt(i) !== CLOSE_BRACKET) return this.notALine(text, start, end);
    i = skipColor(text, i + 1, end);
    let spaces = 0;
    if (text.charCodeAt(i) === SPACE) {
      spaces++;
      i++;
    }
    i = skipColor(text, i, end);
    if (text.charCodeAt(i) === SPACE) {
      spaces++;
      i++;
    }
    let number = 0;
    const digitsStart = i;
    for (; i < end; i++) {
      const digit = text.charCodeAt(i) - DIGIT_0;
      if (digit < 0 || digit > 9) return this.notALine(text, start, end);
      number = number * 10 + digit;
    }
    if (spaces !== 1 || i === digitsStart) return this.notALine(text, start, end);
    if (number !== this.nextNumber[child]) this.outOfOrder++;
    this.nextNumber[child] = number + 1;
    this.lines++;
  }

  /** Checks the complete lines of a piece of text output; returns the unfinished tail to prepend to the next piece. */
  checkText(text) {
    let start = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
      this.checkLine(text, start, newline);
      start = newline + 1;
    }
    return text.slice(start);
  }

  result() {
    return { lines: this.lines, torn: this.torn, outOfOrder: this.outOfOrder };
  }

  /** The index of the name that starts at `at`, if it is followed by "]". */
  nameAt(text, at) {
    for (let child = 0; child < this.names.length; child++) {
      const name = this.names[child];
      if (text.startsWith(name, at) && text.charCodeAt(at + name.length) === CLOSE_BRACKET) return child;
    }
    return -1;
  }

  notALine(text, start, end) {
    if (!EXIT_NOTICE.test(text.slice(start, end))) this.torn++;
  }
}

/** Skips one colour code (ESC [ … m) at `i`, if there is one. */
function skipColor(text, i, end) {
  if (text.charCodeAt(i) !== ESCAPE) return i;
  let j = i + 1;
  while (j < end && text.charCodeAt(j) !== LETTER_M) j++;
  return j + 1;
}
