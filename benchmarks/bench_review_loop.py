"""The review loop end to end: decision key -> the next clip's first frame on screen, in the real window.

Run (needs an X server; VLC embeds into X11 windows only):
    xvfb-run -a -s "-screen 0 1600x1000x24" env QT_QPA_PLATFORM=xcb MODERATOR_VLC_ARGS=--aout=amem \\
        /work/venv/bin/python benchmarks/bench_review_loop.py [ADVANCES] [--cold-every K] [--fps F]

What it does, and why it can be trusted:
- builds an inbox of ADVANCES+3 small clips (320x240, 4 s, H.264 + AAC), each one solid colour
  (consecutive colours ~137 degrees of hue apart) with a contract record, and syncs it into a temporary
  cache with the app's own ``sync_inbox``; then opens the real ``MainWindow`` (real queue model, task
  runner, SQLite writer, PlayerDeck with two libvlc players) on that cache;
- "on screen" is read off the X server itself: the centre pixel of the video area is grabbed every 2 ms
  and the clock stops when it has the expected clip's colour, so neither Qt nor VLC reports are trusted;
- figure (warm): while the current clip plays, its successor preloaded on the standby player, the approve
  key ``A`` is sent with QTest to the focused widget; clock from just before the key to the next clip's
  colour at the video centre.  Also recorded: when the deck emitted ``clip_started``, when the key handler
  returned, and when the window emitted ``decision_saved`` (the decision committed by the writer thread);
- anchor (cold), same run, same window: a mouse click on an already decided row further up the queue; that
  clip cannot be preloaded (the deck only preloads the next undecided clip), so the click pays VLC's full
  open on the visible player.  The next ``A`` (re-approving that clip) returns to the undecided clip that
  was preloaded meanwhile: those "return" presses are reported apart from the plain advances.

A key press is sent only when the moderator could really have pressed it with the fast path ready: the
current clip is on screen and has played >= PLAYED_MS, and the standby holds the next clip's first frame.
How long that preload takes after ``clip_started`` is printed too: it bounds how fast a moderator can go
and still see the figure.
"""

from __future__ import annotations

import argparse
import colorsys
import hashlib
import json
import os
import random
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
os.environ.setdefault("MODERATOR_VLC_ARGS", "--aout=amem")

from _common import app, machine_load, settle, summary, wait_until
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest

from moderator_app.base.ffmpeg import run_ffmpeg
from moderator_app.db.cache import Cache
from moderator_app.models import Decision
from moderator_app.player.vlcplayer import PlayerState, VlcPlayer
from moderator_app.services.review import ReviewService
from moderator_app.sources.inbox.sync import sync_inbox
from moderator_app.tasks import TaskRunner
from moderator_app.ui.review.window import MainWindow

PLAYED_MS = 300
"""How long the current clip plays before the key: a moderator never decides on the first frame."""
TIMEOUT_S = 10.0
CLIP_SECONDS = 4
NAMES = (("Hélène", "Dubois"), ("فاطمة", "بنعلي"), ("Jérôme", "Lefèvre"), ("Aïcha", "Trabelsi"))
COUNTRIES = ("FR", "MA", "LU", "TN")


def colour(k: int) -> tuple[int, int, int]:
    r, g, b = colorsys.hsv_to_rgb((k * 0.381966) % 1.0, 0.9, 0.9)
    return round(r * 255), round(g * 255), round(b * 255)


def sub_id(k: int) -> str:
    return f"sub-{k:06d}"


def index_of(submission_id: str) -> int:
    return int(submission_id.removeprefix("sub-"))


# -- the inbox --------------------------------------------------------------------------------------


def make_colour_clip(path: Path, k: int, fps: int = 25) -> None:
    r, g, b = colour(k)
    run_ffmpeg([
        "-y", "-f", "lavfi", "-i", f"color=c=0x{r:02x}{g:02x}{b:02x}:size=320x240:rate={fps}:duration={CLIP_SECONDS}",
        "-f", "lavfi", "-i", f"sine=frequency={300 + 7 * k}:duration={CLIP_SECONDS}",
        "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", str(fps),
        "-c:a", "aac", "-b:a", "64k", "-shortest", "-f", "mp4", str(path),
    ], timeout=120)


