// Benchmark 12: each remote subject starts its own sshd on loopback (outside the measured time),
// with the helper the tests use, and gives what a client needs to reach it.
import { sshdUnavailable, startSshd } from '../../../test/remote/support/sshd.mjs';

/** The server, the `remote` option for pipemux, and the same options as arguments of a plain `ssh`. */
export async function startServer() {
  const unavailable = await sshdUnavailable();
  if (unavailable !== undefined) return { unavailable };
  const sshd = await startSshd();
  const remote = sshd.remote();
  return { sshd, remote, sshArgs: sshd.plainSshArgs() };
}
