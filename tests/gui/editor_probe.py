"""Open the spot editor (and its dialogs) on whatever screen the process has, and print their geometry as
JSON: the screen-fit tests run it under Xvfb at 1366×768 and at 150 % on Full HD, and it takes the
screenshots for the issue (``--shot``).

    xvfb-run -a -s "-screen 0 1366x768x24" python -m tests.gui.editor_probe --work /tmp/w [--lang fr]
        [--shot out.png] [--dialog export|settings]
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

from PySide6.QtCore import QEventLoop, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QWidget

from moderator_app.db.cache import Cache
from moderator_app.services.spots import SpotService
from moderator_app.tasks import TaskRunner
from moderator_app.ui.i18n import install_translators
from moderator_app.ui.platform.settings_dialog import SettingsDialog
from moderator_app.ui.spot.editor import SpotEditorWindow
from tests.unit.services.test_spots import LONG_IDS, fill_cache, make_spot_inbox

ROOT = Path(__file__).resolve().parents[2]
WATCHED = {
    "fit": lambda w: w.fit_button, "preview": lambda w: w.preview_button, "made_for": lambda w: w.safe_preset_box,
    "timeline": lambda w: w.timeline, "advice": lambda w: w.advice, "counter": lambda w: w.counter,
    "export": lambda w: w.header.export_button, "save": lambda w: w.header.save_button,
    "campaign": lambda w: w.header.campaign_button, "length": lambda w: w.header.length_box,
    "joins": lambda w: w.header.transition_box, "place": lambda w: w.picker.place_button,
    "inspector": lambda w: w.inspector.parentWidget().parentWidget(), "player": lambda w: w.preview.deck,
    "play": lambda w: w.preview.play_button,
}


def checkout_catalogue(app: QApplication) -> None:
    """The French of this checkout (an editable install may point the resources at another one)."""
    translator = QTranslator(app)
    if translator.load(str(ROOT / "resources" / "translations" / "moderator_app_fr.qm")):
        app.installTranslator(translator)


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_for(condition: Any, ms: int = 30000) -> None:
    waited = 0
    while not condition() and waited < ms:
        wait(50)
        waited += 50


def rect(widget: QWidget) -> dict[str, int]:
    top_left = widget.mapToGlobal(widget.rect().topLeft())
    return {"x": top_left.x(), "y": top_left.y(), "w": widget.width(), "h": widget.height(),
            "visible": widget.isVisible()}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--lang", default="en")
    parser.add_argument("--shot", type=Path)
    parser.add_argument("--dialog", choices=["export", "settings"])
    args = parser.parse_args()
    app = QApplication([sys.argv[0]])
    if args.lang == "fr":
        install_translators(app, "fr")
        checkout_catalogue(app)
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English))
    args.work.mkdir(parents=True, exist_ok=True)
    cache = Cache(args.work / "data")
    fill_cache(cache, make_spot_inbox(args.work / "inbox"), args.work, [*LONG_IDS, "sub-900005"])
    runner = TaskRunner()
    win = SpotEditorWindow(SpotService(cache), runner)
    win.show()
    wait_for(lambda: len(win.picker.candidates) >= 3)
    for sid in LONG_IDS:
        win.place(sid)
    win.header.length_box.setCurrentIndex(win.header.length_box.findData(10))
    win.fit()  # below the minimum at 10 s: the advice line shows its fixes
    wait(500)
    screen = win.screen()
    out: dict[str, Any] = {
        "screen": {"x": screen.availableGeometry().x(), "y": screen.availableGeometry().y(),
                   "w": screen.availableGeometry().width(), "h": screen.availableGeometry().height()},
        "ratio": screen.devicePixelRatio(),
        "window": {"x": win.frameGeometry().x(), "y": win.frameGeometry().y(), "w": win.frameGeometry().width(),
                   "h": win.frameGeometry().height()},
        "widgets": {name: rect(get(win)) for name, get in WATCHED.items()},
        "dialogs": {},
    }
    if args.dialog == "export":
        visible = [b for b in win.advice.buttons if b.isVisible()]
        visible[-1].click()  # cut them anyway: a 10 s spot exports fast
        win.safe_preset_box.setCurrentIndex(win.safe_preset_box.findData("web-mp4"))
        win.open_export()
        dialog = win.export_dialog
        assert dialog is not None
        dialog.out_edit.setText(str(args.work / "out" / "spot.mp4"))
        dialog.start(draft=True)
        wait_for(lambda: dialog.last_result is not None, 180000)
        wait(500)
        out["dialogs"]["export"] = {"window": rect(dialog), "report": rect(dialog.report.table),
                                    "folder": rect(dialog.folder_button), "close": rect(dialog.close_button)}
    elif args.dialog == "settings":
        settings = SettingsDialog("", False, True, win, runner=runner)
        settings.show()
        settings.url.setText("not a url")
        settings.accept()
        wait(300)
        out["dialogs"]["settings"] = {"window": rect(settings), "problem": rect(settings.problem),
                                      "problem_text": settings.problem.text(), "still_open": settings.isVisible()}
    if args.shot is not None:
        wait(300)
        screen.grabWindow(0).save(str(args.shot))
    print(json.dumps(out))
    runner.shutdown()
    os._exit(0)  # VLC and the runner's threads: the geometry is printed, nothing else matters


if __name__ == "__main__":
    sys.exit(main())