def write_record(folder: Path, k: int, base: datetime) -> None:
    """A contract record as the mini-site writes it (see benchmarks/bulk_inbox.py)."""
    clip = folder / f"{sub_id(k)}.mp4"
    data = clip.read_bytes()
    first, last = NAMES[k % len(NAMES)]
    s_first, s_last = NAMES[(k + 1) % len(NAMES)]
    country = COUNTRIES[k % len(COUNTRIES)]
    moment = (base + timedelta(minutes=k)).strftime("%Y-%m-%dT%H:%M:%SZ")
    record = {
        "id": sub_id(k),
        "received_at": moment,  # increasing with k: the queue (sorted by reception) is in k order
        "campaign": f"onresteensemble-{country.lower()}",
        "country": country,
        "language": "fr",
        "recipient": {"first_name": first, "last_name": last, "relationship": "grand-mère"},
        "sender": {"first_name": s_first, "last_name": s_last, "email": f"sender{k}@example.org"},
        "message": "On pense fort à toi",
        "consent": {"broadcast": True, "terms_version": "2020-03", "given_at": moment},
        "clip": clip.name,
        "clip_sha256": hashlib.sha256(data).hexdigest(),
        "clip_size": len(data),
    }
    (folder / f"{sub_id(k)}.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")


def make_colour_inbox(folder: Path, count: int, fps: int = 25) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with ThreadPoolExecutor(max_workers=max(1, min(4, os.cpu_count() or 1))) as pool:
        list(pool.map(lambda k: make_colour_clip(folder / f"{sub_id(k)}.mp4", k, fps), range(1, count + 1)))
    base = datetime(2020, 4, 2, 16, 0, 0, tzinfo=UTC)
    for k in range(1, count + 1):
        write_record(folder, k, base)
    past = time.time() - 120  # a settled inbox: the sync client finished writing long ago
    for path in folder.iterdir():
        os.utime(path, (past, past))


# -- reading the screen -----------------------------------------------------------------------------


def centre_colour(win: MainWindow) -> QColor:
    deck = win.deck
    centre = deck.mapToGlobal(deck.rect().center())
    image = win.screen().grabWindow(0, centre.x() - 1, centre.y() - 1, 3, 3).toImage()
    return image.pixelColor(1, 1)


def looks_like(seen: QColor, rgb: tuple[int, int, int], tolerance: int = 40) -> bool:
    return max(abs(seen.red() - rgb[0]), abs(seen.green() - rgb[1]), abs(seen.blue() - rgb[2])) <= tolerance


def on_screen(win: MainWindow, k: int) -> bool:
    return looks_like(centre_colour(win), colour(k))


def distinct(a: int, b: int) -> bool:
    """Far enough apart that one colour can never pass for the other (golden-angle hues come back close
    for Fibonacci distances: 21 clips apart are only ~8 degrees of hue apart)."""
    ca, cb = colour(a), colour(b)
    return max(abs(x - y) for x, y in zip(ca, cb, strict=True)) > 120


# -- the run ----------------------------------------------------------------------------------------


@dataclass
class Samples:
    pixel: list[float] = field(default_factory=list)
    started: list[float] = field(default_factory=list)
    handler: list[float] = field(default_factory=list)
    saved: list[float] = field(default_factory=list)


@dataclass
class Events:
    started: dict[str, float] = field(default_factory=dict)
    """clip file stem (the submission id) -> perf_counter of the deck's last clip_started."""
    saved: dict[str, float] = field(default_factory=dict)
    """submission id -> perf_counter of the window's last decision_saved."""


