"""The editor's top row: the spot's name, length, message count and joins; the saved spots; save and export.

It reports what the user asks for through signals and leaves the spot to the editor. Showing a spot's
template fills the boxes without reporting a change, so opening a saved spot never rebuilds it.

Its texts are in the editor's translation context (see ``editor``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QWidget

from moderator_app.spot.model import SPOT_LENGTHS_S, Template, Transition

_DEFAULT_SECONDS = 30
_MAX_SLOTS = 6


class SpotHeader(QWidget):
    template_changed = Signal()
    """The user chose another length, message count or join: read them with ``choice``."""
    id_edited = Signal()
    open_requested = Signal(str)
    """The saved spot to open."""
    save_requested = Signal()
    export_requested = Signal()
    campaign_requested = Signal()

    def __init__(self, spot_id: str, slot_count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._filling = False
        self.id_edit = QLineEdit(spot_id, self)
        self.id_edit.setObjectName("spotId")
        self.length_box = QComboBox(self)
        self.length_box.setObjectName("spotLength")
        for seconds in SPOT_LENGTHS_S:
            self.length_box.addItem(f"{seconds} s", seconds)
        self.length_box.setCurrentIndex(self.length_box.findData(_DEFAULT_SECONDS))
        self.slots_spin = QSpinBox(self)
        self.slots_spin.setObjectName("spotSlots")
        self.slots_spin.setRange(1, _MAX_SLOTS)
        self.slots_spin.setValue(slot_count)
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
        self.campaign_button = QPushButton(self)
        self.campaign_button.setObjectName("spotCampaign")
        self.id_label, self.length_label = QLabel(self), QLabel(self)
        self.slots_label, self.transition_label = QLabel(self), QLabel(self)
        self.saved_label = QLabel(self)
        self.saved_label.setBuddy(self.saved_box)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for w in (self.id_label, self.id_edit, self.length_label, self.length_box, self.slots_label,
                  self.slots_spin, self.transition_label, self.transition_box):
            row.addWidget(w)
        row.addStretch(1)
        for control in (self.saved_label, self.saved_box, self.load_button, self.save_button, self.export_button, self.campaign_button):
            row.addWidget(control)

        self.length_box.currentIndexChanged.connect(lambda _i: self._changed())
        self.slots_spin.valueChanged.connect(lambda _v: self._changed())
        self.transition_box.currentIndexChanged.connect(lambda _i: self._changed())
        self.id_edit.editingFinished.connect(self.id_edited)
        self.save_button.clicked.connect(self.save_requested)
        self.load_button.clicked.connect(lambda: self.open_requested.emit(str(self.saved_box.currentData() or "")))
        self.export_button.clicked.connect(self.export_requested)
        self.campaign_button.clicked.connect(self.campaign_requested)
        self.retranslate()

    def retranslate(self) -> None:
        self.id_label.setText(QCoreApplication.translate("SpotEditorWindow", "Spot"))
        self.length_label.setText(QCoreApplication.translate("SpotEditorWindow", "Length"))
        self.slots_label.setText(QCoreApplication.translate("SpotEditorWindow", "Messages"))
        self.transition_label.setText(QCoreApplication.translate("SpotEditorWindow", "Joins"))
        self.transition_box.setItemText(0, QCoreApplication.translate("SpotEditorWindow", "Cut"))
        self.transition_box.setItemText(1, QCoreApplication.translate("SpotEditorWindow", "Dissolve (8 frames)"))
        self.saved_label.setText(QCoreApplication.translate("SpotEditorWindow", "Saved spots"))
        self.load_button.setText(QCoreApplication.translate("SpotEditorWindow", "Open"))
        self.save_button.setText(QCoreApplication.translate("SpotEditorWindow", "Save"))
        self.export_button.setText(QCoreApplication.translate("SpotEditorWindow", "Export…"))
        self.campaign_button.setText(QCoreApplication.translate("SpotEditorWindow", "Campaign spots…"))

    def choice(self) -> tuple[int, int, Transition]:
        """(seconds, message slots, join) as chosen now."""
        transition: Transition = "dissolve" if self.transition_box.currentData() == "dissolve" else "cut"
        return int(self.length_box.currentData() or _DEFAULT_SECONDS), self.slots_spin.value(), transition

    def show_template(self, spot_id: str, template: Template) -> None:
        self._filling = True
        self.id_edit.setText(spot_id)
        if self.length_box.findData(template.seconds) >= 0:
            self.length_box.setCurrentIndex(self.length_box.findData(template.seconds))
        self.slots_spin.setValue(template.slot_count)
        self.transition_box.setCurrentIndex(max(0, self.transition_box.findData(template.transition)))
        self._filling = False

    def show_saved(self, ids: list[str]) -> None:
        self.saved_box.clear()
        for spot_id in ids:
            self.saved_box.addItem(spot_id, spot_id)
        self.load_button.setEnabled(bool(ids))

    def _changed(self) -> None:
        if not self._filling:
            self.template_changed.emit()
