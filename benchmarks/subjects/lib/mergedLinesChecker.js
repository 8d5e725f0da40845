const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const SPACE = 0x20;
const DIGIT_0 = 0x30;
// concurrently adds "[0] seq 1000000 exited with code 0" when a command ends.
const EXIT_NOTICE = /^\[\d+\] .* exited with code/;

/**
 * Checks merged, prefixed `seq` output: every line must be "[child] n" with n counting up from 1
 * for each child. A line that does not parse was torn or interleaved with another. Parsed in place
 * by hand (no RegExp, no substring per line), so that the check costs every subject little.
 */
export class MergedLinesChecker {
  constructor(children) {
    this.nextNumber = new Array(children).fill(1);
    this.lines = 0;
    this.torn = 0;
    this.outOfOrder = 0;
  }

  /** Checks the line text[start, end) (the whole string by default). */
  checkLine(text, start = 0, end = text.length) {
    const childEnd = text.charCodeAt(start) === OPEN_BRACKET ? scanDigits(text, start + 1, end) : -1;
    const valid =
      childEnd > start + 1 &&
      text.charCodeAt(childEnd) === CLOSE_BRACKET &&
      text.charCodeAt(childEnd + 1) === SPACE &&
      scanDigits(text, childEnd + 2, end) === end &&
      end > childEnd + 2;
    const child = valid ? parseDigits(text, start + 1, childEnd) : -1;
    if (child < 0 || child >= this.nextNumber.length) {
      if (!EXIT_NOTICE.test(text.slice(start, end))) this.torn++;
      return;
    }
    const number = parseDigits(text, childEnd + 2, end);
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
}

/** Where the run of digits starting at `start` ends (at most `end`). */
function scanDigits(text, start, end) {
  let i = start;
  while (i < end && text.charCodeAt(i) - DIGIT_0 >= 0 && text.charCodeAt(i) - DIGIT_0 <= 9) i++;
  return i;
}

function parseDigits(text, start, end) {
  let value = 0;
  for (let i = start; i < end; i++) value = value * 10 + (text.charCodeAt(i) - DIGIT_0);
  return value;
}
