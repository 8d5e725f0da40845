/** The longest delay Node's timers take (2^31 − 1 ms, about 24.8 days): a longer one fires after 1 ms. */
export const MAX_DELAY_MS = 2 ** 31 - 1;
