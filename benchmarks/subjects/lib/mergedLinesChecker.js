const OPEN_BRACKET = 0x5b;
const DIGIT_0 = 0x30;
// concurrently adds "[0] seq 1000000 exited with code 0" when a command ends.
const EXIT_NOTICE = /^\[\d+\] .* exited with code/;

/**
 * Checks merged, prefixed `seq` output: every line must be "[child] n" with n counting up from 1
 * for each child. A line that does not parse was torn or interleaved with another. Parsed by
 * hand, not by a RegExp, so that the check costs the subjects little.
 */
export class MergedLinesChecker {
  constructor(children) {
    this.nextNumber = new Array(children).fill(1);
    this.lines = 0;
    this.torn = 0;
    this.outOfOrder = 0;
  }

  checkLine(line) {
    const close = line.indexOf('] ');
    const child = line.charCodeAt(0) === OPEN_BRACKET ? parseDigits(line, 1, close) : -1;
    const number = child >= 0 && child < this.nextNumber.length ? parseDigits(line, close + 2, line.length) : -1;
    if (number < 0) {
      if (!EXIT_NOTICE.test(line)) this.torn++;
      return;
    }
    if (number !== this.nextNumber[child]) this.outOfOrder++;
    this.nextNumber[child] = number + 1;
    this.lines++;
  }

  result() {
    return { lines: this.lines, torn: this.torn, outOfOrder: this.outOfOrder };
  }
}

/** The decimal number in text[start, end), or -1 when it is empty or holds anything but digits. */
function parseDigits(text, start, end) {
  if (end <= start) return -1;
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = text.charCodeAt(i) - DIGIT_0;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}
