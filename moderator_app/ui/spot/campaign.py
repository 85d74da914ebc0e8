"""The campaign's spots, reachable from the spot editor: their state (planned, rendered, verified), planning
(``spot auto``), swapping one message, re-planning, and rendering every spot not yet rendered, with progress
(spots done of total, time left) and cancel.

All work goes through ``services.assembly`` and ``services.batch`` on the task runner: reads on the quick
lane, planning on the writer, the batch render on the long lane (cancellable). Texts are in the editor's
translation context (see ``editor``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from moderator_app.services.assembly import AssemblyService, SpotSummary
from moderator_app.services.batch import BatchProgress, BatchResult, render_all
from moderator_app.services.spots import SpotService
from moderator_app.spot.presets import PRESETS
from moderator_app.spot.titles import TitleRenderer
from moderator_app.tasks import QUICK, Job, TaskRunner
from moderator_app.ui.screenfit import fit_window, save_layout


def state_text(state: str) -> str:
    return {"planned": QCoreApplication.translate("SpotEditorWindow", "Planned"), "rendered": QCoreApplication.translate("SpotEditorWindow", "Rendered (fails a rule)"), "verified": QCoreApplication.translate("SpotEditorWindow", "Verified")}[state]


class CampaignSpotsDialog(QDialog):
    loaded = Signal(int)
    """The list shows this many spots."""
    progressed = Signal(object)
    """A BatchProgress, emitted from the render worker (queued to the GUI thread)."""
    finished_render = Signal(object)
    """The BatchResult (or the exception) of the last render."""
    open_requested = Signal(str)

    def __init__(self, assembly: AssemblyService, runner: TaskRunner, titles: TitleRenderer,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("campaignSpots")
        self.assembly = assembly
        self.runner = runner
        self.titles = titles
        self.summaries: list[SpotSummary] = []
        self.job: Job[BatchResult] | None = None
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("campaignTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.auto_button, self.replan_button = self._button("campaignAuto"), self._button("campaignReplan")
        self.open_button, self.swap_button = self._button("campaignOpen"), self._button("campaignSwap")
        self.render_button, self.cancel_button = self._button("campaignRender"), self._button("campaignCancel")
        self.slot_box, self.replacement_box = QComboBox(self), QComboBox(self)
        self.slot_box.setObjectName("campaignSlot")
        self.replacement_box.setObjectName("campaignReplacement")
        self.preset_box = QComboBox(self)
        self.preset_box.setObjectName("campaignPreset")
        for name, preset in PRESETS.items():
            self.preset_box.addItem(preset.label, name)
        self.folder_edit = QLineEdit(str(assembly.spots.export_folder / "campaign"), self)
        self.folder_edit.setObjectName("campaignFolder")
        self.progress = QProgressBar(self)
        self.progress.setObjectName("campaignProgress")
        self.status = QLabel(self)
        self.status.setObjectName("campaignStatus")
        self.status.setWordWrap(True)
        self.swap_label, self.with_label = QLabel(self), QLabel(self)

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        for w in (self.auto_button, self.replan_button, self.open_button):
            top.addWidget(w)
        top.addStretch(1)
        swap = QHBoxLayout()
        for w in (self.swap_label, self.slot_box, self.with_label, self.replacement_box, self.swap_button):
            swap.addWidget(w)
        swap.addStretch(1)
        render = QHBoxLayout()
        for w in (self.preset_box, self.folder_edit, self.render_button, self.cancel_button):
            render.addWidget(w)
        for part in (top, swap):
            layout.addLayout(part)
        layout.addWidget(self.table, 1)
        layout.addLayout(render)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)

        self.auto_button.clicked.connect(lambda: self._plan(self.assembly.auto))
        self.replan_button.clicked.connect(lambda: self._plan(self.assembly.replan))
        self.open_button.clicked.connect(self._open)
        self.swap_button.clicked.connect(self.swap)
        self.render_button.clicked.connect(self.render)
        self.cancel_button.clicked.connect(self.cancel)
        self.table.itemSelectionChanged.connect(self._selected)
        self.progressed.connect(self._show_progress, Qt.ConnectionType.QueuedConnection)
        self.cancel_button.setEnabled(False)
        fit_window(self, "spotCampaign", QSize(820, 520))  # inside a 1366×768 or 150 % screen
        self.finished.connect(lambda _r: save_layout(self, "spotCampaign"))
        self.retranslate()
        self.reload()

    def _button(self, name: str) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName(name)
        return button

    def retranslate(self) -> None:
        self.setWindowTitle(QCoreApplication.translate("SpotEditorWindow", "Campaign spots"))
        self.table.setHorizontalHeaderLabels([QCoreApplication.translate("SpotEditorWindow", "Spot"), QCoreApplication.translate("SpotEditorWindow", "Country"), QCoreApplication.translate("SpotEditorWindow", "State"), QCoreApplication.translate("SpotEditorWindow", "Messages"), QCoreApplication.translate("SpotEditorWindow", "Frames")])
        self.auto_button.setText(QCoreApplication.translate("SpotEditorWindow", "Plan spots"))
        self.replan_button.setText(QCoreApplication.translate("SpotEditorWindow", "Re-plan"))
        self.open_button.setText(QCoreApplication.translate("SpotEditorWindow", "Open in editor"))
        self.swap_button.setText(QCoreApplication.translate("SpotEditorWindow", "Swap"))
        self.render_button.setText(QCoreApplication.translate("SpotEditorWindow", "Render all"))
        self.cancel_button.setText(QCoreApplication.translate("SpotEditorWindow", "Cancel"))
        self.swap_label.setText(QCoreApplication.translate("SpotEditorWindow", "Replace message"))
        self.with_label.setText(QCoreApplication.translate("SpotEditorWindow", "with"))

    # reading ----------------------------------------------------------------------------------

    def reload(self) -> None:
        self.runner.run(self.assembly.summaries, self._show, lane=QUICK)

    def _show(self, summaries: list[SpotSummary]) -> None:
        chosen = self.selected_id()
        self.summaries = summaries
        self.table.setRowCount(len(summaries))
        for row, s in enumerate(summaries):
            values = (s.spot_id, s.country, state_text(s.state), ", ".join(c or "—" for c in s.clips), str(s.frames))
            for col, value in enumerate(values):
                self.table.setItem(row, col, QTableWidgetItem(value))
            if s.spot_id == chosen:
                self.table.selectRow(row)
        self.table.resizeColumnsToContents()
        self.loaded.emit(len(summaries))

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.summaries[rows[0].row()].spot_id if rows and rows[0].row() < len(self.summaries) else None

    def _selected(self) -> None:
        spot_id = self.selected_id()
        self.slot_box.clear()
        self.replacement_box.clear()
        if spot_id is None:
            return
        summary = next(s for s in self.summaries if s.spot_id == spot_id)
        for slot, clip in enumerate(summary.clips):
            self.slot_box.addItem(f"{slot + 1}: {clip or '—'}", slot)
        self.runner.run(lambda: self.assembly.swap_candidates(spot_id), self._show_candidates, lane=QUICK)

    def _show_candidates(self, ids: list[str]) -> None:
        self.replacement_box.clear()
        for sid in ids:
            self.replacement_box.addItem(sid, sid)
        self.swap_button.setEnabled(bool(ids))

    # changing ---------------------------------------------------------------------------------

    def _plan(self, how: Callable[..., Any]) -> None:
        def done(made: list[Any]) -> None:
            n = len(made)  # a plain name: lupdate skips a call whose count is an expression
            self.status.setText(QCoreApplication.translate("SpotEditorWindow", "Spots planned: %n.", "", n))
            self.reload()

        self.runner.run(how, done, self._failed, writer=True)

    def swap(self) -> None:
        spot_id, slot, sid = self.selected_id(), self.slot_box.currentData(), self.replacement_box.currentData()
        if spot_id is None or slot is None or sid is None:
            return
        self.runner.run(lambda: self.assembly.swap(spot_id, int(slot), str(sid)), lambda _s: self.reload(),
                        self._failed, writer=True)

    def _open(self) -> None:
        spot_id = self.selected_id()
        if spot_id is not None:
            self.open_requested.emit(spot_id)

    def _failed(self, error: BaseException) -> None:
        self.status.setText(QCoreApplication.translate("SpotEditorWindow", "Could not do it: %1").replace("%1", str(error)))

    # rendering --------------------------------------------------------------------------------

    def render(self) -> None:
        preset = PRESETS[str(self.preset_box.currentData())]
        folder = Path(self.folder_edit.text().strip())
        self.render_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setValue(0)

        def work(cancel: threading.Event) -> BatchResult:
            return render_all(self.assembly.spots, preset, folder, title_renderer=self.titles,
                              progress=self.progressed.emit, cancel=cancel)

        self.job = self.runner.run_cancellable(work, self._rendered, self._render_failed)

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.status.setText(QCoreApplication.translate("SpotEditorWindow", "Cancelling…"))

    def _show_progress(self, p: BatchProgress) -> None:
        self.progress.setValue(round(p.fraction * 100))
        text = QCoreApplication.translate("SpotEditorWindow", "%1 of %2 spots").replace("%1", str(p.done)).replace("%2", str(p.total))
        left = p.seconds_left
        if left is not None:
            text += " — " + QCoreApplication.translate("SpotEditorWindow", "about %1 s left").replace("%1", str(round(left)))
        self.status.setText(text)

    def _rendered(self, result: BatchResult) -> None:
        self.job = None
        self.render_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        text = (QCoreApplication.translate("SpotEditorWindow", "%1 rendered, %2 failed, %3 already rendered.")
                .replace("%1", str(len(result.rendered))).replace("%2", str(len(result.failed)))
                .replace("%3", str(len(result.skipped))))
        if result.cancelled:
            text = QCoreApplication.translate("SpotEditorWindow", "Cancelled: a new run renders what is missing.") + " " + text
        for failure in result.failed:
            text += f"\n{failure['spot_id']}: {failure['reason']}"
        self.status.setText(text)
        self.finished_render.emit(result)
        self.reload()

    def _render_failed(self, error: BaseException) -> None:
        self.job = None
        self.render_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self._failed(error)
        self.finished_render.emit(error)


def show_campaign(service: SpotService, runner: TaskRunner, titles: TitleRenderer, parent: QWidget,
                  open_spot: Callable[[str], None]) -> CampaignSpotsDialog:
    """The editor's "Campaign spots…": one panel per editor, raised if already open."""
    dialog = parent.findChild(CampaignSpotsDialog)
    if dialog is None:
        dialog = CampaignSpotsDialog(AssemblyService(service), runner, titles, parent)
        dialog.open_requested.connect(open_spot)
    else:
        dialog.reload()
    dialog.show()
    dialog.raise_()
    return dialog
