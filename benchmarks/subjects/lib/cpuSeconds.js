/** CPU time (user + system, seconds) this process spent since `before` (a process.cpuUsage() value). */
export function cpuSecondsSince(before) {
  const { user, system } = process.cpuUsage(before);
  return (user + system) / 1e6;
}
