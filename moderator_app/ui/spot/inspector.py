"""The editor's slot inspector: the slots in order, and the selected slot's in and out points and lower third.

It shows a spot and reports what the user asks for through signals; the editor changes the spot and shows it
again. Filling the controls from the spot emits nothing, so showing a spot never edits it back.

Its texts are in the editor's translation context (see ``editor``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal, Slot
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from moderator_app.spot.model import Spot
from moderator_app.ui.spot.words import isolated, seconds


class SlotInspector(QWidget):
    slot_selected = Signal(int)
    trim_requested = Signal(int, int)
    """(in_frame, out_frame) typed for the selected slot."""
    title_edited = Signal(str)
    """The selected slot's lower third as the user typed it."""
    move_requested = Signal(int)
    """-1 (up) or +1 (down): move the selected slot's message."""
    remove_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._filling = False
        self._slot = 0
        self.title = QLabel(self)
        self.title.setStyleSheet("font-weight: bold;")
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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.slot_list, 1)
        order = QHBoxLayout()
        for button in (self.up_button, self.down_button, self.remove_button):
            order.addWidget(button)
        layout.addLayout(order)
        self.form = QFormLayout()
        self.in_label, self.out_label, self.title_label = QLabel(self), QLabel(self), QLabel(self)
        self.in_seconds, self.out_seconds = QLabel(self), QLabel(self)
        self.in_seconds.setObjectName("spotInSeconds")
        self.out_seconds.setObjectName("spotOutSeconds")
        for label, spin, seconds_label in ((self.in_label, self.in_spin, self.in_seconds),
                                           (self.out_label, self.out_spin, self.out_seconds)):
            row = QHBoxLayout()
            row.addWidget(spin, 1)
            row.addWidget(seconds_label)  # the frame as a person reads it: "3.8 s" in the clip
            self.form.addRow(label, row)
        self.form.addRow(self.title_label, self.title_edit)
        layout.addLayout(self.form)

        self.slot_list.currentRowChanged.connect(self._row_changed)
        self.in_spin.valueChanged.connect(lambda _v: self._spins_changed())
        self.out_spin.valueChanged.connect(lambda _v: self._spins_changed())
        self.title_edit.textEdited.connect(self.title_edited)
        self.up_button.clicked.connect(lambda: self.move_requested.emit(-1))
        self.down_button.clicked.connect(lambda: self.move_requested.emit(1))
        self.remove_button.clicked.connect(self.remove_requested)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(QCoreApplication.translate("SpotEditorWindow", "Slots"))
        self.up_button.setText(QCoreApplication.translate("SpotEditorWindow", "Move up"))
        self.down_button.setText(QCoreApplication.translate("SpotEditorWindow", "Move down"))
        self.remove_button.setText(QCoreApplication.translate("SpotEditorWindow", "Remove"))
        self.in_label.setText(QCoreApplication.translate("SpotEditorWindow", "In (frame)"))
        self.out_label.setText(QCoreApplication.translate("SpotEditorWindow", "Out (frame)"))
        self.title_label.setText(QCoreApplication.translate("SpotEditorWindow", "Lower third"))

    def show_spot(self, spot: Spot, selected: int, refresh_title: bool = True) -> None:
        """Show ``spot`` with ``selected`` as the current slot; ``refresh_title`` False while the user types it."""
        self._filling = True
        self._slot = selected
        self.slot_list.clear()
        for slot, p in enumerate(spot.placements):
            if p is None:
                text = QCoreApplication.translate("SpotEditorWindow", "{n}. (empty)").format(n=slot + 1)
            else:
                text = f"{slot + 1}. {isolated(p.title)} · {seconds(p.frames)}"
            self.slot_list.addItem(text)
        self.slot_list.setCurrentRow(selected)
        placement = spot.placements[selected]
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
        self.in_seconds.setText(seconds(placement.in_frame) if placement is not None else "")
        self.out_seconds.setText(seconds(placement.out_frame) if placement is not None else "")
        self._filling = False

    @Slot(int)
    def _row_changed(self, row: int) -> None:
        if not self._filling and row >= 0 and row != self._slot:
            self.slot_selected.emit(row)

    def _spins_changed(self) -> None:
        if not self._filling:
            self.trim_requested.emit(self.in_spin.value(), self.out_spin.value())
