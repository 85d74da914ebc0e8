"""The campaign spots panel from the spot editor: states, planning, render-all with progress and cancel
(real cache, real renders, real window under Xvfb)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
os.environ.setdefault("MODERATOR_VLC_ARGS", "--aout=amem")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from moderator_app.db.cache import Cache
from moderator_app.services.batch import BatchResult
from moderator_app.services.spots import SpotService
from moderator_app.tasks import TaskRunner
from moderator_app.ui.spot.campaign import CampaignSpotsDialog
from moderator_app.ui.spot.editor import SpotEditorWindow
from tests.unit.services.test_spots import LONG_IDS, fill_cache, make_spot_inbox

pytestmark = pytest.mark.gui


@pytest.fixture(scope="session")
def campaign_inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_spot_inbox(tmp_path_factory.mktemp("gui-campaign-inbox") / "inbox")


@pytest.fixture
def editor(qtbot: QtBot, data_dir: Path, campaign_inbox: Path, tmp_path: Path) -> Iterator[SpotEditorWindow]:
    cache = Cache(data_dir)
    fill_cache(cache, campaign_inbox, tmp_path, LONG_IDS)
    service = SpotService(cache)
    for n in range(2):
        service.save(service.build_spot(LONG_IDS[n:] + LONG_IDS[:n], 30, f"s{n:02d}"))
    runner = TaskRunner()
    win = SpotEditorWindow(service, runner)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.candidates_loaded, timeout=10000):
        win.show()
    yield win
    win.close()
    runner.shutdown()
    cache.close()


def states(panel: CampaignSpotsDialog) -> dict[str, str]:
    return {s.spot_id: s.state for s in panel.summaries}


def test_panel_lists_states_renders_with_progress_and_cancels(qtbot: QtBot, editor: SpotEditorWindow,
                                                            tmp_path: Path) -> None:
    button = editor.findChild(QPushButton, "spotCampaign")
    assert button is not None and button.text()
    button.click()
    panel = editor.findChild(CampaignSpotsDialog)
    assert panel is not None
    qtbot.waitUntil(lambda: panel.table.rowCount() == 2, timeout=5000)
    assert states(panel) == {"s00": "planned", "s01": "planned"}
    assert panel.table.item(0, 2).text() == "Planned"

    with qtbot.waitSignal(panel.loaded, timeout=10000):
        qtbot.mouseClick(panel.auto_button, Qt.MouseButton.LeftButton)
    assert "0" in panel.status.text()  # one message per country: nothing to plan, nothing made

    panel.preset_box.setCurrentIndex(panel.preset_box.findData("preview"))
    panel.folder_edit.setText(str(tmp_path / "campaign"))
    seen = []
    panel.progressed.connect(seen.append)
    with qtbot.waitSignal(panel.finished_render, timeout=300000) as done:
        qtbot.mouseClick(panel.render_button, Qt.MouseButton.LeftButton)
    result = done.args[0]
    assert isinstance(result, BatchResult) and len(result.rendered) == 2 and not result.cancelled
    assert seen and seen[-1].done == 2 and seen[-1].total == 2
    qtbot.waitUntil(lambda: states(panel) == {"s00": "verified", "s01": "verified"}, timeout=5000)
    assert (tmp_path / "campaign" / "campaign_preview.cues.csv").is_file()

    panel.table.selectRow(0)
    qtbot.waitUntil(lambda: panel.slot_box.count() == 3, timeout=5000)
    with qtbot.waitSignal(panel.open_requested, timeout=2000) as opened:
        qtbot.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)
    assert opened.args == ["s00"]
    qtbot.waitUntil(lambda: editor.spot.spot_id == "s00", timeout=5000)

    service = editor.service
    service.save(service.build_spot(LONG_IDS, 30, "s02"))
    panel.reload()
    qtbot.waitUntil(lambda: panel.table.rowCount() == 3, timeout=5000)
    with qtbot.waitSignal(panel.finished_render, timeout=300000) as done:
        qtbot.mouseClick(panel.render_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    result = done.args[0]
    assert isinstance(result, BatchResult) and result.cancelled and result.rendered == []
    assert not (tmp_path / "campaign" / "s02_preview.mp4").exists()
    assert "s02" not in result.skipped and result.skipped == ["s00", "s01"]
