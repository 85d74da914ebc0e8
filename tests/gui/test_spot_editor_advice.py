"""The editor's messages say what to do, in a line that never moves the Fit row; Fit warns below the
minimum message length; a clip goes in a spot once; the picker and editor speak words, not codes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QLabel, QListWidget, QPushButton, QTableWidget
from pytestqt.qtbot import QtBot

from moderator_app.db import decisions
from moderator_app.db.cache import Cache
from moderator_app.qc.findings import FINDING_CODES
from moderator_app.services import checks as checking
from moderator_app.services.spots import SpotService
from moderator_app.tasks import TaskRunner
from moderator_app.ui.i18n import install_translators, remove_translators
from moderator_app.ui.review.checks_panel import finding_label
from moderator_app.ui.spot.editor import SpotEditorWindow
from tests.gui.test_spot_editor import cache, editor, spot_inbox  # noqa: F401 - fixtures
from tests.unit.services.test_spots import LONG_IDS

pytestmark = pytest.mark.gui


def fit_row_y(win: SpotEditorWindow) -> int:
    return win.centre.mid_row.mapTo(win, win.centre.mid_row.rect().topLeft()).y()


def visible_fixes(win: SpotEditorWindow) -> list[QPushButton]:
    return [b for b in win.advice.buttons if b.isVisible()]


def test_the_advice_line_says_what_to_do_and_never_moves_the_fit_row(qtbot: QtBot,
                                                                     editor: SpotEditorWindow) -> None:  # noqa: F811
    win = editor
    qtbot.waitUntil(lambda: win.centre.mid_row.isVisible())
    y0, height = fit_row_y(win), win.advice.height()
    assert win.advice.label.text() == "" and not visible_fixes(win)
    for sid in LONG_IDS:
        win.place(sid)
    # three whole 10 s clips: 35 s placed for 30 s
    assert "35.0\u00a0s" in win.advice.label.text() and "30\u00a0s" in win.advice.label.text()
    assert [b.text() for b in visible_fixes(win)] == ["Fit to 30\u00a0s"]
    assert fit_row_y(win) == y0 and win.advice.height() == height
    visible_fixes(win)[0].click()
    assert win.spot.exact and win.advice.label.text() == "" and not visible_fixes(win), "cleared once exact"
    assert fit_row_y(win) == y0 and win.advice.height() == height

    # trimmed 0.8 s short: hold the last card longer, in one click
    win.select_slot(2)
    win.inspector.out_spin.setValue(win.inspector.out_spin.value() - 20)
    assert not win.spot.exact and "29.2\u00a0s" in win.advice.label.text()
    hold = next(b for b in visible_fixes(win) if "last card" in b.text())
    assert hold.text() == "Hold the last card 0.8\u00a0s longer"
    assert fit_row_y(win) == y0
    hold.click()
    assert win.spot.exact and win.advice.label.text() == "" and bool(win.counter.property("exact"))
    assert fit_row_y(win) == y0

    # at 10 s the three messages would be cut to 2.3 s: Fit warns, keeps the spot as it was, offers fixes
    win.header.length_box.setCurrentIndex(win.header.length_box.findData(10))
    before = list(win.spot.placements)
    win.fit_button.click()
    assert win.spot.placements == before and not win.spot.exact
    text = win.advice.label.text()
    assert "2.3\u00a0s" in text and "3.0\u00a0s" in text and "hard to follow" in text
    labels = [b.text() for b in visible_fixes(win)]
    assert labels[0].startswith("Make it a ") and any(t.startswith("Remove message") for t in labels)
    assert fit_row_y(win) == y0 and win.advice.height() == height
    visible_fixes(win)[0].click()
    assert win.spot.exact and win.spot.template.seconds > 10
    assert win.header.length_box.currentData() == win.spot.template.seconds, "the header follows the fix"
    assert all(p is not None and p.frames >= 75 for p in win.spot.placements)
    assert fit_row_y(win) == y0


def test_a_clip_cannot_be_placed_twice_and_is_marked_in_the_picker(qtbot: QtBot, editor: SpotEditorWindow) -> None:  # noqa: F811
    win = editor
    win.place(LONG_IDS[0])
    assert win.selected_slot == 1
    win.place(LONG_IDS[0])
    assert [p.clip.submission_id for p in win.spot.placements if p] == [LONG_IDS[0]]
    assert "already in slot 1" in win.status.text()
    rows = {win.picker.clip_list.item(r).text() for r in range(win.picker.clip_list.count())}
    marked = [t for t in rows if t.startswith("✓ In slot 1")]
    assert len(marked) == 1 and "Hélène" in marked[0]
    win.remove_slot() if win.selected_slot == 0 else (win.select_slot(0), win.remove_slot())
    assert not any(win.picker.clip_list.item(r).text().startswith("✓")
                   for r in range(win.picker.clip_list.count())), "unmarked once removed"


def every_text(win: SpotEditorWindow) -> list[str]:
    texts = [w.text() for w in win.findChildren(QLabel)] + [w.text() for w in win.findChildren(QPushButton)]
    for lst in win.findChildren(QListWidget):
        texts += [lst.item(r).text() for r in range(lst.count())]
    for table in win.findChildren(QTableWidget):
        texts += [table.item(r, c).text() for r in range(table.rowCount()) for c in range(table.columnCount())
                  if table.item(r, c) is not None]
    box = win.picker.findings_box
    texts += [box.itemText(i) for i in range(box.count())]
    return texts


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_findings_flags_and_lengths_are_words(qtbot: QtBot, qapp: QApplication, cache: Cache,  # noqa: F811
                                              lang: str) -> None:
    checking.check_cached(cache, workers=2)
    decisions.record_decision(cache.db, LONG_IDS[1], "approved", flags=["minor_shown"], moderator="test")
    if lang == "fr":
        assert install_translators(qapp, "fr") == "fr"
    runner = TaskRunner()
    try:
        win = SpotEditorWindow(SpotService(cache), runner)
        qtbot.addWidget(win)
        with qtbot.waitSignal(win.candidates_loaded, timeout=10000):
            win.show()
        qtbot.waitUntil(lambda: win.picker.findings_box.count() > 2, timeout=10000)
        for sid in LONG_IDS:
            win.place(sid)
        texts = every_text(win)
        # a code whose words differ from it ("no_face", or "frozen" in French) is never shown raw
        codes = [code for code in FINDING_CODES if finding_label(code) != code and any(code in t for t in texts)]
        assert codes == [], codes
        assert not any(t.endswith(" f") or " f\n" in t for t in texts), "lengths in seconds, not frames"
        assert not any("minor_shown" in t for t in texts)
        flagged = win.picker.clip_list.findItems("فاطمة", Qt.MatchFlag.MatchContains)
        assert flagged and ("Mineur à l'image" if lang == "fr" else "Minor shown") in flagged[0].text()
        seconds = "10,0\u00a0s" if lang == "fr" else "10.0\u00a0s"
        assert any(seconds in t for t in texts)
        win.close()
    finally:
        runner.shutdown()
        remove_translators(qapp)
        QLocale.setDefault(QLocale(QLocale.Language.English))
