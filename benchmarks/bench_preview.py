"""Spot editor: "Preview" pressed -> the assembled 30 s spot's first frame on screen, with the real window and VLC.

Run (needs a display; Qt must use xcb so VLC can embed):
    xvfb-run -a -s "-screen 0 1600x1000x24" /work/venv/bin/python benchmarks/bench_preview.py [N]

A cache is filled with three approved 10 s clips (640x360, with speech) and the editor places and fits
them into the standard 30 s template (750 frames). Per run the spot is changed (a new lower-third text),
so no earlier proxy can be reused, then:

- warm: the editor re-renders its 640x360 proxy in the background as soon as the spot is exact (what a
  producer gets after an edit settles); once it is ready the clock starts just before "Preview" is
  clicked and stops when the centre of the video area, read from the X server, leaves black (the intro
  card). ``clip_started`` (VLC playing with a frame) is recorded too.
- cold: "Preview" is clicked at once after the edit, so the clock includes rendering the proxy
  (titles, loudness-levelled sound, 750 frames of ultrafast H.264) and VLC's open. The clips' own
  loudness, measured for an earlier proxy, is remembered (the edit changed a title, not a cut).
- cold, nothing measured: the same after forgetting every clip measurement, as for the first preview
  after placing new clips.
- anchors, same run: the proxy render alone (``render_spot`` in the task runner) and VLC's cold open
  of one source clip on the same deck.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
os.environ.setdefault("MODERATOR_VLC_ARGS", "--aout=amem")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QWidget

from benchmarks._common import settle, summary, wait_until
from moderator_app.db.cache import Cache
from moderator_app.services.spots import SpotService
from moderator_app.spot.audio import clear_loudness_cache
from moderator_app.tasks import TaskRunner
from moderator_app.ui.spot.editor import SpotEditorWindow
from tests.unit.services.test_spots import LONG_IDS, fill_cache, make_spot_inbox


def centre_is_black(widget: QWidget) -> bool:
    c = widget.mapToGlobal(QPoint(widget.width() // 2, widget.height() // 2))
    colour = widget.screen().grabWindow(0, c.x(), c.y(), 1, 1).toImage().pixelColor(0, 0)
    return max(colour.red(), colour.green(), colour.blue()) < 12


def main(runs: int) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    work = Path(tempfile.mkdtemp(prefix="bench-preview-"))
    try:
        inbox = make_spot_inbox(work / "inbox")
        cache = Cache(work / "data")
        fill_cache(cache, inbox, work, LONG_IDS)
        runner = TaskRunner()
        win = SpotEditorWindow(SpotService(cache), runner)
        win.resize(1500, 900)
        win.show()
        wait_until(lambda: len(win.picker.candidates) == 3, 10)
        for sid in LONG_IDS:
            win.place(sid)
        win.fit()
        surface = win.preview.deck
        started: list[float] = []
        win.preview_started.connect(lambda _p: started.append(time.perf_counter()))
        rendered: list[float] = []
        win.proxy.ready.connect(lambda _p: rendered.append(time.perf_counter()))

        def edit(n: int) -> None:
            win.spot.set_title(0, f"Pour Hélène — de Lucas {n}")
            win._changed(refresh_title=True)

        def reset() -> None:
            surface.stop()
            settle(300)
            wait_until(lambda: centre_is_black(surface), 5)

        def measure(n: int, warm: bool, forget: bool = False) -> tuple[float, float]:
            reset()
            started.clear()
            rendered.clear()
            edit(n)
            if warm:
                wait_until(lambda: bool(rendered), 30)  # the background pre-render, not timed
                settle(100)
            else:
                win._proxy_timer.stop()
                if forget:
                    clear_loudness_cache()
            t0 = time.perf_counter()
            win.preview_button.click()
            wait_until(lambda: not centre_is_black(surface), 30, poll_ms=2)
            on_screen = time.perf_counter()
            wait_until(lambda: bool(started), 10)
            return (on_screen - t0) * 1000, ((started[0] if started else on_screen) - t0) * 1000

        warm_screen, warm_signal, cold_screen, cold_signal, render_ms, vlc_ms = [], [], [], [], [], []
        fresh_screen: list[float] = []
        for n in range(runs):
            s, sig = measure(3 * n, warm=True)
            warm_screen.append(s)
            warm_signal.append(sig)
            s, sig = measure(3 * n + 1, warm=False)
            cold_screen.append(s)
            cold_signal.append(sig)
            fresh_screen.append(measure(3 * n + 2, warm=False, forget=True)[0])
            # anchors: the proxy render alone (cancel the editor's own, time a fresh one) ...
            edit(1000 + n)
            win._proxy_timer.stop()
            rendered.clear()
            t0 = time.perf_counter()
            win.proxy.request(win.spot)
            wait_until(lambda: bool(rendered), 30)
            render_ms.append((rendered[0] - t0) * 1000)
            # ... and VLC opening one source clip cold on the same deck
            reset()
            t0 = time.perf_counter()
            surface.show_clip(win.spot.placements[0].clip.path)  # type: ignore[union-attr]
            wait_until(lambda: not centre_is_black(surface), 10, poll_ms=2)
            vlc_ms.append((time.perf_counter() - t0) * 1000)
            print(f"run {n + 1}: warm {warm_screen[-1]:.0f} ms, cold {cold_screen[-1]:.0f} ms, "
                  f"cold nothing measured {fresh_screen[-1]:.0f} ms, "
                  f"render {render_ms[-1]:.0f} ms, vlc open {vlc_ms[-1]:.0f} ms", flush=True)
        print()
        print(summary("preview -> first frame on screen (warm proxy)", warm_screen))
        print(summary("preview -> clip_started (warm proxy)", warm_signal))
        print(summary("preview -> first frame on screen (cold)", cold_screen))
        print(summary("preview -> clip_started (cold)", cold_signal))
        print(summary("preview -> first frame on screen (cold, nothing measured)", fresh_screen))
        print(summary("anchor: proxy render alone (30 s, 640x360)", render_ms))
        print(summary("anchor: VLC cold open of a source clip", vlc_ms))
        win.close()
        runner.shutdown()
        cache.close()
        app.processEvents()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 5))
