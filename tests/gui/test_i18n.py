"""French and English ship complete: every interface string has its French, and the window uses it."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from moderator_app.db.cache import Cache
from moderator_app.services.review import ReviewService
from moderator_app.tasks import TaskRunner
from moderator_app.ui.i18n import install_translators, remove_translators
from moderator_app.ui.review.window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "moderator_app_fr.ts"
TOOLS = Path(sys.executable).parent


def sources(ts: Path) -> set[tuple[str, str]]:
    tree = ET.parse(ts)
    return {
        (ctx.findtext("name") or "", msg.findtext("source") or "")
        for ctx in tree.iter("context")
        for msg in ctx.iter("message")
        if (msg.find("translation") is None or msg.find("translation").get("type") != "obsolete")  # type: ignore[union-attr]
    }


def test_every_string_in_the_code_has_a_french_translation(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    code = sorted(str(p) for d in ("ui", "player") for p in (ROOT / "moderator_app" / d).rglob("*.py"))
    subprocess.run([str(TOOLS / "pyside6-lupdate"), *code, "-ts", str(fresh)], check=True, capture_output=True)
    missing = sources(fresh) - sources(TS)
    assert not missing, f"run lupdate and scripts/translate_fr.py; new strings: {sorted(missing)}"
    for msg in ET.parse(TS).iter("message"):
        translation = msg.find("translation")
        assert translation is not None and translation.text, msg.findtext("source")
        assert translation.get("type") != "unfinished", msg.findtext("source")


def test_compiled_translation_matches_its_source(tmp_path: Path) -> None:
    qm = tmp_path / "fr.qm"
    subprocess.run([str(TOOLS / "pyside6-lrelease"), str(TS), "-qm", str(qm)], check=True, capture_output=True)
    assert qm.read_bytes() == TS.with_suffix(".qm").read_bytes(), "run scripts/translate_fr.py"


@pytest.fixture
def french(qapp: QApplication) -> Iterator[None]:
    assert install_translators(qapp, "fr") == "fr"
    yield
    remove_translators(qapp)
    QLocale.setDefault(QLocale(QLocale.Language.English))


def test_window_in_french(qtbot: QtBot, french: None, data_dir: Path, demo_inbox: Path) -> None:
    cache = Cache(data_dir)
    win = MainWindow(ReviewService(cache, "ana"), TaskRunner(), inbox=demo_inbox)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.sync_finished, timeout=30000):
        win.show()
    assert win.windowTitle() == "Modération — poste de visionnage"
    assert win.decision.approve_button.text() == "Approuver (A)"
    assert win.decision.reject_button.text() == "Refuser (R)"
    flags = [b.text() for b in win.decision.flags_box.findChildren(type(win.decision.approve_button))]
    assert "8  Son de mauvaise qualité" in flags
    assert win.queue_panel.status.currentText() == "À modérer"
    assert win.model.headerData(1, Qt.Orientation.Horizontal) == "Destinataire"
    qtbot.waitUntil(lambda: win.queue_panel.progress.text() == "0 sur 14 modérés", timeout=5000)
    win.close()
    cache.close()


def test_unsupported_locale_falls_back_to_english(qapp: QApplication) -> None:
    assert install_translators(qapp, "de") == "en"
    QLocale.setDefault(QLocale(QLocale.Language.English))
