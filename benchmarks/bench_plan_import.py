"""How long ``schedule import`` takes for a 10,000-slot media plan (a year of several channels).

Writes one plan of ``--rows`` slots (four countries and zones, two dates a minute apart per channel) as CSV
(``;``, with a BOM, as a French spreadsheet exports it) and as ``.xlsx`` (openpyxl), then times, ``--runs``
times each, through the service the CLI and the window call:

* parse only (read, validate, compute every UTC instant);
* import into an empty cache (parse + one transaction of inserts);
* the same plan again (nothing changes: the idempotent path);
* the ``.xlsx`` into an empty cache.

    PYTHONPATH=. .venv/bin/python benchmarks/bench_plan_import.py [--rows 10000] [--runs 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook

from moderator_app.db.cache import Cache
from moderator_app.onair.plan import COLUMNS, parse_plan
from moderator_app.services.schedule import ScheduleService

PLACES = (("FR", "Europe/Paris", "TF1"), ("LU", "Europe/Luxembourg", "RTL Télé Lëtzebuerg"),
          ("TN", "Africa/Tunis", "El Watania 1"), ("MA", "Africa/Casablanca", "2M"))


def rows(count: int) -> list[list[object]]:
    start = dt.datetime(2020, 4, 1, 6, 0)
    out: list[list[object]] = []
    for i in range(count):
        country, zone, channel = PLACES[i % len(PLACES)]
        when = start + dt.timedelta(minutes=7 * (i // len(PLACES)))
        if zone == "Europe/Paris" and when.date() == dt.date(2020, 10, 25) and when.hour == 2:
            when += dt.timedelta(hours=1)
        if when.hour == 2 and when.date() in (dt.date(2020, 3, 29), dt.date(2021, 3, 28)):
            when += dt.timedelta(hours=1)  # never in a spring-forward gap: the plan must import
        out.append([f"{country}-{i:06d}", country, channel, "avant la météo", when.date().isoformat(),
                    when.strftime("%H:%M"), zone, (10, 15, 20, 30, 45)[i % 5]])
    return out


def write_csv(path: Path, data: list[list[object]]) -> None:
    lines = [";".join(COLUMNS)] + [";".join(str(c) for c in row) for row in data]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")


def write_xlsx(path: Path, data: list[list[object]]) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(list(COLUMNS))
    for row in data:
        sheet.append(row)
    book.save(path)


def timed(runs: int, setup: Callable[[int], Callable[[], object]]) -> list[float]:
    out = []
    for n in range(runs):
        fn = setup(n)
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def show(name: str, values: list[float]) -> None:
    print(f"{name:<34} median {statistics.median(values):8.1f} ms   min {min(values):8.1f}   max {max(values):8.1f}"
          f"   (n={len(values)})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-plan-") as tmp:
        folder = Path(tmp)
        data = rows(args.rows)
        csv_path, xlsx_path = folder / "plan.csv", folder / "plan.xlsx"
        write_csv(csv_path, data)
        write_xlsx(xlsx_path, data)
        print(f"{args.rows} slots: CSV {csv_path.stat().st_size / 1e6:.2f} MB, xlsx {xlsx_path.stat().st_size / 1e6:.2f} MB")
        caches: list[Cache] = []

        def service(label: str) -> ScheduleService:
            cache = Cache(folder / label)
            caches.append(cache)
            return ScheduleService(cache)

        def fresh(n: int, label: str, path: Path) -> Callable[[], object]:
            """An import of ``path`` into a new cache (opened and migrated before the clock starts)."""
            target = service(f"{label}-{n}")
            return lambda: target.import_plan(path)

        show("parse CSV", timed(args.runs, lambda n: lambda: parse_plan(csv_path)))
        show("import CSV into an empty cache", timed(args.runs, lambda n: fresh(n, "csv", csv_path)))
        again = service("again")
        summary = again.import_plan(csv_path)
        assert summary.added == args.rows, summary
        show("import the same CSV again", timed(args.runs, lambda n: lambda: again.import_plan(csv_path)))
        assert again.import_plan(csv_path).unchanged == args.rows
        show("import xlsx into an empty cache", timed(args.runs, lambda n: fresh(n, "xlsx", xlsx_path)))
        for cache in caches:
            cache.close()


if __name__ == "__main__":
    main()
