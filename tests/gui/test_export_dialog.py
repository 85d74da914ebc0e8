"""The export dialog as a report: the preset by its label, no empty space before the export, every rule in
sight with its target beside the value measured, pass or fail in words, then Show in folder and Close."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot

from moderator_app.spot import PRESETS
from moderator_app.spot.advice import Fix
from moderator_app.ui.spot.editor import SpotEditorWindow
from moderator_app.ui.spot.report import RULE_CODE
from tests.gui.test_spot_editor import cache, editor, spot_inbox  # noqa: F401 - fixtures
from tests.unit.services.test_spots import LONG_IDS

pytestmark = pytest.mark.gui


class FileManager(QObject):
    """Stands where the desktop's file manager would answer ``file:`` URLs (Qt's own hook for them)."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url)


def test_the_export_report_reads_as_a_report(qtbot: QtBot, editor: SpotEditorWindow,  # noqa: F811
                                             tmp_path: Path) -> None:
    win = editor
    win.header.length_box.setCurrentIndex(win.header.length_box.findData(10))
    for sid in LONG_IDS:
        win.place(sid)
    win.apply_fix(Fix("fit_anyway", seconds=10))  # a 10 s spot exports fast
    assert win.spot.exact
    win.safe_preset_box.setCurrentIndex(win.safe_preset_box.findData("web-mp4"))
    win.open_export()
    dialog = win.export_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert dialog.preset_box.currentText() == PRESETS["web-mp4"].label
    # before the export: as tall as what it shows, no empty report area
    assert not dialog.report.isVisible() and not dialog.folder_button.isVisible()
    assert dialog.height() <= dialog.sizeHint().height() + 40, (dialog.height(), dialog.sizeHint().height())
    out = tmp_path / "deliveries" / "spot-report.mp4"
    dialog.out_edit.setText(str(out))
    with qtbot.waitSignal(dialog.exported, timeout=180000) as done:
        dialog.start(draft=True)
    result = done.args[0]
    assert out.is_file()
    report = dialog.report
    label = PRESETS["web-mp4"].label
    assert label in report.verdict.text() and "web-mp4" not in report.verdict.text(), "the label, not the code"
    assert ("Ready to deliver" in report.verdict.text()) == result.report.passed
    table = report.table
    assert [table.horizontalHeaderItem(c).text() for c in range(4)] == ["Rule", "Target", "Measured", "Result"]
    rows = {table.item(r, 0).data(RULE_CODE): r for r in range(table.rowCount())}
    loud = rows["integrated loudness (LUFS)"]
    assert table.item(loud, 0).text() == "Loudness, whole spot (LUFS)"
    assert table.item(loud, 1).text().startswith(f"{PRESETS['web-mp4'].loudness.integrated_lufs:.1f}")
    assert table.item(loud, 3).text() in ("Passes", "Fails")
    # every row in sight: the table is as tall as its rows and sits inside the dialog's visible area
    viewport = dialog.scroll.viewport()
    bottom_row = table.rowCount() - 1
    last = table.visualItemRect(table.item(bottom_row, 0))
    in_view = viewport.mapFromGlobal(table.viewport().mapToGlobal(last.bottomLeft()))
    assert 0 <= in_view.y() <= viewport.height(), "the last (loudness) row is not below the fold"
    assert table.verticalScrollBar().maximum() == 0
    # then the file in its folder, and Close
    assert dialog.folder_button.isVisible() and dialog.close_button.isVisible()
    manager = FileManager()
    QDesktopServices.setUrlHandler("file", manager, "open")
    try:
        dialog.folder_button.click()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [u.toLocalFile() for u in manager.opened] == [str(out.parent)]
    dialog.close_button.click()
    assert not dialog.isVisible()
