"""The spot editor: pick approved clips, place and order them, trim them to the exact length, preview, export.

Everything about frames comes from the spot core (``moderator_app.spot``); this window only edits a ``Spot``
and shows it. Database reads run on the task runner; saving runs on its writer thread. The preview proxy is
re-rendered in the background whenever the spot is exact, so asking for the preview rarely waits.
"""

from __future__ import annotations

import logging
import tempfile
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from moderator_app.db.spots import Attention
from moderator_app.services.spots import Candidate, SpotService, valid_spot_id
from moderator_app.spot import (
    PRESETS,
    SPOT_LENGTHS_S,
    ClipNotAllowed,
    ClipTooShort,
    Spot,
    TimelineError,
    check_allowed,
    timecode,
)
from moderator_app.spot.model import Transition
from moderator_app.spot.qt_titles import QtTitleRenderer
from moderator_app.tasks import TaskRunner
from moderator_app.ui.spot.export import SpotExportDialog
from moderator_app.ui.spot.preview import ProxyRenderer, SpotPreview
from moderator_app.ui.spot.timeline import SpotTimeline, placed_frames

log = logging.getLogger(__name__)

NO_FINDINGS = "__none__"
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
        self.candidates: dict[str, Candidate] = {}
        self.attention: list[Attention] = []
        self.export_dialog: SpotExportDialog | None = None
        self._want_preview = False
        self._closing = False
        self._updating = False
        self._attention_generation = 0
        self._candidates_generation = 0

        # clip picker --------------------------------------------------------------------------------
        self.search = QLineEdit(self)
        self.search.setObjectName("spotSearch")
        self.country_box = QComboBox(self)
        self.country_box.setObjectName("spotCountry")
        self.findings_box = QComboBox(self)
        self.findings_box.setObjectName("spotFindings")
        self.clip_list = QListWidget(self)
        self.clip_list.setObjectName("spotCandidates")
        self.place_button = QPushButton(self)
        self.place_button.setObjectName("spotPlace")
        picker = QWidget(self)
        pl = QVBoxLayout(picker)
        pl.setContentsMargins(0, 0, 0, 0)
        self.picker_title = QLabel(picker)
        self.picker_title.setStyleSheet("font-weight: bold;")
        pl.addWidget(self.picker_title)
        pl.addWidget(self.search)
        filters = QHBoxLayout()
        filters.addWidget(self.country_box)
        filters.addWidget(self.findings_box)
        pl.addLayout(filters)
        pl.addWidget(self.clip_list, 1)
        pl.addWidget(self.place_button)

        # centre: spot settings, warning, preview, counter and timeline ---------------------------------
        self.id_edit = QLineEdit(self.spot.spot_id, self)
        self.id_edit.setObjectName("spotId")
        self.length_box = QComboBox(self)
        self.length_box.setObjectName("spotLength")
        for seconds in SPOT_LENGTHS_S:
            self.length_box.addItem(f"{seconds} s", seconds)
        self.length_box.setCurrentIndex(self.length_box.findData(30))
        self.slots_spin = QSpinBox(self)
        self.slots_spin.setObjectName("spotSlots")
        self.slots_spin.setRange(1, 6)
        self.slots_spin.setValue(self.spot.template.slot_count)
        self.transition_box = QComboBox(self)
        self.transition_box.setObjectName("spotTransition")
        self.transition_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for transition in ("cut", "dissolve"):
            self.transition_box.addItem("", transition)  # texts in retranslate
        self.saved_box = QComboBox(self)
        self.saved_box.setObjectName("spotSaved")
        self.load_button = QPushButton(self)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("spotSave")
        self.export_button = QPushButton(self)
        self.export_button.setObjectName("spotExport")
        self.safe_preset_box = QComboBox(self)
        self.safe_preset_box.setObjectName("spotSafePreset")
        for name, preset in PRESETS.items():
            if name != "preview":
                self.safe_preset_box.addItem(preset.label, name)
        top = QHBoxLayout()
        self.id_label = QLabel(self)
        self.length_label = QLabel(self)
        self.slots_label = QLabel(self)
        self.transition_label = QLabel(self)
        for w in (self.id_label, self.id_edit, self.length_label, self.length_box, self.slots_label,
                  self.slots_spin, self.transition_label, self.transition_box):
            top.addWidget(w)
        top.addStretch(1)
        for control in (self.saved_box, self.load_button, self.save_button, self.export_button):
            top.addWidget(control)
        self.warning = QLabel(self)
        self.warning.setObjectName("spotWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("background: #c62828; color: white; padding: 6px; font-weight: bold;")
        self.warning.hide()
        self.preview = SpotPreview(self)
        self.preview_button = QPushButton(self)
        self.preview_button.setObjectName("spotPreview")
        self.fit_button = QPushButton(self)
        self.fit_button.setObjectName("spotFit")
        self.counter = QLabel(self)
        self.counter.setObjectName("spotCounter")
        self.status = QLabel(self)
        self.status.setObjectName("spotStatus")
        self.status.setWordWrap(True)
        self.timeline = SpotTimeline(self)
        mid_row = QHBoxLayout()
        mid_row.addWidget(self.preview_button)
        mid_row.addWidget(self.fit_button)
        mid_row.addWidget(self.counter, 1)
        self.safe_label = QLabel(self)
        mid_row.addWidget(self.safe_label)
        mid_row.addWidget(self.safe_preset_box)
        centre = QWidget(self)
        cl = QVBoxLayout(centre)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.addLayout(top)
        cl.addWidget(self.warning)
        cl.addWidget(self.preview, 1)
        cl.addLayout(mid_row)
        cl.addWidget(self.timeline)
        cl.addWidget(self.status)

        # right: slots and the selected slot's trim and title ------------------------------------------
        self.slot_list = QListWidget(self)
        self.slot_list.setObjectName("spotSlotList")
        self.in_spin = QSpinBox(self)
        self.in_spin.setObjectName("spotIn")
        self.out_spin = QSpinBox(self)
        self.out_spin.setObjectName("spotOut")
        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("spotTitle")
        self.up_button = QPushButton(self)
        self.down_button = QPushButton(self)
        self.remove_button = QPushButton(self)
        self.remove_button.setObjectName("spotRemove")
        right = QWidget(self)
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        self.slots_title = QLabel(right)
        self.slots_title.setStyleSheet("font-weight: bold;")
        rl.addWidget(self.slots_title)
        rl.addWidget(self.slot_list, 1)
        order = QHBoxLayout()
        for button in (self.up_button, self.down_button, self.remove_button):
            order.addWidget(button)
        rl.addLayout(order)
        self.form = QFormLayout()
        self.in_label, self.out_label, self.title_label = QLabel(right), QLabel(right), QLabel(right)
        self.form.addRow(self.in_label, self.in_spin)
        self.form.addRow(self.out_label, self.out_spin)
        self.form.addRow(self.title_label, self.title_edit)
        rl.addLayout(self.form)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(picker)
        splitter.addWidget(centre)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setStretchFactor(2, 2)
        splitter.setSizes([330, 860, 330])
        self.setCentralWidget(splitter)

        # wiring ---------------------------------------------------------------------------------------
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(200)
        self._search_timer.timeout.connect(self.load_candidates)
        self._proxy_timer = QTimer(self)
        self._proxy_timer.setSingleShot(True)
        self._proxy_timer.setInterval(_PROXY_DELAY_MS)
        self._proxy_timer.timeout.connect(self._prerender)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.country_box.currentIndexChanged.connect(lambda _i: self.load_candidates())
        self.findings_box.currentIndexChanged.connect(lambda _i: self.load_candidates())
        self.clip_list.itemDoubleClicked.connect(lambda _item: self.place_selected())
        self.place_button.clicked.connect(self.place_selected)
        self.length_box.currentIndexChanged.connect(lambda _i: self._template_changed())
        self.slots_spin.valueChanged.connect(lambda _v: self._template_changed())
        self.transition_box.currentIndexChanged.connect(lambda _i: self._template_changed())
        self.id_edit.editingFinished.connect(self._id_changed)
        self.fit_button.clicked.connect(self.fit)
        self.preview_button.clicked.connect(self.request_preview)
        self.save_button.clicked.connect(self.save)
        self.load_button.clicked.connect(lambda: self.load(str(self.saved_box.currentData() or "")))
        self.export_button.clicked.connect(self.open_export)
        self.slot_list.currentRowChanged.connect(self._slot_selected)
        self.timeline.slot_selected.connect(self.select_slot)
        self.timeline.trim_requested.connect(self.trim)
        self.timeline.scrub_requested.connect(self._scrub_to)
        self.preview.scrubbed.connect(self.timeline.set_playhead)
        self.in_spin.valueChanged.connect(lambda _v: self._spins_changed())
        self.out_spin.valueChanged.connect(lambda _v: self._spins_changed())
        self.title_edit.textEdited.connect(self._title_edited)
        self.up_button.clicked.connect(lambda: self.move_slot(-1))
        self.down_button.clicked.connect(lambda: self.move_slot(1))
        self.remove_button.clicked.connect(self.remove_slot)
        self.safe_preset_box.currentIndexChanged.connect(lambda _i: self._safe_preset_changed())
        self.proxy.ready.connect(self._proxy_ready)
        self.proxy.failed.connect(lambda reason: self._say(self.tr("Preview failed: {reason}").format(reason=reason)))
        self.preview.deck.clip_started.connect(self._preview_on_screen)

        self.retranslate()
        self._safe_preset_changed()
        self.resize(1560, 920)
        self._load_filters()
        self.load_candidates()
        self._refresh_saved()
        self.refresh()
        if service.brand_error is not None:
            self._say(
                self.tr("The campaign's brand file cannot be used ({reason}): the neutral look is used.").format(
                    reason=service.brand_error
                )
            )

    # -- text -------------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Spot editor"))
        self.picker_title.setText(self.tr("Approved clips with broadcast consent"))
        self.search.setPlaceholderText(self.tr("Search names, town, message"))
        self.place_button.setText(self.tr("Place in the selected slot"))
        self.id_label.setText(self.tr("Spot"))
        self.length_label.setText(self.tr("Length"))
        self.slots_label.setText(self.tr("Messages"))
        self.transition_label.setText(self.tr("Joins"))
        self.transition_box.setItemText(0, self.tr("Cut"))
        self.transition_box.setItemText(1, self.tr("Dissolve (8 frames)"))
        self.load_button.setText(self.tr("Open"))
        self.save_button.setText(self.tr("Save"))
        self.export_button.setText(self.tr("Export…"))
        self.preview_button.setText(self.tr("Preview"))
        self.fit_button.setText(self.tr("Fit to length"))
        self.fit_button.setToolTip(self.tr("Propose in and out points that make the spot exactly its length"))
        self.safe_label.setText(self.tr("Made for"))
        self.slots_title.setText(self.tr("Slots"))
        self.up_button.setText(self.tr("Move up"))
        self.down_button.setText(self.tr("Move down"))
        self.remove_button.setText(self.tr("Remove"))
        self.in_label.setText(self.tr("In (frame)"))
        self.out_label.setText(self.tr("Out (frame)"))
        self.title_label.setText(self.tr("Lower third"))
        self.preview.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.refresh()
        elif event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            # decisions taken in the review window may have changed what can air
            self.refresh_attention()
            self.load_candidates()
        super().changeEvent(event)

    def _say(self, text: str) -> None:
        self.status.setText(text)

    # -- clip picker ------------------------------------------------------------------------------------

    def _load_filters(self) -> None:
        service = self.service

        def work() -> tuple[list[str], list[str]]:
            return service.countries(), service.finding_codes()

        self.runner.run(work, self._show_filters)

    def _show_filters(self, data: tuple[list[str], list[str]]) -> None:
        countries, codes = data
        for box, first, values, extra in (
            (self.country_box, self.tr("All countries"), countries, []),
            (self.findings_box, self.tr("Any findings"), codes, [(self.tr("No findings"), NO_FINDINGS)]),
        ):
            box.blockSignals(True)
            current = box.currentData()
            box.clear()
            box.addItem(first, "")
            for label, value in extra:
                box.addItem(label, value)
            for value in values:
                box.addItem(value, value)
            box.setCurrentIndex(max(0, box.findData(current)))
            box.blockSignals(False)

    @Slot()
    def load_candidates(self) -> None:
        service = self.service
        search, country = self.search.text(), str(self.country_box.currentData() or "")
        finding = str(self.findings_box.currentData() or "")

        def work() -> list[Candidate]:
            return service.candidates(search, country or None, None if finding in ("", NO_FINDINGS) else finding,
                                      without_findings=finding == NO_FINDINGS)

        self._candidates_generation += 1
        generation = self._candidates_generation
        self.runner.run(work, lambda found: self._show_candidates(found, generation))

    def _show_candidates(self, found: list[Candidate], generation: int) -> None:
        if generation != self._candidates_generation or self._closing:
            return  # the filters changed while this ran: a newer list is on its way
        self.candidates = {c.clip.submission_id: c for c in found}
        self.clip_list.clear()
        for c in found:
            findings = "" if not c.findings else " · " + ", ".join(c.findings)
            text = f"{c.recipient} ← {c.sender}\n{c.clip.submission_id} · {c.country} · {c.clip.duration_s:.1f} s{findings}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, c.clip.submission_id)
            self.clip_list.addItem(item)
        self.candidates_loaded.emit(len(found))

    # -- editing ----------------------------------------------------------------------------------------

    @Slot()
    def place_selected(self) -> None:
        item = self.clip_list.currentItem()
        if item is None:
            return
        self.place(str(item.data(Qt.ItemDataRole.UserRole)))

    def place(self, submission_id: str, slot: int | None = None) -> None:
        """Put a candidate in ``slot`` (default: the selected one, or the first empty one if it is full)."""
        candidate = self.candidates.get(submission_id)
        if candidate is None:
            return
        if slot is None:
            slot = self.selected_slot
            if self.spot.placements[slot] is not None:
                empty = [i for i, p in enumerate(self.spot.placements) if p is None]
                slot = empty[0] if empty else slot
        try:
            self.spot.place(slot, candidate.clip)
        except (ClipNotAllowed, TimelineError) as exc:
            self._say(str(exc))
            return
        empty = [i for i, p in enumerate(self.spot.placements) if p is None]
        self.selected_slot = empty[0] if empty else slot
        self._changed()

    @Slot(int)
    def select_slot(self, slot: int) -> None:
        if 0 <= slot < self.spot.template.slot_count:
            self.selected_slot = slot
            self.refresh()

    @Slot(int)
    def _slot_selected(self, row: int) -> None:
        if not self._updating and row >= 0 and row != self.selected_slot:
            self.select_slot(row)

    @Slot(int, int, int)
    def trim(self, slot: int, in_frame: int, out_frame: int) -> None:
        placement = self.spot.placements[slot]
        if placement is None:
            return
        in_frame = max(0, min(in_frame, placement.clip.frames - 1))
        out_frame = max(in_frame + 1, min(out_frame, placement.clip.frames))
        if (in_frame, out_frame) != (placement.in_frame, placement.out_frame):
            self.spot.placements[slot] = replace(placement, in_frame=in_frame, out_frame=out_frame)
            self._changed()

    def _spins_changed(self) -> None:
        if not self._updating:
            self.trim(self.selected_slot, self.in_spin.value(), self.out_spin.value())

    @Slot(str)
    def _title_edited(self, text: str) -> None:
        if self.spot.placements[self.selected_slot] is not None:
            self.spot.set_title(self.selected_slot, text)
            self._changed(refresh_title=False)

    def move_slot(self, step: int) -> None:
        a, b = self.selected_slot, self.selected_slot + step
        if 0 <= b < self.spot.template.slot_count:
            p = self.spot.placements
            p[a], p[b] = p[b], p[a]
            self.selected_slot = b
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
        self._say(self.tr("Fitted: every message trimmed around its centre to make the exact length."))
        self._changed()

    def _template_changed(self) -> None:
        if self._updating:
            return  # set_spot is filling the boxes from a spot that already has its template
        seconds = int(self.length_box.currentData() or 30)
        slots = self.slots_spin.value()
        transition: Transition = "dissolve" if self.transition_box.currentData() == "dissolve" else "cut"
        try:
            template = self.service.template(seconds, slots=slots, transition=transition)
        except ValueError as exc:
            self._say(str(exc))
            return
        kept = (self.spot.placements + [None] * slots)[:slots]
        self.spot = Spot(template, self.spot.spot_id, kept)
        self.selected_slot = min(self.selected_slot, slots - 1)
        self._changed()

    def _id_changed(self) -> None:
        try:
            self.spot.spot_id = valid_spot_id(self.id_edit.text().strip())
        except ValueError as exc:
            self._say(str(exc))
            self.id_edit.setText(self.spot.spot_id)

    def set_spot(self, spot: Spot) -> None:
        self.spot = spot
        self.selected_slot = 0
        self._updating = True
        self.id_edit.setText(spot.spot_id)
        seconds = spot.template.total_frames // 25
        if self.length_box.findData(seconds) >= 0:
            self.length_box.setCurrentIndex(self.length_box.findData(seconds))
        self.slots_spin.setValue(spot.template.slot_count)
        self.transition_box.setCurrentIndex(max(0, self.transition_box.findData(spot.template.transition)))
        self._updating = False
        self._changed()
        self.refresh_attention()

    def _changed(self, refresh_title: bool = True) -> None:
        self.refresh(refresh_title)
        if self.is_exact():
            self._proxy_timer.start()  # keep the preview warm once the spot is exact
        else:
            self.proxy.cancel()

    # -- state shown ------------------------------------------------------------------------------------

    def is_exact(self) -> bool:
        try:
            self.spot.validate()
        except TimelineError:
            return False
        return True

    def blocked_reason(self) -> str | None:
        """Why the spot cannot be previewed or exported now, or None."""
        for slot, placement in enumerate(self.spot.placements):
            if placement is None:
                return self.tr("Slot {n} is empty.").format(n=slot + 1)
            try:
                check_allowed(placement.clip)
            except ClipNotAllowed as exc:
                return str(exc)
        if not self.is_exact():
            return self.tr("The spot is not exactly {frames} frames: fit it or trim the messages.").format(
                frames=self.spot.template.total_frames)
        return None

    def refresh(self, refresh_title: bool = True) -> None:
        self._updating = True
        target = self.spot.template.total_frames
        total = placed_frames(self.spot)
        exact = total == target and all(p is not None for p in self.spot.placements)
        self.counter.setText(self.tr("{frames} / {target} frames · {tc} / {ttc}").format(
            frames=total, target=target, tc=timecode(total), ttc=timecode(target)))
        self.counter.setProperty("exact", exact)
        self.counter.setStyleSheet(f"font-weight: bold; font-size: 13pt; color: {'#2e7d32' if exact else '#c62828'};")
        self.timeline.set_spot(self.spot, self.selected_slot)
        self.slot_list.clear()
        for slot, p in enumerate(self.spot.placements):
            if p is None:
                text = self.tr("{n}. (empty)").format(n=slot + 1)
            else:
                text = f"{slot + 1}. {p.clip.submission_id} · {p.frames} f\n{p.title}"
            self.slot_list.addItem(text)
        self.slot_list.setCurrentRow(self.selected_slot)
        placement = self.spot.placements[self.selected_slot]
        for w in (self.in_spin, self.out_spin, self.title_edit, self.up_button, self.down_button,
                  self.remove_button):
            w.setEnabled(placement is not None)
        if placement is not None:
            self.in_spin.setRange(0, placement.clip.frames - 1)
            self.out_spin.setRange(1, placement.clip.frames)
            self.in_spin.setValue(placement.in_frame)
            self.out_spin.setValue(placement.out_frame)
            if refresh_title:
                self.title_edit.setText(placement.title)
        blocked = self.blocked_reason()
        self.preview_button.setEnabled(blocked is None)
        self.export_button.setEnabled(blocked is None)
        self.preview_button.setToolTip(blocked or "")
        self._updating = False

    def refresh_attention(self) -> None:
        service, spot_id = self.service, self.spot.spot_id

        snapshot = list(self.spot.placements)

        def work() -> tuple[list[Attention], list[tuple[int, bool, bool]]]:
            marks = service.attention(spot_id)
            # the clips' current state, so a clip that lost its approval also blocks an unsaved spot
            now = []
            for slot, p in enumerate(snapshot):
                if p is not None:
                    try:
                        c = service.clip(p.clip.submission_id)
                    except LookupError:
                        now.append((slot, False, False))
                        continue
                    now.append((slot, c.approved, c.consent_broadcast))
            return marks, now

        self._attention_generation += 1
        generation = self._attention_generation
        self.runner.run(work, lambda data: self._show_attention(data, generation))

    def _show_attention(self, data: tuple[list[Attention], list[tuple[int, bool, bool]]], generation: int) -> None:
        marks, now = data
        if self._closing or generation != self._attention_generation:
            return  # a newer look at the clips is on its way
        for slot, approved, consent in now:
            p = self.spot.placements[slot] if slot < len(self.spot.placements) else None
            if p is not None and (p.clip.approved, p.clip.consent_broadcast) != (approved, consent):
                clip = replace(p.clip, approved=approved, consent_broadcast=consent)
                self.spot.placements[slot] = replace(p, clip=clip)
        lines = [
            self.tr("Slot {n}: clip {id} is no longer approved.").format(n=slot + 1, id=p.clip.submission_id)
            if not p.clip.approved else
            self.tr("Slot {n}: clip {id} has lost its broadcast consent.").format(n=slot + 1, id=p.clip.submission_id)
            for slot, p in enumerate(self.spot.placements)
            if p is not None and not (p.clip.approved and p.clip.consent_broadcast)
        ]
        self.attention = marks
        if lines:
            self.warning.setText(self.tr("This spot cannot air as it is. Replace these clips:") + "\n" + "\n".join(lines))
        self.warning.setVisible(bool(lines))
        self.refresh()
        self.attention_changed.emit(marks)

    def _refresh_saved(self) -> None:
        self.runner.run(self.service.saved_ids, self._show_saved)

    def _show_saved(self, ids: list[str]) -> None:
        self.saved_box.clear()
        for spot_id in ids:
            self.saved_box.addItem(spot_id, spot_id)
        self.load_button.setEnabled(bool(ids))

    # -- preview ----------------------------------------------------------------------------------------

    @Slot()
    def _prerender(self) -> None:
        if self.blocked_reason() is None and not self._closing:
            self.proxy.request(self.spot)

    @Slot()
    def request_preview(self) -> None:
        """Play the assembled spot: at once if its proxy is ready, else as soon as it is rendered."""
        blocked = self.blocked_reason()
        if blocked is not None:
            self._say(blocked)
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
        if self.is_exact():
            self._proxy_timer.start()

    # -- persistence and export -------------------------------------------------------------------------

    @Slot()
    def save(self) -> None:
        self._id_changed()
        spot = Spot(self.spot.template, self.spot.spot_id, list(self.spot.placements))
        service = self.service

        def done(_none: None) -> None:
            self._say(self.tr("Saved {id}.").format(id=spot.spot_id))
            self._refresh_saved()
            self.refresh_attention()
            self.saved.emit(spot.spot_id)

        self.runner.run(lambda: service.save(spot), done, lambda e: self._say(str(e)), writer=True)

    def load(self, spot_id: str) -> None:
        if not spot_id:
            return

        def done(spot: Spot | None) -> None:
            if spot is None:
                self._say(self.tr("No saved spot {id}.").format(id=spot_id))
            else:
                self.set_spot(spot)

        self.runner.run(lambda: self.service.load(spot_id), done)

    @Slot()
    def open_export(self) -> None:
        blocked = self.blocked_reason()
        if blocked is not None:
            self._say(blocked)
            return
        if self.export_dialog is not None and self.export_dialog.running:
            self.export_dialog.show()
            self.export_dialog.raise_()
            return
        folder = self.service.cache.data_dir / "spots"
        self.export_dialog = SpotExportDialog(self.spot, self.runner, self.titles, folder, self)
        self.export_dialog.select_preset(str(self.safe_preset_box.currentData() or "tf1-pad"))
        self.export_dialog.show()

    # -- closing ----------------------------------------------------------------------------------------

    @property
    def closed(self) -> bool:
        return self._closing

    def closeEvent(self, event: QCloseEvent) -> None:
        self._closing = True
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

