"""``sync --server`` against a platform whose listing never ends: peak RSS and time to the error.

Figure (issue 15): the real CLI, ``moderator-app sync --server URL``, as a subprocess against the test
server in ``--hostile-listing endless`` mode (a 200 whose chunked JSON body streams records for
ever, as fast as loopback carries them). Targets: peak RSS of the CLI process <= 300 MB, time from
start to its exit with the "answer too large" error <= 60 s.
Anchor, same run, alternating: the same command against an honest server listing 20 small records
(64 KiB random-byte clips: downloaded, verified, then quarantined by the decode check).
Peak RSS is the child's own ru_maxrss (os.wait4), so neither this script nor the server counts.
The server runs in its own process so its GIL does not pace the client.

    /work/main/.venv/bin/python benchmarks/bench_hostile_http.py [--reps 5]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TOKEN = "bench-token"


def start_server(hostile: str | None) -> tuple[subprocess.Popen[str], str]:
    cmd = [sys.executable, "-m", "tests.support.platform_server", "--items", "20", "--port", "0",
           "--token", TOKEN, "--clip-size", str(64 * 1024)]
    if hostile:
        cmd += ["--hostile-listing", hostile]
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if not line:
        proc.kill()
        raise SystemExit("the test server did not start")
    return proc, json.loads(line)["url"]


def run_sync(url: str) -> tuple[float, float, int, str]:
    """One ``sync --server`` in a fresh data folder: (seconds, peak RSS MB, exit code, stderr)."""
    env = {**os.environ, "MODERATOR_TOKEN": TOKEN, "PYTHONPATH": str(REPO)}
    with tempfile.TemporaryDirectory(prefix="bench-hostile-") as data:
        started = time.monotonic()
        proc = subprocess.Popen([sys.executable, "-m", "moderator_app", "--data-dir", data, "sync", "--server", url],
                                cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        assert proc.stderr is not None
        err = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.monotonic() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024, proc.returncode, err


def line(name: str, values: list[float], unit: str) -> str:
    med = statistics.median(values)
    return (f"{name:<34} median {med:8.2f} {unit}  min {min(values):8.2f}  max {max(values):8.2f}  "
            f"(n={len(values)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reps", type=int, default=5)
    args = parser.parse_args()
    hostile, hostile_url = start_server("endless")
    honest, honest_url = start_server(None)
    results: dict[str, tuple[list[float], list[float]]] = {"endless listing": ([], []), "anchor: 20 records": ([], [])}
    try:
        for rep in range(args.reps):
            for name, url in (("endless listing", hostile_url), ("anchor: 20 records", honest_url)):
                elapsed, rss, code, err = run_sync(url)
                if name == "endless listing" and "answer too large" not in err:
                    raise SystemExit(f"rep {rep}: no 'answer too large' error (exit {code}): {err[-500:]}")
                results[name][0].append(elapsed)
                results[name][1].append(rss)
                if rep == 0:
                    print(f"{name}: exit {code}; {err.strip().splitlines()[-1] if err.strip() else ''}")
    finally:
        for proc in (hostile, honest):
            proc.terminate()
            proc.wait(10)
    print(f"load average {os.getloadavg()[0]:.2f}, {os.cpu_count()} CPUs, {args.reps} reps alternating")
    for name, (times, rsses) in results.items():
        print(line(f"{name}: time to exit", times, "s "))
        print(line(f"{name}: peak RSS", rsses, "MB"))
    worst_rss, worst_time = max(results["endless listing"][1]), max(results["endless listing"][0])
    verdict = "PASS" if worst_rss <= 300 and worst_time <= 60 else "FAIL"
    print(f"target peak RSS <= 300 MB and time <= 60 s (worst rep): {verdict} ({worst_rss:.0f} MB, {worst_time:.2f} s)")


if __name__ == "__main__":
    main()
