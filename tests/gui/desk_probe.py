"""Open the review window on the demo inbox and print where its parts are, as JSON (one line, last).

Run in a subprocess by tests/gui/test_desk_layout.py under an Xvfb screen of the size being tested
(1366×768, or 1920×1080 with QT_SCALE_FACTOR=1.5), so the window meets the screen a user has:
``python -m tests.gui.desk_probe DATA_DIR INBOX [--lang fr] [--steps quarantine,…]``.
Geometries are in logical pixels, in global (screen) coordinates.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
os.environ.setdefault("MODERATOR_VLC_ARGS", "--aout=amem")

from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QPoint, QRect, QThread
from PySide6.QtWidgets import QApplication, QPushButton, QScrollArea, QWidget


def wait_until(app: QApplication, done: Any, timeout_ms: int = 30000) -> bool:
    deadline = QDeadlineTimer(timeout_ms)
    while not done():
        if deadline.hasExpired():
            return False
        app.processEvents()
        QThread.msleep(10)
    return True


def rect(w: QWidget) -> list[int]:
    top_left = w.mapToGlobal(QPoint(0, 0))
    return [top_left.x(), top_left.y(), w.width(), w.height()]


def shown(w: QWidget, window: QWidget) -> bool:
    """Visible and wholly inside the window's client area (not clipped by a parent or off the window)."""
    if not w.isVisible() or w.visibleRegion().isEmpty():
        return False
    inner = QRect(window.mapToGlobal(QPoint(0, 0)), window.size())
    return inner.contains(QRect(w.mapToGlobal(QPoint(0, 0)), w.size())) and (
        w.visibleRegion().boundingRect().size() == w.size()
    )


def reachable(w: QWidget, window: QWidget) -> bool:
    """Shown, or inside a scroll area that can bring it into view."""
    if shown(w, window):
        return True
    parent = w.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    return parent is not None and parent.isVisible() and w.isVisible()


