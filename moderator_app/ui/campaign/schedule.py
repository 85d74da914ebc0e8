"""The Schedule window: the media plan's slots by day and channel, and which spot airs in each.

Opened from the review window (a key binding in config.py). Everything it reads or writes goes through
services/schedule.py on the task runner: the slots and the spots a slot may take on the quick lane,
imports and assignments on the writer lane, so the window never waits on SQLite or on a 10,000-row plan.
Empty slots, conflicts and spots changed since they were scheduled are marked with an icon, a colour and
words. A refused plan is listed line by line in its own dialog: nothing of it was imported.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from moderator_app.services.errors import AssignmentRefused, UnknownSlot, UnknownSpot
from moderator_app.services.schedule import ImportSummary, PlanRefused, PlanSlot, ScheduleService, SlotView
from moderator_app.tasks import LONG, QUICK, TaskRunner
from moderator_app.ui.campaign.plan_refusal import PlanRefusalDialog
from moderator_app.ui.campaign.schedule_tree import SLOT_ROLE, fill


class ScheduleWindow(QDialog):
    loaded = Signal(int)
    """The tree shows this many slots (after each reload)."""
    spots_offered = Signal(str, list)
    """The spots the selected slot may take were listed (slot id, spot ids)."""
    failed = Signal(str)
    """An action was refused or failed; the text is shown under the tree."""

    def __init__(self, service: ScheduleService, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scheduleWindow")
        self.service = service
        self.runner = runner
        self.views: list[SlotView] = []
        self.loads = 0
        """Reloads shown so far (a caller that opened the window waits for the first)."""
        self.refusal: PlanRefusalDialog | None = None
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("scheduleTree")
        self.tree.setColumnCount(6)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAlternatingRowColors(False)
        self.summary = QLabel(self)
        self.status = QLabel(self)
        self.status.setObjectName("scheduleStatus")
        self.status.setWordWrap(True)
        self.spot_label = QLabel(self)
        self.spot_choice = QComboBox(self)
        self.spot_choice.setObjectName("scheduleSpot")
        self.spot_choice.setMinimumContentsLength(16)
        self.assign_button = QPushButton(self)
        self.unassign_button = QPushButton(self)
        self.auto_button = QPushButton(self)
        self.import_button = QPushButton(self)
        self.close_button = QPushButton(self)
        for button, name in ((self.assign_button, "scheduleAssign"), (self.unassign_button, "scheduleUnassign"),
                             (self.auto_button, "scheduleAutoFill"), (self.import_button, "scheduleImport")):
            button.setObjectName(name)

        top = QHBoxLayout()
        top.addWidget(self.import_button)
        top.addWidget(self.auto_button)
        top.addStretch(1)
        top.addWidget(self.summary)
        slot_row = QHBoxLayout()
        slot_row.addWidget(self.spot_label)
        slot_row.addWidget(self.spot_choice, 1)
        slot_row.addWidget(self.assign_button)
        slot_row.addWidget(self.unassign_button)
        slot_row.addStretch(1)
        slot_row.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.status)
        layout.addLayout(slot_row)

        self.tree.currentItemChanged.connect(lambda _now, _before: self._slot_changed())
        self.assign_button.clicked.connect(self.assign_selected)
        self.unassign_button.clicked.connect(self.unassign_selected)
        self.auto_button.clicked.connect(self.fill_automatically)
        self.import_button.clicked.connect(self._choose_plan)
        self.close_button.clicked.connect(self.reject)
        self.retranslate()
        self._slot_changed()
        self.resize(1100, 640)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Schedule"))
        self.spot_label.setText(self.tr("Spot for the selected slot:"))
        self.assign_button.setText(self.tr("Put on the slot"))
        self.unassign_button.setText(self.tr("Take off the slot"))
        self.auto_button.setText(self.tr("Fill automatically"))
        self.auto_button.setToolTip(self.tr("Fill the open slots so that every spot airs once before any airs "
                                            "twice; slots already filled keep their spot"))
        self.import_button.setText(self.tr("Import media plan…"))
        self.close_button.setText(self.tr("Close"))
        self._show(self.views, emit=False)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- loading ----------------------------------------------------------------------------------

    def open_schedule(self) -> None:
        self.reload()
        self.show()
        self.raise_()
        self.activateWindow()

    def reload(self) -> None:
        if self.runner.is_shut_down:
            return
        service = self.service
        self.runner.run(service.slots, on_done=self._show, on_error=self._failed, lane=QUICK)

    def _show(self, views: list[SlotView], emit: bool = True) -> None:
        self.views = views
        current = fill(self.tree, views, self.selected_slot())
        if current is not None:
            self.tree.setCurrentItem(current)
        empty = sum(1 for v in views if v.spot_id is None)
        marked = sum(1 for v in views if v.state in ("conflict", "changed"))
        self.summary.setText(self.tr("{n} slots, {empty} empty, {marked} to check").format(
            n=len(views), empty=empty, marked=marked))
        self._slot_changed()
        if emit:
            self.loads += 1
            self.loaded.emit(len(views))

    def selected_slot(self) -> str | None:
        item = self.tree.currentItem()
        value = item.data(0, SLOT_ROLE) if item is not None else None
        return value if isinstance(value, str) else None

    def select_slot(self, slot_id: str) -> bool:
        for item in self._slot_items():
            if item.data(0, SLOT_ROLE) == slot_id:
                self.tree.setCurrentItem(item)
                return True
        return False

    def _slot_items(self) -> list[QTreeWidgetItem]:
        out = []
        for d in range(self.tree.topLevelItemCount()):
            day = self.tree.topLevelItem(d)
            for c in range(day.childCount()):
                channel = day.child(c)
                out.extend(channel.child(s) for s in range(channel.childCount()))
        return out

    def _slot_changed(self) -> None:
        slot_id = self.selected_slot()
        view = next((v for v in self.views if v.slot_id == slot_id), None)
        self.spot_choice.clear()
        self.assign_button.setEnabled(False)
        self.unassign_button.setEnabled(view is not None and view.spot_id is not None)
        self.spot_choice.setEnabled(view is not None)
        if view is None or self.runner.is_shut_down:
            return
        service = self.service
        self.runner.run(lambda: service.eligible_spots(view.slot_id),
                        on_done=lambda ids: self._offer(view.slot_id, ids), on_error=self._failed, lane=QUICK)

    def _offer(self, slot_id: str, spot_ids: list[str]) -> None:
        if slot_id != self.selected_slot():
            return  # the selection moved on while the list was read
        self.spot_choice.clear()
        for spot_id in spot_ids:
            self.spot_choice.addItem(spot_id, spot_id)
        if not spot_ids:
            self.spot_choice.setPlaceholderText(self.tr("No rendered spot of this country and length"))
        self.assign_button.setEnabled(bool(spot_ids))
        self.spots_offered.emit(slot_id, spot_ids)

    # -- actions ----------------------------------------------------------------------------------

    def assign_selected(self) -> None:
        slot_id, spot_id = self.selected_slot(), self.spot_choice.currentData()
        if slot_id is None or not isinstance(spot_id, str):
            return
        service = self.service
        self.runner.run(lambda: service.assign(spot_id, slot_id), on_done=lambda _r: self._done(),
                        on_error=self._failed, writer=True)

    def unassign_selected(self) -> None:
        slot_id = self.selected_slot()
        if slot_id is None:
            return
        service = self.service
        self.runner.run(lambda: service.unassign(slot_id), on_done=lambda _r: self._done(),
                        on_error=self._failed, writer=True)

    def fill_automatically(self) -> None:
        self.runner.run(self.service.assign_auto, on_done=self._filled, on_error=self._failed, writer=True)

    def _filled(self, changed: dict[str, str | None]) -> None:
        self._done(self.tr("{n} slots changed").format(n=len(changed)))

    def _choose_plan(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Import a media plan"), "",
                                              self.tr("Media plans (*.csv *.xlsx);;All files (*)"))
        if name:
            self.import_plan(Path(name))

    def import_plan(self, path: Path) -> None:
        """Read and check the plan on the long lane, then write it on the writer lane (one transaction)."""
        service = self.service

        def write(plan: list[PlanSlot]) -> None:
            self.runner.run(lambda: service.import_slots(plan), on_done=self._imported, on_error=self._failed,
                            writer=True)

        self.runner.run(lambda: service.read_plan(path), on_done=write, on_error=self._failed, lane=LONG)

    def _imported(self, summary: ImportSummary) -> None:
        text = self.tr("Plan imported: {added} added, {updated} updated, {unchanged} unchanged").format(
            added=summary.added, updated=summary.updated, unchanged=summary.unchanged)
        if summary.outdated:
            text += " " + self.tr("{n} notifications already sent announced another time: marked outdated").format(
                n=summary.outdated)
        if summary.absent:
            text += " " + self.tr("{n} slots are not in this plan and were kept").format(n=len(summary.absent))
        self._done(text)

    def _done(self, text: str = "") -> None:
        self.status.setText(text)
        self.reload()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, PlanRefused):
            self.refusal = PlanRefusalDialog(exc, self)
            self.refusal.show()
            text = self.tr("The media plan was refused: nothing was imported")
        elif isinstance(exc, (AssignmentRefused, UnknownSlot, UnknownSpot)):
            text = self.tr("Refused: {reason}").format(reason=str(exc))
        elif isinstance(exc, OSError):
            text = self.tr("The file cannot be read: {reason}").format(reason=exc.strerror or type(exc).__name__)
        else:
            text = self.tr("Something went wrong: {name}").format(name=type(exc).__name__)
        self.status.setText(text)
        self.failed.emit(text)


def open_schedule(window: QWidget) -> ScheduleWindow:
    """One schedule window per review window (``window.schedule_window``), refreshed each time it opens."""
    dialog: ScheduleWindow | None = getattr(window, "schedule_window", None)
    if dialog is None:
        service = ScheduleService(window.review.cache)  # type: ignore[attr-defined]
        dialog = ScheduleWindow(service, window.runner, window)  # type: ignore[attr-defined]
        window.schedule_window = dialog  # type: ignore[attr-defined]
    dialog.open_schedule()
    return dialog