class Loop:
    def __init__(self, win: MainWindow, ids: list[str]) -> None:
        self.win = win
        self.ids = ids  # row -> submission id, as the queue showed them at start
        self.decided: set[str] = set()
        self.events = Events()
        self.preload_ready: list[float] = []
        self.first_frames: dict[str, float] = {}
        """clip stem -> perf_counter of a player's first frame (on the standby: the preload is ready)."""
        deck = win.deck
        deck.clip_started.connect(lambda path: self.events.started.__setitem__(Path(path).stem, time.perf_counter()))
        win.decision_saved.connect(self._saved)
        for player in (deck.active_player, deck.standby_player):
            player.first_frame.connect(lambda p=player: self._first_frame(p))

    def _first_frame(self, player: VlcPlayer) -> None:
        if player.path is not None:
            self.first_frames[player.path.stem] = time.perf_counter()

    def _saved(self, d: Decision) -> None:
        self.events.saved[d.submission_id] = time.perf_counter()

    def row(self) -> int:
        return self.win.queue_panel.table.currentIndex().row()

    def next_undecided_row(self, from_row: int) -> int:
        """The spec, independently of the window's code: the first undecided row after ``from_row``."""
        n = len(self.ids)
        for offset in range(1, n):
            r = (from_row + offset) % n
            if self.ids[r] not in self.decided:
                return r
        raise SystemExit("ran out of undecided clips")

    def wait_ready(self, current: str) -> None:
        """The current clip plays on screen and its successor's first frame waits on the standby."""
        win, deck = self.win, self.win.deck
        k = index_of(current)
        nxt = self.ids[self.next_undecided_row(self.row())]
        ok = wait_until(
            lambda: win.current_id == current and deck.state == PlayerState.PLAYING and deck.time >= PLAYED_MS
            and on_screen(win, k), TIMEOUT_S)
        if not ok:
            raise SystemExit(f"{current} is not playing (state {deck.state}, colour {centre_colour(win).name()})")

        def preloaded() -> bool:
            standby = deck.standby_player
            return standby.path is not None and standby.path.stem == nxt and standby.has_frame

        if not wait_until(preloaded, TIMEOUT_S):
            raise SystemExit(f"the next clip {nxt} was never preloaded")
        if current in self.events.started and nxt in self.first_frames:
            self.preload_ready.append((self.first_frames[nxt] - self.events.started[current]) * 1000)
        # the previous decision is committed: samples do not overlap
        wait_until(lambda: all(s in self.events.saved for s in self.decided), TIMEOUT_S)

    def approve(self, into: Samples) -> str:
        """Press A on the current clip; measure until the next undecided clip is on screen."""
        win = self.win
        current = win.current_id
        assert current is not None
        self.wait_ready(current)
        expected = self.ids[self.next_undecided_row(self.row())]
        k = index_of(expected)
        if not distinct(k, index_of(current)):
            raise SystemExit(f"{current} and {expected} have colours too close to tell apart")
        self.events.started.pop(expected, None)
        self.events.saved.pop(current, None)
        target = win.focusWidget() or win
        t0 = time.perf_counter()
        QTest.keyClick(target, Qt.Key.Key_A)
        t_handler = time.perf_counter()
        if not wait_until(lambda: on_screen(win, k), TIMEOUT_S, poll_ms=2):
            raise SystemExit(f"{expected} never showed up after A (colour {centre_colour(win).name()})")
        t_pixel = time.perf_counter()
        if not wait_until(lambda: expected in self.events.started and current in self.events.saved, TIMEOUT_S):
            raise SystemExit(f"no clip_started for {expected} or no decision_saved for {current}")
        if win.current_id != expected:
            raise SystemExit(f"the window went to {win.current_id}, the next undecided clip is {expected}")
        self.decided.add(current)
        into.handler.append((t_handler - t0) * 1000)
        into.pixel.append((t_pixel - t0) * 1000)
        into.started.append((self.events.started[expected] - t0) * 1000)
        into.saved.append((self.events.saved[current] - t0) * 1000)
        return expected

    def click_decided(self, into: Samples, rng: random.Random) -> str:
        """Click a decided row further up: a clip that cannot be preloaded, opened cold."""
        win = self.win
        current = win.current_id
        assert current is not None
        self.wait_ready(current)
        here = self.row()
        # the A after the click returns to the current clip: telling the two apart covers both ways
        candidates = [
            r for r in range(here)
            if self.ids[r] in self.decided and distinct(index_of(self.ids[r]), index_of(current))
        ]
        if not candidates:
            raise SystemExit("no decided row to click back to yet")
        row = rng.choice(candidates)
        expected = self.ids[row]
        table = win.queue_panel.table
        index = win.model.index(row, 1)
        table.scrollTo(index)
        settle(30)
        pos: QPoint = table.visualRect(index).center()
        deck = win.deck
        assert not (deck.standby_player.path is not None and deck.standby_player.path.stem == expected)
        self.events.started.pop(expected, None)
        k = index_of(expected)
        t0 = time.perf_counter()
        QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)
        t_handler = time.perf_counter()
        if not wait_until(lambda: on_screen(win, k), TIMEOUT_S, poll_ms=2):
            raise SystemExit(f"{expected} never showed up after the click (colour {centre_colour(win).name()})")
        t_pixel = time.perf_counter()
        if not wait_until(lambda: expected in self.events.started, TIMEOUT_S):
            raise SystemExit(f"no clip_started for {expected}")
        if win.current_id != expected:
            raise SystemExit(f"the click went to {win.current_id}, not {expected}")
        into.handler.append((t_handler - t0) * 1000)
        into.pixel.append((t_pixel - t0) * 1000)
        into.started.append((self.events.started[expected] - t0) * 1000)
        return expected


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("advances", nargs="?", type=int, default=50, help="plain A presses to the next clip")
    parser.add_argument("--cold-every", type=int, default=2, help="a cold click after every K advances")
    parser.add_argument("--fps", type=int, default=25, help="frame rate of the clips (phones: 25-30)")
    args = parser.parse_args()
    qapp = app()
    count = args.advances + 3
    with tempfile.TemporaryDirectory(prefix="bench-review-loop-") as tmp:
        inbox, data_dir = Path(tmp) / "inbox", Path(tmp) / "data"
        t = time.perf_counter()
        make_colour_inbox(inbox, count, args.fps)
        print(f"inbox: {count} clips (320x240, {CLIP_SECONDS} s, {args.fps} fps, solid colour, H.264+AAC) + records "
              f"in {time.perf_counter() - t:.1f} s")
        cache = Cache(data_dir)
        t = time.perf_counter()
        report = sync_inbox(cache.db, data_dir, inbox)
        print(f"sync into a temp cache: {report.summary()} in {time.perf_counter() - t:.1f} s")
        if len(report.added) != count:
            raise SystemExit("the sync did not add every clip")

        runner = TaskRunner()
        win = MainWindow(ReviewService(cache, "bench"), runner)
        t_open = time.perf_counter()
        win.show()
        QTest.qWaitForWindowExposed(win)
        win.activateWindow()
        if not wait_until(win.isActiveWindow, TIMEOUT_S):
            raise SystemExit("the window never became active (keys would not reach its shortcuts)")
        if not wait_until(lambda: win.current_id == sub_id(1) and on_screen(win, 1), TIMEOUT_S):
            raise SystemExit(f"first clip not on screen (colour {centre_colour(win).name()})")
        print(f"window shown -> first clip on screen: {(time.perf_counter() - t_open) * 1000:.0f} ms "
              "(cold open at start, one sample)")
        ids = [win.model.submission_id(r) or "" for r in range(win.model.rowCount())]
        if ids != [sub_id(k) for k in range(1, count + 1)]:
            raise SystemExit("the queue is not in reception order")

        load_start = machine_load()
        loop = Loop(win, ids)
        rng = random.Random(11)
        advance, back, cold = Samples(), Samples(), Samples()
        for i in range(args.advances):
            loop.approve(advance)
            if args.cold_every > 0 and (i + 1) % args.cold_every == 0 and i + 1 < args.advances:
                loop.click_decided(cold, rng)
                loop.approve(back)  # re-approve the clicked clip: back to the preloaded undecided one
        loop.wait_ready(win.current_id or "")
        win.close()
        win.runner.join(timeout=30)  # quitting goes on off the GUI thread: let the writes land
        cache.close()
        qapp.processEvents()

    import vlc

    print(f"libvlc {vlc.libvlc_get_version().decode()}, Qt platform {os.environ['QT_QPA_PLATFORM']}, "
          f"VLC args extra: {os.environ.get('MODERATOR_VLC_ARGS', '(none)')}")
    print(f"at the start: {load_start}; at the end: {machine_load()}")
    print("figure: decision key A -> next clip's colour at the video centre (X server pixels), preloaded")
    print(summary("A -> next clip on screen", advance.pixel))
    print(summary("A -> deck clip_started", advance.started))
    print(summary("A -> key handler returned (GUI thread busy)", advance.handler))
    print(summary("A -> decision_saved (committed)", advance.saved))
    print(summary("A after a click back -> on screen", back.pixel))
    everything = advance.pixel + back.pixel
    print(summary("A, every press -> on screen", everything))
    print("anchor: click on a decided row (not preloadable) -> its colour on screen, cold VLC open")
    print(summary("cold click -> on screen", cold.pixel))
    print(summary("cold click -> deck clip_started", cold.started))
    print(summary("cold click -> handler returned", cold.handler))
    print(summary("clip_started -> next clip preloaded", loop.preload_ready))
    over = sum(1 for v in everything if v > 150)
    print(f"A presses over 150 ms: {over} of {len(everything)}")


if __name__ == "__main__":
    main()
