"""The spot editor: pick approved clips, place and order them, trim them to the exact length, preview, export.

This window wires its parts: the header, the clip picker, the centre (preview, Fit row, advice line,
timeline; ``centre``), the slot inspector and the export dialog. Frames come from the spot core, what may be
previewed, exported or aired from ``services.spots``, what to do about a length from ``spot.advice``. Database
reads run on the task runner, saving on its writer. The preview proxy is re-rendered in the background
whenever the spot is exact. The parts' texts are in the ``SpotEditorWindow`` translation context
(``QCoreApplication.translate("SpotEditorWindow", ...)`` with literal arguments, as ``lupdate`` files them).
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QVBoxLayout, QWidget

from moderator_app.config import EDITOR_KEY_BINDINGS
from moderator_app.services.spots import (
    Attention,
    ClipState,
    SpotService,
    apply_clip_states,
    is_exact,
    valid_spot_id,
)
from moderator_app.spot.advice import Fix, advise, apply_fix, fit_checked
from moderator_app.spot.errors import ClipAlreadyPlaced, ClipNotAllowed, ClipTooShort, TimelineError
from moderator_app.spot.model import Spot
from moderator_app.spot.presets import PRESETS
from moderator_app.spot.qt_titles import QtTitleRenderer
from moderator_app.tasks import QUICK, TaskRunner
from moderator_app.ui.plaintext import tooltip_text
from moderator_app.ui.screenfit import fit_window, restore_splitter, save_layout
from moderator_app.ui.shortcuts import ShortcutsOverlay, install_actions
from moderator_app.ui.spot.attention import airing_words, blocked_words, not_allowed_words
from moderator_app.ui.spot.campaign import show_campaign
from moderator_app.ui.spot.centre import EditorCentre, editor_splitter
from moderator_app.ui.spot.export import SpotExportDialog, open_export_dialog
from moderator_app.ui.spot.header import SpotHeader
from moderator_app.ui.spot.inspector import SlotInspector
from moderator_app.ui.spot.keys import editor_action_title, editor_group_title, editor_handlers, marked_trim
from moderator_app.ui.spot.picker import ClipPicker
from moderator_app.ui.spot.preview import ProxyRenderer
from moderator_app.ui.spot.timeline import slack_words

log = logging.getLogger(__name__)

_PROXY_DELAY_MS = 300
_LAYOUT_KEY = "spotEditor"


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

        # the spot settings across the top; picker | centre | inspector below, the inspector scrolling
        self.header = SpotHeader(self.spot.spot_id, self.spot.template.slot_count, self)
        self.centre = c = EditorCentre(self)
        self.safe_preset_box, self.warning, self.preview = c.safe_preset_box, c.warning, c.preview
        self.preview_button, self.fit_button, self.counter = c.preview_button, c.fit_button, c.counter
        self.advice, self.status, self.timeline = c.advice, c.status, c.timeline
        self.splitter = editor_splitter(self, self.picker, self.centre, self.inspector)
        main = QWidget(self)
        outer = QVBoxLayout(main)
        outer.setContentsMargins(6, 6, 6, 6)
        outer.addWidget(self.header)
        outer.addWidget(self.splitter, 1)
        self.setCentralWidget(main)
        self.overlay = ShortcutsOverlay(self, EDITOR_KEY_BINDINGS, editor_action_title, editor_group_title)
        self.actions_by_name = install_actions(self, editor_handlers(self), EDITOR_KEY_BINDINGS,
                                               editor_action_title)

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
        self.advice.fix_requested.connect(self.apply_fix)
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
        self.setMinimumSize(self.minimumSizeHint().boundedTo(QSize(1200, 640)))
        fit_window(self, _LAYOUT_KEY, QSize(1560, 920))
        restore_splitter(self.splitter, _LAYOUT_KEY)
        self.timeline.setFocus()  # not the search box: the editor's single-letter keys work at once
        self.picker.load_filters()
        self.picker.load()
        self._refresh_saved()
        self.refresh()
        if service.brand_error is not None:
            self._say(self.tr("The campaign's brand file cannot be used ({reason}): the neutral look is used.")
                      .format(reason=service.brand_error))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Spot editor"))
        self.centre.retranslate()
        self.header.retranslate()
        self.picker.retranslate()
        self.inspector.retranslate()
        for name, action in self.actions_by_name.items():
            action.setText(editor_action_title(name))

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
        """Put a candidate in ``slot`` (default: the selected one, or the first empty one if it is full); a
        clip already in the spot is refused, saying where it is."""
        candidate = self.picker.candidates.get(submission_id)
        if candidate is None:
            return
        if slot is None:
            slot = self.selected_slot
            if self.spot.placements[slot] is not None:
                slot = next(iter(self.spot.empty_slots()), slot)
        try:
            self.spot.place(slot, candidate.clip)
        except ClipAlreadyPlaced as exc:
            self._say(self.tr("This clip is already in slot {n}: a clip goes in a spot once.").format(
                n=exc.slot + 1))
            return
        except ClipNotAllowed:
            self._say(not_allowed_words(candidate.clip))
            return
        except TimelineError as exc:
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
        """Fit when it works and leaves every message readable; otherwise say why, with the fixes."""
        if self.spot.empty_slots():
            self._say(self.blocked_reason() or "")
            return
        advice = fit_checked(self.spot, self.selected_slot)
        if advice is not None:
            self.refresh()
            self.advice.show_advice(advice)
            return
        self._say(slack_words(self.spot.slack))
        self._changed()

    @Slot(object)
    def apply_fix(self, fix: Fix) -> None:
        """One click of the advice line: the proposed fix, which makes the spot exact."""
        try:
            spot = apply_fix(self.spot, fix)
        except (ClipTooShort, TimelineError) as exc:
            self._say(str(exc))
            self.refresh()
            return
        if spot is not self.spot:
            self.spot = spot
            self.selected_slot = min(self.selected_slot, spot.template.slot_count - 1)
            self.header.show_template(spot.spot_id, spot.template)
        self._say(slack_words(self.spot.slack) if self.spot.slack.total or fix.kind != "hold_outro" else "")
        self._changed()

    def mark(self, edge: str) -> None:
        """I / O: the selected message starts (``in``) or ends (``out``) at the preview's playhead."""
        placement = self.spot.placements[self.selected_slot]
        if placement is None:
            self._say(self.tr("Choose a message first: slot {n} is empty.").format(n=self.selected_slot + 1))
            return
        points = marked_trim(self.spot, self.selected_slot, self.timeline.playhead, edge)
        if points is None:
            self._say(self.tr("Move the playhead into message {n} first (click the ruler or scrub the preview).")
                      .format(n=self.selected_slot + 1))
            return
        self.trim(self.selected_slot, *points)

    @Slot()
    def toggle_preview(self) -> None:
        """Space: pause or play the preview; the first press asks for it."""
        deck = self.preview.deck
        if deck.path is not None and deck.path == self.proxy.cached(self.spot):
            deck.toggle()
        else:
            self.request_preview()

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
        except ValueError:
            self._say(self.tr("A spot's name is made of letters, digits, '_', '.' and '-' (64 at most): "
                              "it names its files."))
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

    def blocked_reason(self) -> str | None:
        """Why the spot cannot be previewed or exported now (the service's rule, in the user's words), or None."""
        return blocked_words(self.spot)

    def refresh(self, refresh_title: bool = True) -> None:
        self.counter.show_spot(self.spot)
        self.timeline.set_spot(self.spot, self.selected_slot)
        self.inspector.show_spot(self.spot, self.selected_slot, refresh_title)
        reason = self.blocked_reason()
        self.preview_button.setEnabled(reason is None)
        self.header.export_button.setEnabled(reason is None)
        self.preview_button.setToolTip(tooltip_text(reason or ""))
        self.advice.show_advice(advise(self.spot, self.selected_slot))
        self.picker.mark_placed({p.clip.submission_id: i for i, p in enumerate(self.spot.placements) if p})

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
        text = airing_words(self.spot)
        self.attention = marks
        self.warning.setText(text)
        self.warning.setVisible(bool(text))
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
        preset = str(self.safe_preset_box.currentData() or "tf1-pad")
        self.export_dialog = open_export_dialog(self.export_dialog, self.spot, self.runner, self.titles,
                                                self.service, preset, self)

    @property
    def closed(self) -> bool:
        return self._closing

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closing:
            save_layout(self, _LAYOUT_KEY, self.splitter)
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

