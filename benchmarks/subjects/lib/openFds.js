import { readdirSync } from 'node:fs';

/** How many file descriptors this process holds (Linux: /proc/self/fd); -1 where that cannot be read. */
export function countOpenFds() {
  try {
    return readdirSync('/proc/self/fd').length;
  } catch {
    return -1;
  }
}
