"""The review window's "Erase…": a real window, the confirmation listing what will go, the erase off the GUI thread."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from moderator_app.ui.review.erase import EraseDialog, EraseFlow
from moderator_app.ui.review.window import MainWindow
from tests.gui.test_review_window import window  # noqa: F401  (the fixture: a real window on the demo inbox)


def test_erase_asks_with_what_will_go_then_erases(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:  # noqa: F811
    sid = window.current_id
    assert sid is not None
    cache = window.review.cache
    window.review.decide(sid, "approved", note="note to redact")
    outside = tmp_path / "out" / "spot-x_web-mp4.mp4"
    outside.parent.mkdir()
    outside.write_bytes(b"master")
    cache.db.execute("INSERT INTO spots (id, template, placements, created_at, updated_at) VALUES"
                     " ('spot-x', '{}', '[]', 'now', 'now')")
    cache.db.execute("INSERT INTO spot_clips (spot_id, slot, submission_id) VALUES ('spot-x', 1, ?)", [sid])
    cache.db.execute("INSERT INTO spot_exports (spot_id, path, preset, exported_at) VALUES ('spot-x', ?, 'web-mp4', 'now')",
                     [str(outside)])
    cache.db.execute("INSERT INTO spot_export_clips (export_id, submission_id) VALUES (last_insert_rowid(), ?)", [sid])

    window.actions_by_name["erase"].trigger()
    flow = window.findChild(EraseFlow)
    assert isinstance(flow, EraseFlow)
    qtbot.waitUntil(lambda: flow.dialog is not None and flow.dialog.isVisible(), timeout=10000)
    dialog = flow.dialog
    assert isinstance(dialog, EraseDialog)
    text = dialog.summary.text()
    assert sid in text and "1 clip file" in text and "the note of 1 decision;" in text
    assert "spot spot-x: slot 2 is emptied" in text and str(outside) in text

    dialog.reject()  # cancel: nothing goes
    qtbot.waitUntil(lambda: flow.dialog is None, timeout=5000)
    assert cache.db.execute("SELECT COUNT(*) FROM submissions WHERE id = ?", [sid]).fetchone()[0] == 1

    window.actions_by_name["erase"].trigger()
    qtbot.waitUntil(lambda: flow.dialog is not None and flow.dialog.isVisible(), timeout=10000)
    assert flow.dialog is not None
    with qtbot.waitSignal(flow.erased, timeout=60000) as done:
        flow.dialog.confirm.click()
        assert flow.running  # handed to the writer lane; the window keeps answering
    outcome = done.args[0]
    assert outcome.erased == [sid] and outcome.notes_redacted == 1 and outcome.masters_by_hand == [str(outside)]
    assert cache.db.execute("SELECT COUNT(*) FROM submissions WHERE id = ?", [sid]).fetchone()[0] == 0
    assert cache.db.execute("SELECT reason FROM erasures WHERE submission_id = ?", [sid]).fetchone()[0] == "request"
    assert window.current_id != sid
    assert sid in window.statusBar().currentMessage() and str(outside) in window.statusBar().currentMessage()