def probe(win: Any) -> dict[str, Any]:
    app = QApplication.instance()
    screen = win.screen()
    area = screen.availableGeometry()
    frame = win.frameGeometry()
    table = win.queue_panel.table
    header = table.horizontalHeader()
    model = win.model
    columns = {}
    for i in range(model.columnCount()):
        name = model.column_name(i)
        columns[name] = {
            "hidden": header.isSectionHidden(i),
            "left": header.sectionViewportPosition(i),
            "width": header.sectionSize(i),
        }
    flags = [b for b in win.decision.findChildren(QPushButton) if b.property("flagButton")]
    return {
        "screen": [area.x(), area.y(), area.width(), area.height()],
        "ratio": screen.devicePixelRatio(),
        "font_height": win.fontMetrics().height(),
        "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
        "window": rect(win),
        "flags": [
            {"name": b.objectName(), "height": b.height(), "shown": shown(b, win), "reachable": reachable(b, win),
             "text_width": b.fontMetrics().horizontalAdvance(b.text()), "width": b.width()}
            for b in flags
        ],
        "approve": {"rect": rect(win.decision.approve_button), "shown": shown(win.decision.approve_button, win)},
        "reject": {"rect": rect(win.decision.reject_button), "shown": shown(win.decision.reject_button, win)},
        "transport": {"rect": rect(win.controls), "shown": shown(win.controls, win)},
        "plot": {"rect": rect(win.checks.plot), "shown": shown(win.checks.plot, win),
                 "reachable": reachable(win.checks.plot, win)},
        "em": win.fontMetrics().averageCharWidth(),
        "strip": [win.desk.checks.strip.height(), win.checks.sizeHint().height(), win.checks.height(),
                  win.desk.checks.strip.viewport().width(), win.checks.minimumSizeHint().width(),
                  win.desk.checks.strip.horizontalScrollBar().isVisible(),
                  win.checks.layout().totalMinimumSize().height(), win.checks.layout().totalSizeHint().height(),
                  win.checks.plot.geometry().y(), win.checks.plot.height(),
                  win.desk.checks.strip.geometry().y(), win.desk.checks.geometry().y(), win.desk.checks.height(),
                  win.desk.checks.parentWidget().height()],
        "video": {"rect": rect(win.deck), "shown": shown(win.deck, win)},
        "queue": {
            "viewport_width": table.viewport().width(),
            "header_length": header.length(),
            "hscroll_visible": table.horizontalScrollBar().isVisible(),
            "hscroll_range": table.horizontalScrollBar().maximum(),
            "columns": columns,
        },
        "splitters": {name: s.sizes() for name, s in win.desk.splitters().items()},
        "minimums": [win.desk.columns.widget(i).minimumSizeHint().width() for i in range(3)]
        + [win.desk.columns.widget(i).minimumWidth() for i in range(3)]
        + [win.checks.minimumSizeHint().width(), win.controls.minimumSizeHint().width(),
           win.queue_panel.table.minimumSizeHint().width(), win.desk.decision_area.minimumWidth()],
        "checks_unfolded": win.desk.checks.unfolded,
        "decision_hscroll": win.desk.right.widget(1).horizontalScrollBar().maximum(),
        "app": QCoreApplication.applicationName() if app else "",
    }


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("data_dir", type=Path)
    p.add_argument("inbox", type=Path)
    p.add_argument("--lang", default="en")
    p.add_argument("--resize", default="", help="WxH+X+Y to move the window to, then splitter sizes (a,b,c)")
    p.add_argument("--columns", default="")
    p.add_argument("--fold", action="store_true", help="fold the checks panel before closing")
    p.add_argument("--check", action="store_true", help="run the clip checks first: the figures are filled in")
    args = p.parse_args(argv)

    from moderator_app.db.cache import Cache
    from moderator_app.services.review import ReviewService
    from moderator_app.tasks import TaskRunner
    from moderator_app.ui.i18n import install_translators
    from moderator_app.ui.review.window import MainWindow

    app = QApplication([sys.argv[0]])
    app.setApplicationName("moderator-app")
    app.setOrganizationName("OnResteEnsemble")
    app.setQuitOnLastWindowClosed(False)
    install_translators(app, args.lang)
    cache = Cache(args.data_dir)
    win = MainWindow(ReviewService(cache, "ana"), TaskRunner(), inbox=args.inbox)
    win.show()
    ok = wait_until(app, lambda: win.current_id is not None and win.model.rowCount() > 0)
    if args.check:
        checked: list[bool] = []
        win.checks_finished.connect(lambda _s: checked.append(True))
        win.run_checks()
        ok = ok and wait_until(app, lambda: bool(checked), 180000)
        ok = ok and wait_until(app, lambda: win.checks.values["duration_s"].text() != "—", 5000)
    wait_until(app, lambda: win.isVisible() and win.windowHandle() is not None and win.windowHandle().isExposed())
    for _ in range(20):
        app.processEvents()
    out = probe(win)
    out["loaded"] = ok
    if args.resize:
        size, _, pos = args.resize.partition("+")
        w, h = (int(v) for v in size.split("x"))
        x, y = (int(v) for v in pos.split("+"))
        win.setGeometry(x, y, w, h)
        wait_until(app, lambda: win.width() == w, 5000)
    if args.columns:
        win.desk.columns.setSizes([int(v) for v in args.columns.split(",")])
    if args.fold:
        win.desk.checks.set_unfolded(False)
    for _ in range(20):
        app.processEvents()
    out["before_close"] = {"window": rect(win), "splitters": {n: s.sizes() for n, s in win.desk.splitters().items()}}
    closed: list[bool] = []
    win.closed.connect(lambda: closed.append(True))
    win.close()
    wait_until(app, lambda: bool(closed), 15000)
    win.runner.join(timeout=30)
    cache.close()
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
