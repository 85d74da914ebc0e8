"""The Schedule window on the real review window (demo data, real SQLite, task runner): Ctrl+T opens it,
slots show by day and channel with their state in words, a spot goes on a slot from the window, the fill
button fills, and a refused plan is listed line by line."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

from moderator_app.config import KEY_BINDINGS
from moderator_app.db import decisions
from moderator_app.services.spots import SpotService
from moderator_app.ui.campaign.schedule import ScheduleWindow
from moderator_app.ui.review.window import MainWindow
from moderator_app.ui.shortcuts import action_title
from tests.gui.test_review_window import window  # noqa: F401  (the fixture: a real window on the demo inbox)
from tests.unit.services.test_schedule import verified

pytestmark = pytest.mark.gui
HEADER = "slot_id;country;channel;programme;air_date;air_time;timezone;length_s"
PLAN = [
    "TF1-A;FR;TF1;Le 13H;2099-04-10;12:55;Europe/Paris;10",
    "TF1-B;FR;TF1;Le 20H;2099-04-10;20:40;Europe/Paris;10",
    "F2-A;FR;France 2;;2099-04-10;13:30;Europe/Paris;10",
    "2M-A;MA;2M;avant le journal;2099-04-11;20:40;Africa/Casablanca;10",
    "TF1-30;FR;TF1;;2099-04-11;12:55;Europe/Paris;30",
]


def open_schedule(qtbot: QtBot, win: MainWindow) -> ScheduleWindow:
    QTest.keyClick(win.queue_panel.table, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: getattr(win, "schedule_window", None) is not None, timeout=5000)
    dialog = win.schedule_window
    assert isinstance(dialog, ScheduleWindow)
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.loads > 0, timeout=10000)
    return dialog


def slot_rows(dialog: ScheduleWindow) -> dict[str, QTreeWidgetItem]:
    return {str(item.data(0, Qt.ItemDataRole.UserRole + 1)): item for item in dialog._slot_items()}


def reload_after(qtbot: QtBot, dialog: ScheduleWindow, action: object) -> None:
    with qtbot.waitSignal(dialog.loaded, timeout=15000):
        action()  # type: ignore[operator]


def test_ctrl_t_opens_the_schedule_and_spots_go_on_slots(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:  # noqa: F811
    win = window
    assert any(b.action == "schedule" and b.key == "Ctrl+T" for b in KEY_BINDINGS)
    assert action_title("schedule") != "schedule"
    cache = win.review.cache
    for sid in ("sub-000102", "sub-000104"):
        decisions.record_decision(cache.db, sid, "approved", moderator="test")
    spots = SpotService(cache)
    verified(spots, "fr-demo", ["sub-000102"])
    verified(spots, "ma-demo", ["sub-000104"])

    dialog = open_schedule(qtbot, win)
    assert dialog.windowTitle() == "Schedule"
    plan = tmp_path / "plan.csv"
    plan.write_text("\n".join([HEADER, *PLAN]) + "\n", encoding="utf-8-sig")
    reload_after(qtbot, dialog, lambda: dialog.import_plan(plan))
    assert "5 added" in dialog.status.text()
    tree = dialog.tree
    assert tree.topLevelItemCount() == 2, "two days"
    first_day = tree.topLevelItem(0)
    assert "2099" in first_day.text(0)
    assert [first_day.child(c).text(0) for c in range(first_day.childCount())] == ["France 2", "TF1"]
    rows = slot_rows(dialog)
    assert set(rows) == {"TF1-A", "TF1-B", "F2-A", "2M-A", "TF1-30"}
    assert rows["TF1-A"].text(0).startswith("12:55") and rows["TF1-A"].text(5) == "Empty: no spot"
    assert not rows["TF1-A"].icon(5).isNull()

    with qtbot.waitSignal(dialog.spots_offered, timeout=10000) as offered:
        dialog.select_slot("TF1-A")
    assert offered.args == ["TF1-A", ["fr-demo"]]
    assert dialog.spot_choice.currentText() == "fr-demo" and dialog.assign_button.isEnabled()
    reload_after(qtbot, dialog, lambda: QTest.mouseClick(dialog.assign_button, Qt.MouseButton.LeftButton))
    rows = slot_rows(dialog)
    assert rows["TF1-A"].text(4) == "fr-demo" and rows["TF1-A"].text(5) == "Scheduled"

    with qtbot.waitSignal(dialog.spots_offered, timeout=10000) as offered:
        dialog.select_slot("TF1-30")
    assert offered.args == ["TF1-30", []] and not dialog.assign_button.isEnabled()

    reload_after(qtbot, dialog, lambda: QTest.mouseClick(dialog.auto_button, Qt.MouseButton.LeftButton))
    rows = slot_rows(dialog)
    assert {k: rows[k].text(4) for k in rows} == {"TF1-A": "fr-demo", "TF1-B": "fr-demo", "F2-A": "fr-demo",
                                                  "2M-A": "ma-demo", "TF1-30": "—"}
    assert rows["TF1-30"].text(5) == "Empty: no spot"

    edited = spots.load("fr-demo")
    assert edited is not None
    edited.set_title(0, "Pour Mamie")
    spots.save(edited)
    reload_after(qtbot, dialog, dialog.reload)
    assert slot_rows(dialog)["TF1-B"].text(5) == "Spot changed since scheduled"

    dialog.select_slot("2M-A")
    reload_after(qtbot, dialog, lambda: QTest.mouseClick(dialog.unassign_button, Qt.MouseButton.LeftButton))
    assert slot_rows(dialog)["2M-A"].text(4) == "—"


def test_a_refused_plan_is_listed_line_by_line(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:  # noqa: F811
    dialog = open_schedule(qtbot, window)
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join([HEADER, PLAN[0], "X;FR;TF1;;2020-03-29;02:30;Europe/Paris;10",
                              "Y;FR;TF1;;2099-04-10;12:55;Local;10"]) + "\n", encoding="utf-8")
    with qtbot.waitSignal(dialog.failed, timeout=15000):
        dialog.import_plan(bad)
    assert dialog.refusal is not None and dialog.refusal.isVisible()
    assert dialog.refusal.lines() == [3, 4]
    assert "Europe/Paris" in dialog.refusal.table.item(0, 1).text()
    reload_after(qtbot, dialog, dialog.reload)
    assert slot_rows(dialog) == {}, "nothing imported"
    dialog.refusal.close()
