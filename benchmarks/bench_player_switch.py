"""Decision key -> next clip on screen, with preloading, against a cold open, in the same run.

Run (needs a display; Qt must use xcb so VLC can embed):
    xvfb-run -a -s "-screen 0 1600x1000x24" /work/venv/bin/python benchmarks/bench_player_switch.py [N]

Each clip is a distinct solid colour (consecutive colours ~137 degrees of hue apart), so "the clip is
on screen" is read off the screen itself: the benchmark grabs the centre of the video area from the X
server every 2 ms and stops the clock when it has the new clip's colour. It also records when the deck
emitted ``clip_started`` (for a preloaded clip: VLC's Playing event of a player already paused on its
first frame; for a cold one: the video output exists while playing). Per clip:

- switch: the next clip was preloaded (standby player paused on its first frame, ready) and the
  current one has played for a moment; the clock starts just before a key press is sent to the
  window, whose handler calls ``PlayerDeck.show_clip`` (as the review window will on a decision key).
- cold:  the anchor: ``show_clip`` of a clip that was not preloaded (stop, open, demux, decoder and
  video output start on the visible player), measured the same way.
"""

from __future__ import annotations

import colorsys
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "xcb")

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from moderator_app.base.ffmpeg import run_ffmpeg
from moderator_app.player.controls import PlayerControls
from moderator_app.player.deck import PlayerDeck

POLL_MS = 2
TIMEOUT_S = 5.0


def colour(k: int) -> tuple[int, int, int]:
    r, g, b = colorsys.hsv_to_rgb((k * 0.381966) % 1.0, 0.9, 0.9)
    return round(r * 255), round(g * 255), round(b * 255)


def make_clips(folder: Path, count: int) -> list[Path]:
    clips = []
    for k in range(count):
        r, g, b = colour(k)
        out = folder / f"clip{k:03d}.mp4"
        run_ffmpeg([
            "-y", "-f", "lavfi", "-i", f"color=c=0x{r:02x}{g:02x}{b:02x}:size=320x240:rate=25:duration=3",
            "-f", "lavfi", "-i", f"sine=frequency={300 + 7 * k}:duration=3",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest",
            str(out),
        ])
        clips.append(out)
    return clips


class ReviewWindow(QWidget):
    """Stands in for the review window: a key press is a decision and shows the next clip."""

    def __init__(self) -> None:
        super().__init__()
        self.deck = PlayerDeck(self)
        self.controls = PlayerControls(self.deck, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.deck, 1)
        layout.addWidget(self.controls)
        self.next_clip: Path | None = None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_A and self.next_clip is not None:
            self.deck.show_clip(self.next_clip)
        else:
            super().keyPressEvent(event)


def wait_until(app: QApplication, cond: Callable[[], bool], timeout_s: float = TIMEOUT_S) -> bool:
    deadline = time.perf_counter() + timeout_s
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(POLL_MS)

    def check() -> None:
        if cond() or time.perf_counter() > deadline:
            loop.quit()

    timer.timeout.connect(check)
    timer.start()
    if not cond():
        loop.exec()
    timer.stop()
    return cond()


def centre_colour(window: ReviewWindow) -> QColor:
    deck = window.deck
    centre = deck.mapToGlobal(deck.rect().center())
    screen = window.screen()
    image = screen.grabWindow(0, centre.x() - 1, centre.y() - 1, 3, 3).toImage()
    return image.pixelColor(1, 1)


def looks_like(seen: QColor, rgb: tuple[int, int, int], tolerance: int = 40) -> bool:
    return max(abs(seen.red() - rgb[0]), abs(seen.green() - rgb[1]), abs(seen.blue() - rgb[2])) <= tolerance


def measure(app: QApplication, window: ReviewWindow, k: int, start: Callable[[], None]) -> tuple[float, float]:
    """(ms to clip_started, ms to the clip's colour on screen) after ``start()``."""
    started: list[float] = []

    def on_started(_path: Path) -> None:
        started.append(time.perf_counter())

    window.deck.clip_started.connect(on_started)
    t0 = time.perf_counter()
    start()
    ok = wait_until(app, lambda: looks_like(centre_colour(window), colour(k)))
    t_pixel = time.perf_counter()
    wait_until(app, lambda: bool(started))
    window.deck.clip_started.disconnect(on_started)
    if not ok or not started:
        raise SystemExit(f"clip {k} never showed up (colour seen {centre_colour(window).name()})")
    return (started[0] - t0) * 1000, (t_pixel - t0) * 1000


def summary(name: str, values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (f"{name:<34} median {statistics.median(values):7.1f} ms   p95 {p95:7.1f} ms   "
            f"min {ordered[0]:6.1f}   max {ordered[-1]:7.1f}   (n={len(values)})")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory(prefix="bench-player-") as tmp:
        t = time.perf_counter()
        clips = make_clips(Path(tmp), 2 * n + 1)  # k even: cold opens, k odd: preloaded switches
        print(f"generated {len(clips)} clips (320x240, 3 s, H.264+AAC) in {time.perf_counter() - t:.1f} s")
        window = ReviewWindow()
        window.resize(800, 600)
        window.show()
        window.activateWindow()
        QTest.qWaitForWindowExposed(window)
        deck = window.deck
        cold_signal, cold_pixel, switch_signal, switch_pixel = [], [], [], []
        for i in range(n):
            cold, warm = 2 * i, 2 * i + 1
            s, p = measure(app, window, cold, lambda c=clips[cold]: deck.show_clip(c))  # type: ignore[misc]
            cold_signal.append(s)
            cold_pixel.append(p)
            deck.preload(clips[warm])
            standby = deck.standby_player
            if not wait_until(app, lambda: standby.has_frame and deck.time >= 300):  # noqa: B023
                raise SystemExit(f"preload of clip {warm} not ready")
            window.next_clip = clips[warm]
            s, p = measure(app, window, warm, lambda: QTest.keyClick(window, Qt.Key.Key_A))
            switch_signal.append(s)
            switch_pixel.append(p)
        deck.release()
        window.close()
    print(f"libvlc {__import__('vlc').libvlc_get_version().decode()}, "
          f"VLC args extra: {os.environ.get('MODERATOR_VLC_ARGS', '(none)')}")
    print(summary("switch, preloaded -> on screen", switch_pixel))
    print(summary("switch, preloaded -> clip_started", switch_signal))
    print(summary("cold open -> on screen (anchor)", cold_pixel))
    print(summary("cold open -> clip_started", cold_signal))


if __name__ == "__main__":
    main()
