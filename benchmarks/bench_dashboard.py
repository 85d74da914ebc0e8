"""The campaign dashboard at campaign scale: 100,000 submissions — open the window to painted, and the query.

Run (an X server gives real paints; without one Qt's offscreen platform is used):
    xvfb-run -a -s "-screen 0 1600x1000x24" env QT_QPA_PLATFORM=xcb \\
        /work/main/.venv/bin/python benchmarks/bench_dashboard.py [--rows 100000] [--reps 7] [--cache DIR]

How:
- the cache is filled in a child process by bench_queue.fill (realistic names, ~30% decided by two
  moderators), then 3,000 spots of three approved messages each are saved (``db.spots.save_spots``, the
  template the spot service makes), 2,000 of them with a passing render of their content, 1,500 air
  slots (1,000 carry a spot, half of them in the past) and one notification per placed message on
  those slots (sent, failed, deferred, sending); ``--cache DIR`` keeps (or reuses) it between runs;
- "open to painted": a real review window is not needed (the dashboard only reads the cache): a
  fresh ``Dashboard`` with a real ``TaskRunner`` is created and shown; the clock runs from the call
  that opens it until its ``painted`` signal (both charts and the figures painted with the report the
  quick lane read), each run on a fresh window;
- "report() alone": ``services.report.report`` on the calling thread, same cache;
- anchor: ``SELECT COUNT(*) FROM submissions`` on the same connection, same run.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

if "QT_QPA_PLATFORM" not in os.environ:
    os.environ["QT_QPA_PLATFORM"] = "xcb" if os.environ.get("DISPLAY") else "offscreen"

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parents[1]))

from _common import app, machine_load, summary, wait_until

from moderator_app.db import spot_batch, spots
from moderator_app.db.cache import Cache
from moderator_app.db.unit import transaction
from moderator_app.services.report import report
from moderator_app.services.spots import SpotService, template_to_dict
from moderator_app.tasks import TaskRunner

SPOTS = 3000
RENDERED = 2000
SLOTS = 1500
ASSIGNED = 1000
TIMEOUT_S = 60.0
TARGET_MS = 200.0


def fill_production(data_dir: Path, seed: int = 11) -> None:
    """Spots, renders, air slots and notifications on top of bench_queue's submissions and decisions."""
    rng = random.Random(seed)
    cache = Cache(data_dir)
    db = cache.db
    template = template_to_dict(SpotService(cache).template())
    approved: dict[str, list[str]] = {}
    for sid, country in db.execute("SELECT id, country FROM submissions WHERE status = 'approved' ORDER BY id"):
        approved.setdefault(country, []).append(sid)
    items = []
    for country, ids in sorted(approved.items()):
        for n in range(0, len(ids) - 2, 3):
            if len(items) >= SPOTS:
                break
            placements = [{"submission_id": sid, "in_frame": 0, "out_frame": 150, "title": "Pour Mamie — de Lucas"}
                          for sid in ids[n : n + 3]]
            items.append((f"auto-{country}-{n // 3 + 1:04d}", {**template, "country": country}, placements))
    saved = spots.save_spots(db, items, "auto")  # type: ignore[arg-type]
    rows = {r.spot_id: r for r in spots.list_spots(db)}
    for spot_id in saved[:RENDERED]:
        spot_batch.record_render(db, spot_id, "tf1-pad", f"/masters/{spot_id}.mxf", True, rows[spot_id].content, [])
    base = datetime(2020, 4, 10, 6, 0, tzinfo=UTC)
    slot_rows = []
    for n in range(SLOTS):
        at = base + timedelta(minutes=37 * n)
        spot_id = saved[n % len(saved)] if n < ASSIGNED else None
        slot_rows.append((f"TF1-{n:05d}", "FR", "TF1", "Le 13H", at.strftime("%Y-%m-%d"), at.strftime("%H:%M"),
                          "Europe/Paris", at.strftime("%Y-%m-%dT%H:%M:%SZ"), 30, spot_id,
                          rows[spot_id].content if spot_id else None, "2020-04-01T00:00:00Z"))
    states = ("sent",) * 8 + ("failed", "deferred", "sending")
    with transaction(db):
        db.conn.executemany(
            "INSERT INTO air_slots (slot_id, country, channel, programme, air_date, air_time, timezone, air_at,"
            " length_s, spot_id, spot_content, assigned_at, imported_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '2020-04-01T00:00:00Z', '2020-04-01T00:00:00Z')",
            slot_rows)
        notes = []
        for slot_id, *_rest, spot_id, _content, _assigned in slot_rows:
            if spot_id is None:
                continue
            for placement in rows[spot_id].placements:
                if placement is not None:
                    notes.append((placement["submission_id"], slot_id, "smtp", f"<{slot_id}@bench>",
                                  "2020-04-10T06:00:00Z", rng.choice(states), "2020-04-09T00:00:00Z"))
        db.conn.executemany(
            "INSERT INTO notifications (submission_id, slot_id, path, message_id, air_at, state, recorded_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)", notes)
    db.execute("ANALYZE")
    cache.close()


