"""The queue at campaign scale: 100,000 submissions — open, filter, search, sort, and memory.

Run (an X server lets the review window play its first clip as it would for a user; without one, the
script falls back to Qt's offscreen platform and VLC shows no picture, which the queue does not need):
    xvfb-run -a -s "-screen 0 1600x1000x24" env QT_QPA_PLATFORM=xcb MODERATOR_VLC_ARGS=--aout=amem \\
        /work/venv/bin/python benchmarks/bench_queue.py [--rows 100000] [--reps 15] [--cache DIR]

How:
- the cache is filled in a child process (so its generator's memory is not this process's peak RSS)
  through ``moderator_app.db.submissions.insert_submissions``: realistic French, Luxembourgish, Tunisian
  and Moroccan names (diacritics, Arabic script), towns, messages, contact data, raw records; one real
  tiny clip hard-linked as every submission's cached clip; ~30% decided (approved/rejected, ~40% of
  those with flags) by a bulk INSERT into ``decisions`` so the ``decisions_current`` trigger fills the
  state columns and ``submission_flags``, plus a few through ``decisions.record_decision``;
  ``--cache DIR`` keeps (or reuses) that cache between runs;
- "through the model": a real ``QueueModel`` with a real ``TaskRunner`` (the query runs on a worker
  thread with its own connection, as in the window) in a QApplication; clock from ``apply_filter`` to
  ``filter_applied`` *plus* ``data()`` (display and colour roles) of the first VISIBLE_ROWS rows, i.e.
  what the table paints; "raw": ``queue.rowids`` + ``queue.rows`` of the same visible page on the
  calling thread, no Qt;
- then the real ``MainWindow`` is opened on that cache, its filters driven through the queue panel's own
  widgets; the clock stops when the window's own ``filter_applied`` handler (selecting a clip to show)
  has returned, so it is the time the GUI thread is taken by the change; also the ``U`` key (next clip
  to review), which runs the same search for an undecided row as a decision key, in a view without any;
- anchor: ``SELECT COUNT(*) FROM submissions`` on the same connection, same run;
- memory: ``ru_maxrss`` (peak) and VmRSS (current) at the end, window still open.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

if "QT_QPA_PLATFORM" not in os.environ:
    os.environ["QT_QPA_PLATFORM"] = "xcb" if os.environ.get("DISPLAY") else "offscreen"
os.environ.setdefault("MODERATOR_VLC_ARGS", "--aout=amem")

from _common import app, current_rss_mb, machine_load, peak_rss_mb, settle, summary, wait_until
from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtTest import QTest

from moderator_app.db import decisions, queue
from moderator_app.db.cache import Cache
from moderator_app.db.queue import QueueFilter
from moderator_app.db.submissions import CachedClip, insert_submissions
from moderator_app.db.unit import transaction
from moderator_app.demo.synth import make_clip
from moderator_app.models import Person, Submission
from moderator_app.services.review import ReviewService
from moderator_app.sources.cliptest import verify_clip
from moderator_app.tasks import QUICK, TaskRunner
from moderator_app.ui.review.queue_model import QueueModel
from moderator_app.ui.review.window import MainWindow

VISIBLE_ROWS = 40
"""Rows the queue table shows in a 940 px high window (24 px rows): what must be read to paint it."""
TIMEOUT_S = 60.0

# -- realistic people -------------------------------------------------------------------------------

FR_FIRST = (
    "Hélène", "Jérôme", "Françoise", "Zoé", "Geneviève", "Béatrice", "Amélie", "Noël", "Maël", "Léa",
    "Théo", "Chloé", "Inès", "Mathéo", "Élodie", "Josée", "Clément", "Loïc", "Gaëlle", "Anaïs",
    "Raphaël", "Céline", "Mélanie", "Stéphane", "Frédéric", "André", "Thérèse", "Marie", "Jean", "Pierre",
    "Lucas", "Emma", "Louise", "Hugo", "Manon", "Nathan", "Camille", "Éric", "Agnès", "Benoît",
)
FR_LAST = (
    "Dubois", "Lefèvre", "Martin", "Roux", "Gérard", "Lambert", "N'Diaye", "Benali", "Perrin", "Moreau",
    "Fournier", "Girard", "Bonnet", "Dupont", "Lefebvre", "Mercier", "Faure", "Rousseau", "Blanc", "Guérin",
    "Chevalier", "François", "Legrand", "Gauthier", "Garnier", "Lemaître", "Barbier", "Bérenger", "Rémy",
    "Lévêque",
)
LU_FIRST = ("Josée", "Mathéo", "Chloé", "Marguerite", "Jängi", "Léon", "Mett", "Nico", "Sophie", "Gilles")
LU_LAST = ("Muller", "Kieffer", "Weber", "Schmit", "Hoffmann", "Wagner", "Schmitz", "Reuter", "Thill", "Müller")
MAGHREB_FIRST = (
    "Mohamed", "Fatma", "Youssef", "Leïla", "Khadija", "Omar", "Mehdi", "Salma", "Karim", "Amine",
    "Nour", "Rania", "Hamza", "Sami", "Yasmine", "Aïcha", "Imène", "Walid",
)
MAGHREB_LAST = (
    "Trabelsi", "El Idrissi", "Ben Salah", "Bouazizi", "Chebbi", "Mejri", "Jaziri", "Alaoui", "Bennani",
    "Tazi", "El Amrani", "Berrada", "Haddad", "Gharbi",
)
ARABIC_FIRST = ("فاطمة", "محمد", "يوسف", "ليلى", "خديجة", "عمر", "سلمى", "كريم", "أمين", "نور", "مريم", "حمزة")
ARABIC_LAST = ("بنعلي", "الشابي", "العلوي", "الإدريسي", "الطرابلسي", "بناني", "التازي", "العمراني", "بن صالح")
TOWNS = {
    "FR": ("Lille", "Besançon", "Lyon", "Nantes", "Strasbourg", "Marseille", "Orléans", "Saint-Étienne"),
    "LU": ("Esch-sur-Alzette", "Luxembourg", "Differdange", "Ettelbruck", "Dudelange"),
    "TN": ("Tunis", "Sfax", "Sousse", "Gabès", "صفاقس"),
    "MA": ("Casablanca", "Marrakech", "Fès", "Rabat", "الدار البيضاء", "فاس"),
}
MESSAGES = (
    "Bon anniversaire, on pense fort à toi !",
    "Tu nous manques. On se voit très vite.",
    "Léif Mamm, mir denken un dech !",
    "جدتي الحبيبة، نشتاق إليك كثيرا",
    "Merci pour tout ❤️",
    "Courage, on est avec toi 🌸",
)
RELATIONS = ("grand-mère", "grand-père", "maman", "papa", "tante", "marraine", "voisine", "جدتي", "أختي")
COUNTRY_WEIGHTS = (("FR", 50), ("LU", 10), ("TN", 20), ("MA", 20))


def person(rng: random.Random, country: str) -> tuple[str, str]:
    if country == "FR":
        return rng.choice(FR_FIRST), rng.choice(FR_LAST)
    if country == "LU":
        return rng.choice(LU_FIRST + FR_FIRST[:10]), rng.choice(LU_LAST + FR_LAST[:5])
    if rng.random() < 0.5:
        return rng.choice(ARABIC_FIRST), rng.choice(ARABIC_LAST)
    return rng.choice(MAGHREB_FIRST), rng.choice(MAGHREB_LAST)


def make_submission(rng: random.Random, n: int, received: datetime, clip: CachedClip) -> Submission:
    country = rng.choices([c for c, _ in COUNTRY_WEIGHTS], [w for _, w in COUNTRY_WEIGHTS])[0]
    first, last = person(rng, country)
    s_first, s_last = person(rng, country)
    sid = f"sub-{n:07d}"
    at = received.strftime("%Y-%m-%dT%H:%M:%SZ")
    town = rng.choice(TOWNS[country])
    message = rng.choice(MESSAGES)
    email = f"sender{n}@example.org" if rng.random() < 0.8 else None
    phone = f"+33 6 {n % 100:02d} {n // 100 % 100:02d} 00 00" if rng.random() < 0.4 else None
    raw: dict[str, Any] = {
        "id": sid, "received_at": at, "campaign": f"onresteensemble-{country.lower()}", "country": country,
        "language": "ar" if country in ("TN", "MA") and rng.random() < 0.5 else "fr",
        "recipient": {"first_name": first, "last_name": last, "relationship": rng.choice(RELATIONS),
                      "town": town},
        "sender": {"first_name": s_first, "last_name": s_last, "email": email, "phone": phone},
        "message": message,
        "consent": {"broadcast": n % 17 != 0, "terms_version": "2020-03", "given_at": at},
        "clip": clip.file, "clip_sha256": clip.sha256, "clip_size": clip.size,
    }
    return Submission(
        id=sid, campaign=raw["campaign"], received_at=at, country=country,
        recipient=Person(first, last), sender=Person(s_first, s_last),
        consent_broadcast=raw["consent"]["broadcast"], consent_given_at=at, language=raw["language"],
        relationship=raw["recipient"]["relationship"], town=town, sender_email=email, sender_phone=phone,
        message=message, consent_terms_version="2020-03", clip_name=clip.file, clip_sha256=clip.sha256,
        clip_size=clip.size, raw=raw,
    )


def fill(data_dir: Path, rows: int, seed: int = 5) -> None:
    """Write ``rows`` submissions and ~30% decisions into the cache at ``data_dir`` (run in a child)."""
    rng = random.Random(seed)
    cache = Cache(data_dir)
    db = cache.db
    template = make_clip(data_dir / "template.mp4", duration=1.0, width=320, height=240, audio="tone")
    probe = verify_clip(template)
    data = template.read_bytes()
    sha, size = hashlib.sha256(data).hexdigest(), len(data)
    base = datetime(2020, 3, 20, 8, 0, 0, tzinfo=UTC)
    span_s = 30 * 24 * 3600
    t = time.perf_counter()
    batch = 5000
    for start in range(1, rows + 1, batch):
        items = []
        for n in range(start, min(rows, start + batch - 1) + 1):
            clip = CachedClip(file=f"sub-{n:07d}.mp4", sha256=sha, size=size, probe=probe)
            received = base + timedelta(seconds=rng.randrange(span_s))
            items.append((make_submission(rng, n, received, clip), clip, f"inbox/sub-{n:07d}.json"))
        # the clips are hard links to one file (ext4 allows 65,000 links per file: a fresh copy per block)
        source = data_dir / f"template-{start // 50_000}.mp4"
        if not source.exists():
            source.write_bytes(data)
        for _, clip, _ in items:
            os.link(source, cache.clips_dir / clip.file)
        with transaction(db):
            insert_submissions(db, items)
    print(f"  {rows} submissions inserted in {time.perf_counter() - t:.1f} s", flush=True)

    t = time.perf_counter()
    codes = decisions.flag_codes(db)
    ids = [r[0] for r in db.execute("SELECT id FROM submissions").fetchall()]
    decided = rng.sample(ids, int(len(ids) * 0.3))
    now = datetime(2020, 4, 20, 9, 0, 0, tzinfo=UTC)
    bulk = []
    for i, sid in enumerate(decided[20:]):
        verdict = "rejected" if i % 3 == 0 else "approved"
        flags = sorted(rng.sample(codes, rng.randint(1, 2))) if rng.random() < 0.4 else []
        note = "son trop faible" if "poor_audio" in flags else ""
        at = (now + timedelta(seconds=i)).isoformat(timespec="microseconds").replace("+00:00", "Z")
        bulk.append((sid, verdict, json.dumps(flags), note, rng.choice(("ana", "karim")), at, uuid.uuid4().hex))
    with transaction(db):
        db.conn.executemany(
            "INSERT INTO decisions (submission_id, decision, flags, note, moderator, decided_at, key)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            bulk,
        )
    for sid in decided[:20]:  # and a few through the app's own write path
        decisions.record_decision(db, sid, "rejected", flags=("poor_audio",), note="inaudible", moderator="ana")
    print(f"  {len(decided)} decisions recorded in {time.perf_counter() - t:.1f} s", flush=True)
    for path in data_dir.glob("template*.mp4"):
        path.unlink()
    cache.close()


# -- measuring ----------------------------------------------------------------------------------------


def timed(fn: Callable[[], object], reps: int) -> list[float]:
    out = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def paint_rows(model: QueueModel, rows: int = VISIBLE_ROWS) -> None:
    """What the table view asks of the model to paint the visible rows."""
    for r in range(min(rows, model.rowCount())):
        for c in range(model.columnCount()):
            index = model.index(r, c)
            model.data(index, Qt.ItemDataRole.DisplayRole)
            model.data(index, Qt.ItemDataRole.ForegroundRole)


def wait_signal(signal: Any, start: Callable[[], None], timeout_s: float = TIMEOUT_S) -> Any:
    """Call ``start`` and run the event loop until ``signal`` fires; return its arguments."""
    loop = QEventLoop()
    got: list[Any] = []

    def on_signal(*args: Any) -> None:
        got.append(args)
        loop.quit()

    signal.connect(on_signal)
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    start()
    if not got:
        loop.exec()
    signal.disconnect(on_signal)
    if not got:
        raise SystemExit("timed out waiting for a signal")
    return got[0]


SCENARIOS: tuple[tuple[str, QueueFilter], ...] = (
    ("open: to review, by reception (default)", QueueFilter(status="queued")),
    ("open: all, by reception", QueueFilter()),
    ("filter: status approved", QueueFilter(status="approved")),
    ("filter: all + flag poor_audio", QueueFilter(flag="poor_audio")),
    ("filter: to review + country TN", QueueFilter(status="queued", country="TN")),
    ("filter: to review + flag poor_audio", QueueFilter(status="queued", flag="poor_audio")),
    ("filter: all + country LU + flag", QueueFilter(country="LU", flag="poor_image")),
    ("search: all, 'Lefè' (Latin prefix)", QueueFilter(search="Lefè")),
    ("search: all, 'helene dub' (no accents)", QueueFilter(search="helene dub")),
    ("search: all, 'فاط' (Arabic prefix)", QueueFilter(search="فاط")),
    ("search: to review, 'Ben' (common prefix)", QueueFilter(status="queued", search="Ben")),
    ("sort: to review by recipient", QueueFilter(status="queued", sort="recipient")),
    ("sort: to review by recipient, descending", QueueFilter(status="queued", sort="recipient", descending=True)),
    ("sort: all by recipient", QueueFilter(sort="recipient")),
)


def measure_model(cache: Cache, reps: int) -> dict[str, tuple[list[float], list[float], int]]:
    """Per scenario: (through the model ms, raw query ms, rows matched)."""
    runner = TaskRunner()
    db = cache.db

    def run_query(fn: Any, on_done: Any) -> None:
        runner.run(fn, on_done, lane=QUICK)

    model = QueueModel(ReviewService(cache, "bench"), run_query)
    results: dict[str, tuple[list[float], list[float], int]] = {}
    for name, f in SCENARIOS:
        through: list[float] = []
        count = 0
        for _ in range(reps):
            t0 = time.perf_counter()
            (count,) = wait_signal(model.filter_applied, lambda f=f: model.apply_filter(f))  # type: ignore[misc]
            paint_rows(model)
            through.append((time.perf_counter() - t0) * 1000)

        def raw(f: QueueFilter = f) -> None:
            ids = queue.rowids(db, f)
            queue.rows(db, ids[:VISIBLE_ROWS])

        results[name] = (through, timed(raw, reps), count)
    runner.join()
    return results


WindowResults = dict[str, tuple[list[float], int]]


def measure_window(cache: Cache, reps: int) -> tuple[MainWindow, tuple[float, float], WindowResults]:
    """Open the real window on the cache; drive its filters through the queue panel's widgets."""
    runner = TaskRunner()
    t0 = time.perf_counter()
    win = MainWindow(ReviewService(cache, "bench"), runner)
    construct_ms = (time.perf_counter() - t0) * 1000
    loop = QEventLoop()
    win.model.filter_applied.connect(lambda _n: loop.quit())
    win.show()
    loop.exec()  # the first filter (the panel's default) lands
    paint_rows(win.model)
    open_ms = (time.perf_counter() - t0) * 1000
    QTest.qWaitForWindowExposed(win)
    wait_until(lambda: win.current_id is not None, 10)
    settle(300)
    panel = win.queue_panel
    out: WindowResults = {}

    def through_panel(name: str, change: Callable[[], None], reset: Callable[[], None]) -> None:
        samples = []
        count = 0
        for _ in range(reps):
            t = time.perf_counter()
            (count,) = wait_signal(win.model.filter_applied, change)  # our slot runs after the window's own
            samples.append((time.perf_counter() - t) * 1000)
            settle(20)
            wait_signal(win.model.filter_applied, reset)
            settle(20)
        out[name] = (samples, count)

    def search(text: str) -> Callable[[], None]:
        def go() -> None:  # the text as typed, without the 200 ms typing debounce
            panel.search.blockSignals(True)
            panel.search.setText(text)
            panel.search.blockSignals(False)
            panel.apply()
        return go

    def to_review() -> None:
        panel.set_status("queued")

    through_panel("status: to review -> approved", lambda: panel.set_status("approved"), to_review)
    through_panel("status: to review -> all", lambda: panel.set_status(None), to_review)
    through_panel("country: all -> TN", lambda: panel.country.setCurrentIndex(panel.country.findData("TN")),
                  lambda: panel.country.setCurrentIndex(0))
    through_panel("flag: any -> poor_audio (to review)",
                  lambda: panel.flag.setCurrentIndex(panel.flag.findData("poor_audio")),
                  lambda: panel.flag.setCurrentIndex(0))
    panel.set_status(None)
    settle(500)
    through_panel("flag: any -> poor_audio (all)",
                  lambda: panel.flag.setCurrentIndex(panel.flag.findData("poor_audio")),
                  lambda: panel.flag.setCurrentIndex(0))
    through_panel("search (all): 'Lefè'", search("Lefè"), search(""))
    through_panel("search (all): 'فاط'", search("فاط"), search(""))
    panel.set_status("approved")
    wait_until(lambda: win.model.current_filter.status == "approved", 10)
    settle(500)
    out["key U (next to review) in the 'approved' view"] = (press_u(win, reps), win.model.rowCount())
    panel.set_status("queued")
    wait_until(lambda: win.model.current_filter.status == "queued", 10)
    settle(500)
    out["key U (next to review) in the 'to review' view"] = (press_u(win, reps), win.model.rowCount())
    header = panel.table.horizontalHeader()
    through_panel("sort: click Recipient header", lambda: header.sectionClicked.emit(1),
                  lambda: header.sectionClicked.emit(4))
    return win, (construct_ms, open_ms), out


