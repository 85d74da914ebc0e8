"""The spot editor: pick approved clips, place and order them, trim them to the exact length, preview, export.

This window is the wiring between its parts: the clip picker (``picker``), the slot inspector
(``inspector``), the timeline, the preview and the export dialog. Everything about frames comes from the spot
core (``moderator_app.spot``) and what may be previewed, exported or aired from ``services.spots``; this
window only edits a ``Spot`` and shows it. Database reads run on the task runner; saving runs on its writer
thread. The preview proxy is re-rendered in the background whenever the spot is exact, so asking for the
preview rarely waits.

The parts' texts keep the ``SpotEditorWindow`` translation context the French catalogue ships them under:
they are written as ``QCoreApplication.translate("SpotEditorWindow", ...)`` with literal arguments, the form
``lupdate`` files under that context (``self.tr`` in a part would look them up under the part's class name).
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from moderator_app.services.spots import (
    Attention,
    ClipState,
    SpotService,
    airing_problems,
    apply_clip_states,
    blocked,
    is_exact,
    valid_spot_id,
)
from moderator_app.spot.errors import ClipNotAllowed, ClipTooShort, TimelineError
from moderator_app.spot.model import Spot
from moderator_app.spot.presets import PRESETS
from moderator_app.spot.qt_titles import QtTitleRenderer
from moderator_app.tasks import QUICK, TaskRunner
from moderator_app.ui.plaintext import plain, tooltip_text
from moderator_app.ui.spot.campaign import show_campaign
from moderator_app.ui.spot.export import SpotExportDialog
from moderator_app.ui.spot.header import SpotHeader
from moderator_app.ui.spot.inspector import SlotInspector
from moderator_app.ui.spot.picker import ClipPicker
from moderator_app.ui.spot.preview import ProxyRenderer, SpotPreview
from moderator_app.ui.spot.timeline import FrameCounter, SpotTimeline, slack_words

log = logging.getLogger(__name__)

_PROXY_DELAY_MS = 300


class SpotEditorWindow(QMainWindow):
    preview_started = Signal(object)
    """The proxy (Path) is on screen: the first frame of the assembled spot plays."""
    candidates_loaded = Signal(int)
    attention_changed = Signal(object)
    """The list of Attention marks for this spot (empty when every placed clip may air)."""
    saved = Signal(str)

    def __init__(self, service: SpotService, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("spotEditor")
        self.setWindowFlag(Qt.WindowType.Window)
        self.service = service
        self.runner = runner
        self.titles = QtTitleRenderer()  # made on the GUI thread, called from workers
        self._tmp = tempfile.TemporaryDirectory(prefix="spot-preview-")
        self.proxy = ProxyRenderer(runner, self.titles, Path(self._tmp.name), self)
        self.spot = Spot(service.template(30), "spot-001")
        self.selected_slot = 0
        self.attention: list[Attention] = []
        self.export_dialog: SpotExportDialog | None = None
        self._want_preview = False
        self._closing = False
        self._attention_generation = 0

        self.picker = ClipPicker(service, runner, self)
        self.inspector = SlotInspector(self)

        # centre: spot settings, warning, preview, counter and timeline ---------------------------------
        self.header = SpotHeader(self.spot.spot_id, self.spot.template.slot_count, self)
        self.safe_preset_box = QComboBox(self)
        self.safe_preset_box.setObjectName("spotSafePreset")
        for name, preset in PRESETS.items():
            if name != "preview":
                self.safe_preset_box.addItem(preset.label, name)
        self.warning = plain(QLabel(self))
        self.warning.setObjectName("spotWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("background: #c62828; color: white; padding: 6px; font-weight: bold;")
        self.warning.hide()
        self.preview = SpotPreview(self)
        self.preview_button = QPushButton(self)
        self.preview_button.setObjectName("spotPreview")
        self.fit_button = QPushButton(self)
        self.fit_button.setObjectName("spotFit")
        self.counter = FrameCounter(self)
        self.counter.setObjectName("spotCounter")
        self.status = plain(QLabel(self))  # errors may quote a title, i.e. names from the public
        self.status.setObjectName("spotStatus")
        self.status.setWordWrap(True)
        self.timeline = SpotTimeline(self)
        self.safe_label = QLabel(self)
        mid_row = QHBoxLayout()
        for w, stretch in ((self.preview_button, 0), (self.fit_button, 0), (self.counter, 1), (self.safe_label, 0),
                           (self.safe_preset_box, 0)):
            mid_row.addWidget(w, stretch)
        centre = QWidget(self)
        cl = QVBoxLayout(centre)
        cl.setContentsMargins(0, 0, 0, 0)
        for part in (self.header, self.warning, self.preview, self.timeline, self.status):
            cl.addWidget(part, 1 if part is self.preview else 0)
        cl.insertLayout(3, mid_row)  # under the preview

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.picker)
        splitter.addWidget(centre)
        splitter.addWidget(self.inspector)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setStretchFactor(2, 2)
        splitter.setSizes([330, 860, 330])
        self.setCentralWidget(splitter)

        # wiring ---------------------------------------------------------------------------------------
        self._proxy_timer = QTimer(self)
        self._proxy_timer.setSingleShot(True)
        self._proxy_timer.setInterval(_PROXY_DELAY_MS)
        self._proxy_timer.timeout.connect(self._prerender)
        self.picker.place_requested.connect(self.place)
        self.picker.loaded.connect(self.candidates_loaded)
        self.header.template_changed.connect(self._template_changed)
        self.header.id_edited.connect(self._id_changed)
        self.header.save_requested.connect(self.save)
        self.header.open_requested.connect(self.load)
        self.header.export_requested.connect(self.open_export)
        self.header.campaign_requested.connect(lambda: show_campaign(service, runner, self.titles, self, self.load))
        self.fit_button.clicked.connect(self.fit)
        self.preview_button.clicked.connect(self.request_preview)
        self.inspector.slot_selected.connect(self.select_slot)
        self.timeline.slot_selected.connect(self.select_slot)
        self.timeline.trim_requested.connect(self.trim)
        self.timeline.scrub_requested.connect(self._scrub_to)
        self.preview.scrubbed.connect(self.timeline.set_playhead)
        self.inspector.trim_requested.connect(lambda i, o: self.trim(self.selected_slot, i, o))
        self.inspector.title_edited.connect(self._title_edited)
        self.inspector.move_requested.connect(self.move_slot)
        self.inspector.remove_requested.connect(self.remove_slot)
        self.safe_preset_box.currentIndexChanged.connect(lambda _i: self._safe_preset_changed())
        self.proxy.ready.connect(self._proxy_ready)
        self.proxy.failed.connect(lambda reason: self._say(self.tr("Preview failed: {reason}").format(reason=reason)))
        self.preview.deck.clip_started.connect(self._preview_on_screen)

        self.retranslate()
        self._safe_preset_changed()
        self.resize(1560, 920)
        self.picker.load_filters()
        self.picker.load()
        self._refresh_saved()
        self.refresh()
        if service.brand_error is not None:
            self._say(self.tr("The campaign's brand file cannot be used ({reason}): the neutral look is used.")
                      .format(reason=service.brand_error))

    # -- text -------------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Spot editor"))
        self.preview_button.setText(self.tr("Preview"))
        self.fit_button.setText(self.tr("Fit to length"))
        self.fit_button.setToolTip(self.tr("Propose in and out points that make the spot exactly its length"))
        self.safe_label.setText(self.tr("Made for"))
        self.header.retranslate()
        self.picker.retranslate()
        self.inspector.retranslate()
        self.preview.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.refresh()
        elif event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            # decisions taken in the review window may have changed what can air
            self.refresh_attention()
            self.picker.load()
        super().changeEvent(event)

    def _say(self, text: str) -> None:
        self.status.setText(text)

    # -- editing ----------------------------------------------------------------------------------------

    def place(self, submission_id: str, slot: int | None = None) -> None:
        """Put a candidate in ``slot`` (default: the selected one, or the first empty one if it is full)."""
        candidate = self.picker.candidates.get(submission_id)
        if candidate is None:
            return
        if slot is None:
            slot = self.selected_slot
            if self.spot.placements[slot] is not None:
                slot = next(iter(self.spot.empty_slots()), slot)
        try:
            self.spot.place(slot, candidate.clip)
        except (ClipNotAllowed, TimelineError) as exc:
            self._say(str(exc))
            return
        self.selected_slot = next(iter(self.spot.empty_slots()), slot)
        self._changed()

    @Slot(int)
    def select_slot(self, slot: int) -> None:
        if 0 <= slot < self.spot.template.slot_count:
            self.selected_slot = slot
            self.refresh()

    @Slot(int, int, int)
    def trim(self, slot: int, in_frame: int, out_frame: int) -> None:
        if self.spot.trim(slot, in_frame, out_frame):
            self._changed()

    @Slot(str)
    def _title_edited(self, text: str) -> None:
        if self.spot.placements[self.selected_slot] is not None:
            self.spot.set_title(self.selected_slot, text)
            self._changed(refresh_title=False)

    def move_slot(self, step: int) -> None:
        if self.spot.swap(self.selected_slot, self.selected_slot + step):
            self.selected_slot += step
            self._changed()

    @Slot()
    def remove_slot(self) -> None:
        self.spot.clear(self.selected_slot)
        self._changed()

    @Slot()
    def fit(self) -> None:
        try:
            self.spot.fit()
        except (ClipTooShort, TimelineError) as exc:
            self._say(str(exc))
            self.refresh()
            return
        self._say(slack_words(self.spot.slack))
        self._changed()

    @Slot()
    def _template_changed(self) -> None:
        seconds, slots, transition = self.header.choice()
        try:
            template = self.service.template(seconds, slots=slots, transition=transition)
        except ValueError as exc:
            self._say(str(exc))
            return
        self.spot = self.spot.with_template(template)
        self.selected_slot = min(self.selected_slot, slots - 1)
        self._changed()

    def _id_changed(self) -> None:
        try:
            self.spot.spot_id = valid_spot_id(self.header.id_edit.text().strip())
        except ValueError as exc:
            self._say(str(exc))
            self.header.id_edit.setText(self.spot.spot_id)

    def set_spot(self, spot: Spot) -> None:
        self.spot = spot
        self.selected_slot = 0
        self.header.show_template(spot.spot_id, spot.template)
        self._changed()
        self.refresh_attention()

    def _changed(self, refresh_title: bool = True) -> None:
        self.refresh(refresh_title)
        if is_exact(self.spot):
            self._proxy_timer.start()  # keep the preview warm once the spot is exact
        else:
            self.proxy.cancel()

    # -- state shown ------------------------------------------------------------------------------------

    def blocked_reason(self) -> str | None:
        """Why the spot cannot be previewed or exported now (the service's rule, in the user's words), or None."""
        reason = blocked(self.spot)
        if reason is None:
            return None
        if reason.kind == "empty_slot":
            return self.tr("Slot {n} is empty.").format(n=(reason.slot or 0) + 1)
        if reason.kind == "not_allowed":
            return reason.detail
        return self.tr("The spot is not exactly {frames} frames: fit it or trim the messages.").format(
            frames=self.spot.template.total_frames)

    def refresh(self, refresh_title: bool = True) -> None:
        self.counter.show_spot(self.spot)
        self.timeline.set_spot(self.spot, self.selected_slot)
        self.inspector.show_spot(self.spot, self.selected_slot, refresh_title)
        reason = self.blocked_reason()
        self.preview_button.setEnabled(reason is None)
        self.header.export_button.setEnabled(reason is None)
        self.preview_button.setToolTip(tooltip_text(reason or ""))

    def refresh_attention(self) -> None:
        """Look again at what may air: the saved spot's marks and the placed clips' approval, consent and terms."""
        service, spot_id, snapshot = self.service, self.spot.spot_id, list(self.spot.placements)

        def work() -> tuple[list[Attention], list[ClipState]]:
            return service.attention(spot_id), service.clip_states(snapshot)

        self._attention_generation += 1
        generation = self._attention_generation
        self.runner.run(work, lambda data: self._show_attention(data, generation), lane=QUICK)

    def _show_attention(self, data: tuple[list[Attention], list[ClipState]], generation: int) -> None:
        marks, now = data
        if self._closing or generation != self._attention_generation:
            return  # a newer look at the clips is on its way
        apply_clip_states(self.spot, now)
        words = {"not_approved": self.tr("Slot {n}: clip {id} is no longer approved."),
                 "no_consent": self.tr("Slot {n}: clip {id} has lost its broadcast consent."),
                 "terms_not_accepted": self.tr("Slot {n}: clip {id} was consented under terms the campaign does not accept.")}
        lines = [words[a.reason].format(n=a.slot + 1, id=a.submission_id) for a in airing_problems(self.spot)]
        self.attention = marks
        if lines:
            self.warning.setText(self.tr("This spot cannot air as it is. Replace these clips:") + "\n" + "\n".join(lines))
        self.warning.setVisible(bool(lines))
        self.refresh()
        self.attention_changed.emit(marks)

    def _refresh_saved(self) -> None:
        self.runner.run(self.service.saved_ids, self.header.show_saved, lane=QUICK)

    # -- preview ----------------------------------------------------------------------------------------

    @Slot()
    def _prerender(self) -> None:
        if self.blocked_reason() is None and not self._closing:
            self.proxy.request(self.spot)

    @Slot()
    def request_preview(self) -> None:
        """Play the assembled spot: at once if its proxy is ready, else as soon as it is rendered."""
        reason = self.blocked_reason()
        if reason is not None:
            self._say(reason)
            return
        self._proxy_timer.stop()
        self._want_preview = True
        self._say(self.tr("Preparing the preview…"))
        self.proxy.request(self.spot)

    def _proxy_ready(self, path: Path) -> None:
        if self._want_preview and not self._closing and self.proxy.cached(self.spot) == path:
            self._want_preview = False
            self.preview.play(path)

    def _preview_on_screen(self, path: Path) -> None:
        p = self.proxy.preset
        self._say(self.tr("Preview playing ({w}x{h} proxy).").format(w=p.width, h=p.height))
        self.preview_started.emit(path)

    @Slot(int)
    def _scrub_to(self, frame: int) -> None:
        self.preview.seek_frame(frame)
        self.timeline.set_playhead(frame)

    def _safe_preset_changed(self) -> None:
        preset = PRESETS.get(str(self.safe_preset_box.currentData() or "tf1-pad"), PRESETS["tf1-pad"])
        self.preview.set_target(preset)
        self.proxy.set_target(preset)
        if is_exact(self.spot):
            self._proxy_timer.start()

    # -- persistence and export -------------------------------------------------------------------------

    @Slot()
    def save(self) -> None:
        self._id_changed()
        spot = Spot(self.spot.template, self.spot.spot_id, list(self.spot.placements), self.spot.slack)
        service = self.service

        def done(_none: None) -> None:
            self._say(self.tr("Saved {id}.").format(id=spot.spot_id))
            self._refresh_saved()
            self.refresh_attention()
            self.saved.emit(spot.spot_id)

        self.runner.run(lambda: service.save(spot), done, lambda e: self._say(str(e)), writer=True)

    @Slot(str)
    def load(self, spot_id: str) -> None:
        if not spot_id:
            return

        def done(spot: Spot | None) -> None:
            if spot is None:
                self._say(self.tr("No saved spot {id}.").format(id=spot_id))
            else:
                self.set_spot(spot)

        self.runner.run(lambda: self.service.load(spot_id), done, lane=QUICK)

    @Slot()
    def open_export(self) -> None:
        reason = self.blocked_reason()
        if reason is not None:
            self._say(reason)
            return
        if self.export_dialog is not None and self.export_dialog.running:
            self.export_dialog.show()
            self.export_dialog.raise_()
            return
        self.export_dialog = SpotExportDialog(self.spot, self.runner, self.titles, self.service.export_folder, self,
                                              record=self.service.record_export)
        self.export_dialog.select_preset(str(self.safe_preset_box.currentData() or "tf1-pad"))
        self.export_dialog.show()

    # -- closing ----------------------------------------------------------------------------------------

    @property
    def closed(self) -> bool:
        return self._closing

    def closeEvent(self, event: QCloseEvent) -> None:
        self._closing = True
        self.picker.close_down()
        self._proxy_timer.stop()
        self.proxy.cancel()
        if self.export_dialog is not None:
            self.export_dialog.cancel()
            self.export_dialog.close()
        self.preview.release()
        super().closeEvent(event)
        try:
            self._tmp.cleanup()
        except OSError:  # a render cancelled a moment ago may still be removing its files
            log.debug("preview folder cleanup failed", exc_info=True)