def build(data_dir: Path, rows: int) -> None:
    from bench_queue import fill

    fill(data_dir, rows)
    fill_production(data_dir)


def measure(data_dir: Path, reps: int) -> None:
    from moderator_app.ui.campaign.dashboard import Dashboard

    qt = app()
    cache = Cache(data_dir)
    count = cache.db.execute("SELECT COUNT(*) FROM submissions").fetchone()[0]
    print(f"cache: {count} submissions; {machine_load()}")
    t0 = time.perf_counter()
    cache.db.execute("SELECT COUNT(*) FROM submissions").fetchone()
    anchor = (time.perf_counter() - t0) * 1000
    query = []
    for _ in range(reps):
        t0 = time.perf_counter()
        figures = report(cache)
        query.append((time.perf_counter() - t0) * 1000)
    print(f"figures: received {figures.received}, approved {figures.approved}, in spots {figures.in_spots},"
          f" rendered {figures.rendered}, scheduled {figures.scheduled}, aired {figures.aired},"
          f" notified {figures.notified}, failed {figures.failed}, {figures.decisions} decisions")
    runner = TaskRunner()
    opened = []
    for _ in range(reps + 1):  # the first run warms Qt's fonts and styles: reported apart
        done: list[bool] = []
        t0 = time.perf_counter()
        window = Dashboard(cache, runner)
        window.painted.connect(lambda seen=done: seen.append(True))
        window.open_dashboard()
        if not wait_until(lambda seen=done: bool(seen), timeout_s=TIMEOUT_S, poll_ms=1):
            raise SystemExit("the dashboard did not paint")
        opened.append((time.perf_counter() - t0) * 1000)
        assert window.figures["received"].value_text() != "", "real figures shown"
        window.close()
        window.deleteLater()
        qt.processEvents()
    runner.shutdown()
    runner.join(timeout=30)
    print(summary("anchor: SELECT COUNT(*) FROM submissions", [anchor]))
    print(summary("report() alone (calling thread)", query))
    print(f"first open (cold fonts/styles): {opened[0]:.1f} ms")
    print(summary("open dashboard -> painted with figures", opened[1:]))
    verdict = "meets" if sorted(opened[1:])[len(opened[1:]) // 2] <= TARGET_MS else "MISSES"
    print(f"target <= {TARGET_MS:.0f} ms to painted: {verdict}")
    cache.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--reps", type=int, default=7)
    parser.add_argument("--cache", type=Path, default=None, help="keep (or reuse) the filled cache here")
    parser.add_argument("--fill-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.fill_only:
        build(args.cache, args.rows)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = args.cache or Path(tmp) / "cache"
        if not (data_dir / "cache.sqlite3").exists():
            t0 = time.perf_counter()
            subprocess.run([sys.executable, __file__, "--fill-only", "--rows", str(args.rows), "--cache",
                            str(data_dir)], check=True)
            print(f"filled in {time.perf_counter() - t0:.0f} s")
        measure(data_dir, args.reps)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