def press_u(win: MainWindow, reps: int) -> list[float]:
    """The 'next clip to review' key: the same search for an undecided row a decision key runs before it
    moves on (``MainWindow.go_next_undecided``), without writing anything. Clock: until the handler returns."""
    samples = []
    win.activateWindow()
    wait_until(win.isActiveWindow, 5)
    for _ in range(reps):
        win.queue_panel.table.setFocus()
        target = win.focusWidget() or win
        t = time.perf_counter()
        QTest.keyClick(target, Qt.Key.Key_U)
        samples.append((time.perf_counter() - t) * 1000)
        settle(50)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--reps", type=int, default=15)
    parser.add_argument("--cache", type=Path, help="keep the filled cache here (reused if already filled)")
    parser.add_argument("--fill-only", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.fill_only is not None:
        fill(args.fill_only, args.rows)
        return

    with tempfile.TemporaryDirectory(prefix="bench-queue-") as tmp:
        data_dir = args.cache or Path(tmp) / "data"
        marker = data_dir / f"filled-{args.rows}"
        if not marker.exists():
            print(f"filling a cache with {args.rows} submissions (child process) …", flush=True)
            t = time.perf_counter()
            subprocess.run([sys.executable, __file__, "--rows", str(args.rows), "--fill-only", str(data_dir)],
                           check=True)
            marker.touch()
            print(f"  filled in {time.perf_counter() - t:.1f} s", flush=True)
        size_mb = sum(p.stat().st_size for p in data_dir.glob("cache.sqlite3*")) / 2**20
        qapp = app()
        rss_start = current_rss_mb()
        cache = Cache(data_dir)
        db = cache.db
        total = db.execute("SELECT COUNT(*) FROM submissions").fetchone()[0]
        status_counts = dict(db.execute("SELECT status, COUNT(*) FROM submissions GROUP BY status").fetchall())
        flagged = db.execute("SELECT COUNT(DISTINCT submission_id) FROM submission_flags").fetchone()[0]
        print(f"cache: {total} submissions {status_counts}, {flagged} flagged, SQLite files {size_mb:.0f} MB")
        load_start = machine_load()
        count_ms = timed(lambda: db.execute("SELECT COUNT(*) FROM submissions").fetchone(), args.reps)

        model_results = measure_model(cache, args.reps)
        rss_model = current_rss_mb()
        win, (construct_ms, open_ms), window_results = measure_window(cache, args.reps)
        settle(1000)
        rss_end, peak = current_rss_mb(), peak_rss_mb()

        print(f"\nat the start: {load_start}; at the end: {machine_load()}")
        print(f"Qt platform {os.environ['QT_QPA_PLATFORM']}, {os.cpu_count()} CPUs, reps {args.reps}, "
              f"visible rows read per view {VISIBLE_ROWS}; target: each <= 100 ms, RSS <= 400 MB")
        print(summary("anchor: SELECT COUNT(*) FROM submissions", count_ms, width=50))
        print("\nthrough QueueModel + TaskRunner (apply_filter -> filter_applied -> visible rows' data()):")
        for name, (through, _raw, count) in model_results.items():
            print(summary(f"{name} [{count} rows]", through, width=62))
        print("\nraw (queue.rowids + queue.rows of the visible page, calling thread):")
        for name, (_through, raw, count) in model_results.items():
            print(summary(f"{name} [{count} rows]", raw, width=62))
        print("\nreal MainWindow, through the queue panel's widgets (until the window's filter_applied handler"
              " has run):")
        print(f"{'MainWindow() -> first filter applied and painted':<62} {open_ms:8.1f} ms (once; of which "
              f"{construct_ms:.0f} ms constructing the window and its two VLC players)")
        for name, (samples, count) in window_results.items():
            print(summary(f"{name} [{count} rows]", samples, width=62))
        print(f"\nmemory: RSS at start {rss_start:.0f} MB, after the model runs {rss_model:.0f} MB, "
              f"with the window open {rss_end:.0f} MB; peak (ru_maxrss) {peak:.0f} MB")
        win.close()
        win.runner.join(timeout=30)  # quitting goes on off the GUI thread: let the writes land
        cache.close()
        qapp.processEvents()


if __name__ == "__main__":
    main()
