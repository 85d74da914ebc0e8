"""Platform sync throughput: our client versus curl against the same server, in the same run.

Figure: pull all 10,000 queued records (20 pages of 500) + download 200 clips of 2 MB with
``iter_downloads(workers=4)`` (streamed to .part, sha256-verified, fsynced, renamed), the clips of
the first page downloading while the later pages are listed (as PlatformSync does).
Anchor (the issue's target): ``curl --parallel --parallel-max 4`` fetching the same 200 URLs (no
verification, no fsync). Floor anchors, what the same work costs with standard tools, same run:
- curl + ``sync FILES`` (fsync of curl's files): the download made durable, unverified;
- curl + ``openssl dgst -sha256`` (2 processes, like our hashing spread over the download threads;
  the same OpenSSL code as hashlib) + ``sync``:
  the same guarantees as ours, done one after the other;
- ``dd if=/dev/zero bs=1M conv=fsync`` of the same byte count: the disk's durable write alone.
The test server runs in its own process so its GIL does not slow the client down (or curl).

    /work/venv/bin/python benchmarks/bench_download.py [--reps 5] [--records 10000] [--clips 200]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from moderator_app.sources.platform.client import DownloadJob, PlatformClient

TOKEN = "bench-token"


def start_server(records: int, clips: int, clip_size: int) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.support.platform_server", "--items", str(records), "--port", "0",
         "--token", TOKEN, "--clip-size", str(clip_size), "--distinct-clips", str(clips)],
        cwd=REPO, stdout=subprocess.PIPE, text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if not line:
        proc.kill()
        raise SystemExit("the test server did not start")
    return proc, json.loads(line)["url"]


def cpu_s(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def run_ours(url: str, clips: int, folder: Path) -> tuple[float, float, int]:
    """Returns (total seconds, seconds from the first clip request to the last clip, records pulled)."""
    started = time.perf_counter()
    with PlatformClient(url, TOKEN) as client:
        pages = client.iter_queued(limit=500)
        records: list[dict[str, Any]] = []
        for page in pages:  # list until the clips to fetch are known (the first page)
            records += page
            if len(records) >= clips:
                break
        downloads_started = time.perf_counter()
        jobs = [DownloadJob(r["clip"]["url"], folder / f"{r['id']}.mp4", r["clip"]["sha256"], r["clip"]["size"],
                            key=r["id"]) for r in records[:clips]]
        outcomes = []
        for outcome in client.iter_downloads(jobs, workers=4, idle_s=0.05):
            if outcome is not None:
                outcomes.append(outcome)
            for page in itertools.islice(pages, 1):  # one page of the rest of the listing per step
                records += page
        downloads_done = time.perf_counter()
        for page in pages:
            records += page
    finished = time.perf_counter()
    failed = [o for o in outcomes if not o.ok]
    if failed or len(outcomes) != clips:
        raise SystemExit(f"{len(failed)} downloads failed, first: {failed[0].error!r}")
    return finished - started, downloads_done - downloads_started, len(records)


def run_fsync(folder: Path) -> float:
    files = sorted(str(p) for p in folder.iterdir())
    started = time.perf_counter()
    subprocess.run(["sync", *files], check=True)  # coreutils: fsync each file named
    return time.perf_counter() - started


def run_dd(folder: Path, total_bytes: int) -> float:
    target = folder / "dd.bin"
    started = time.perf_counter()
    subprocess.run(["dd", "if=/dev/zero", f"of={target}", "bs=1M", f"count={total_bytes >> 20}", "conv=fsync"],
                   check=True, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - started
    target.unlink()
    return elapsed


def hash_command() -> list[str]:
    """OpenSSL's sha256 (SHA-NI where the CPU has it), the code hashlib runs; coreutils' sha256sum
    here is 3x slower and would make the anchor look worse than what we do."""
    openssl = shutil.which("openssl")
    return [openssl, "dgst", "-sha256"] if openssl else ["sha256sum"]


def run_sha256sum(folder: Path) -> float:
    files = sorted(str(p) for p in folder.iterdir())
    half = len(files) // 2
    command = hash_command()
    started = time.perf_counter()
    procs = [subprocess.Popen([*command, *chunk], stdout=subprocess.DEVNULL) for chunk in (files[:half], files[half:])]
    for proc in procs:
        if proc.wait() != 0:
            raise SystemExit("hashing failed")
    return time.perf_counter() - started


def run_curl(curl: str, urls: list[str], folder: Path) -> float:
    config = folder.parent / f"{folder.name}.curlrc"
    lines = [f'header = "Authorization: Bearer {TOKEN}"']
    for index, url in enumerate(urls):
        lines += [f'url = "{url}"', f'output = "{folder / f"{index}.mp4"}"']
    config.write_text("\n".join(lines) + "\n")
    folder.mkdir()
    started = time.perf_counter()
    subprocess.run([curl, "--parallel", "--parallel-max", "4", "--fail", "--silent", "--show-error", "--no-progress-meter",
                    "--config", str(config)], check=True)
    elapsed = time.perf_counter() - started
    config.unlink()
    return elapsed


def spread(values: list[float]) -> str:
    return f"median {statistics.median(values):7.3f} s  (min {min(values):.3f}, max {max(values):.3f})"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--clips", type=int, default=200)
    parser.add_argument("--clip-size", type=int, default=2 * 1024 * 1024)
    args = parser.parse_args()
    curl = shutil.which("curl")
    if curl is None:
        raise SystemExit("curl is needed for the anchor (apt-get install curl)")
    proc, url = start_server(args.records, args.clips, args.clip_size)
    work = Path(tempfile.mkdtemp(prefix="bench-download-"))
    ours_total: list[float] = []
    ours_download: list[float] = []
    curl_times: list[float] = []
    curl_hash_times: list[float] = []
    curl_sync_times: list[float] = []
    curl_floor_times: list[float] = []
    dd_times: list[float] = []
    ours_cpu: list[float] = []
    curl_cpu: list[float] = []
    total_bytes = args.clips * args.clip_size
    try:
        with PlatformClient(url, TOKEN) as client:  # the clip URLs curl will fetch
            first = next(client.iter_queued(limit=min(500, args.clips)))
        urls = [r["clip"]["url"] for r in first[: args.clips]]
        for rep in range(args.reps):
            order = ("ours", "curl") if rep % 2 == 0 else ("curl", "ours")
            for who in order:
                folder = work / f"{who}-{rep}"
                if who == "ours":
                    cpu_before = cpu_s(resource.RUSAGE_SELF)
                    total, download, count = run_ours(url, args.clips, folder)
                    ours_cpu.append(cpu_s(resource.RUSAGE_SELF) - cpu_before)
                    assert count == args.records, count
                    ours_total.append(total)
                    ours_download.append(download)
                else:
                    cpu_before = cpu_s(resource.RUSAGE_CHILDREN)  # the server child is still running
                    curl_times.append(run_curl(curl, urls, folder))
                    curl_cpu.append(cpu_s(resource.RUSAGE_CHILDREN) - cpu_before)
                    hashed = run_sha256sum(folder)
                    synced = run_fsync(folder)
                    curl_hash_times.append(curl_times[-1] + hashed)
                    curl_sync_times.append(curl_times[-1] + synced)
                    curl_floor_times.append(curl_times[-1] + hashed + synced)
                sizes = sum(p.stat().st_size for p in folder.iterdir())
                assert sizes == total_bytes, (who, sizes)
                shutil.rmtree(folder)
            dd_times.append(run_dd(work, total_bytes))
            print(f"rep {rep + 1}: ours {ours_total[-1]:.3f} s (downloads {ours_download[-1]:.3f} s), "
                  f"curl {curl_times[-1]:.3f} s, curl+sha256+sync {curl_floor_times[-1]:.3f} s, "
                  f"dd fsync {dd_times[-1]:.3f} s", flush=True)
    finally:
        proc.terminate()
        proc.wait(10)
        shutil.rmtree(work, ignore_errors=True)

    mb = total_bytes / 1e6
    print(f"\n{args.records} records + {args.clips} clips x {args.clip_size / 1e6:.1f} MB "
          f"({mb:.0f} MB), workers=4, {args.reps} reps, cpus={os.cpu_count()}")
    print(f"ours pull+download : {spread(ours_total)}  -> {mb / statistics.median(ours_total):6.1f} MB/s")
    print(f"ours download only : {spread(ours_download)}  -> {mb / statistics.median(ours_download):6.1f} MB/s")
    print(f"curl --parallel 4  : {spread(curl_times)}  -> {mb / statistics.median(curl_times):6.1f} MB/s")
    print(f"curl + sha256     : {spread(curl_hash_times)}  -> {mb / statistics.median(curl_hash_times):6.1f} MB/s"
          "  (verified, not durable)")
    print(f"curl + sync (fsync): {spread(curl_sync_times)}  -> {mb / statistics.median(curl_sync_times):6.1f} MB/s"
          "  (durable, not verified)")
    print(f"curl + sha256 + sync: {spread(curl_floor_times)}  -> {mb / statistics.median(curl_floor_times):6.1f} MB/s"
          "  (floor anchor: our guarantees with standard tools, one step after the other)")
    print(f"dd {total_bytes >> 20} MiB conv=fsync: {spread(dd_times)}  -> {mb / statistics.median(dd_times):6.1f} MB/s"
          "  (the disk's durable write alone)")
    print(f"client CPU (user+sys), median: ours {statistics.median(ours_cpu):.2f} s, "
          f"curl {statistics.median(curl_cpu):.2f} s (the server runs in its own process, not counted)")
    ratio_total = statistics.median(curl_times) / statistics.median(ours_total)
    ratio_download = statistics.median(curl_times) / statistics.median(ours_download)
    print(f"throughput ratio ours/curl: {ratio_total:.2f} (pull+download), {ratio_download:.2f} (downloads)"
          f"; target >= 0.90")
    per_rep = [c / o for c, o in zip(curl_times, ours_total, strict=True)]
    print(f"  per rep (pull+download): median {statistics.median(per_rep):.2f} (min {min(per_rep):.2f}, "
          f"max {max(per_rep):.2f})")
    floor_total = statistics.median(curl_floor_times) / statistics.median(ours_total)
    floor_download = statistics.median(curl_floor_times) / statistics.median(ours_download)
    print(f"ratio ours/(curl+sha256+sync): {floor_total:.2f} (pull+download), {floor_download:.2f} (downloads)")
    load = os.getloadavg()
    print(f"load average at the end (shared machine): {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    pressure = Path("/proc/pressure/cpu")
    if pressure.exists():  # load from other tenants of the VM, which the load average does not show
        print(f"CPU pressure (PSI, % of time some task waited for a CPU): {pressure.read_text().splitlines()[0]}")


if __name__ == "__main__":
    main()
