# Scenario 9 peer: pexpect's PopenSpawn drives `cat`: sendline(i), then expect_exact(f"{i}\n"), COUNT
# times in a row. Run by /usr/bin/python3 (Debian's python3-pexpect); reports on fd 3 like the node subjects.
import json
import os
import resource
import sys
import time

from pexpect.popen_spawn import PopenSpawn


def percentile(values, p):
    """Nearest rank, as benchmarks/lib/stats.js."""
    ordered = sorted(values)
    rank = -(-p * len(ordered) // 100)  # ceil
    return ordered[min(len(ordered) - 1, max(0, rank - 1))]


def main():
    params = json.loads(sys.argv[1])
    count, warm_up = params["count"], params["warmUp"]
    usage_before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    child = PopenSpawn(["cat"], encoding="utf-8", timeout=30)
    samples, wrong = [], 0
    measured_from = time.perf_counter()
    for trip in range(1, count + 1):
        if trip == warm_up + 1:
            measured_from = time.perf_counter()
        sent_at = time.perf_counter()
        child.sendline(str(trip))
        child.expect_exact(f"{trip}\n")
        samples.append((time.perf_counter() - sent_at) * 1e6)
        if child.before != "":
            wrong += 1
    rate = (count - warm_up) / (time.perf_counter() - measured_from)
    child.sendeof()
    child.wait()
    wall_ms = (time.perf_counter() - started) * 1000
    usage = resource.getrusage(resource.RUSAGE_SELF)
    measured = samples[warm_up:]
    result = {
        "wallMs": wall_ms,
        "cpuS": usage.ru_utime + usage.ru_stime - usage_before.ru_utime - usage_before.ru_stime,
        "peakRssMB": usage.ru_maxrss / 1024,
        "trips": len(samples),
        "p50Us": percentile(measured, 50),
        "p99Us": percentile(measured, 99),
        "maxUs": percentile(measured, 100),
        "ratePerS": rate,
        "wrong": wrong,
    }
    os.write(3, json.dumps(result).encode())


main()
