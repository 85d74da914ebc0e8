"""The key settings page: every binding by group with its title, a key field each, clashes refused.

Generic over tables of bindings — ``[(table title, bindings), …]`` — so another window's keys (the spot
editor's) join with one more entry. A key is checked against the other bindings of its own table only:
each table belongs to one window, and shortcuts act in their own window. Changes are stored at once
(ui/keymap.py, QSettings) and announced by ``changed`` so the window re-applies them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QKeySequenceEdit,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from moderator_app.config import Binding
from moderator_app.ui import keymap

RESERVED = ("Esc",)
"""Keys the windows keep for themselves: Esc leaves the note and closes panels."""

Table = tuple[str, tuple[Binding, ...]]


class KeySettingsDialog(QDialog):
    changed = Signal()
    """A key was changed or the defaults restored (already stored)."""

    def __init__(
        self, tables: list[Table], title_of: Callable[[str], str], group_title: Callable[[str], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("keySettings")
        self.setWindowTitle(self.tr("Keys"))
        self._tables = tables
        self.edits: dict[str, QKeySequenceEdit] = {}
        self._table_of: dict[str, tuple[Binding, ...]] = {}
        self._titles: dict[str, str] = {}
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Click a key field, then press the new key. Changes apply at once."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.message = QLabel(self)
        self.message.setObjectName("keyMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setStyleSheet("color: #c62828; font-weight: bold;")
        self.message.setMinimumHeight(self.message.fontMetrics().lineSpacing() * 2)
        layout.addWidget(self.message)
        body = QWidget(self)
        form = QFormLayout(body)
        for table_title, bindings in tables:
            heading = QLabel(table_title, body)
            heading.setStyleSheet("font-weight: bold; font-size: 12pt;")
            form.addRow(heading)
            group = None
            for b in bindings:
                if b.group != group:
                    group = b.group
                    sub = QLabel(group_title(group), body)
                    sub.setStyleSheet("font-weight: bold; color: #1565c0; margin-top: 6px;")
                    form.addRow(sub)
                edit = QKeySequenceEdit(body)
                edit.setObjectName(f"key_{b.action}")
                edit.setMaximumSequenceLength(1)
                edit.setClearButtonEnabled(False)
                edit.editingFinished.connect(lambda action=b.action: self._edited(action))
                self.edits[b.action] = edit
                self._table_of[b.action] = bindings
                self._titles[b.action] = title_of(b.action)
                form.addRow(self._titles[b.action], edit)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout.addWidget(scroll, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.restore_button = QPushButton(self.tr("Restore defaults"), self)
        self.restore_button.setObjectName("restoreKeys")
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.restore_button.clicked.connect(self.restore_defaults)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        # the page opens on Close, not in a key field: Esc closes it, and no key is captured by surprise
        self.close_button.setFocus()
        self._load()
        screen = self.screen().availableGeometry()
        self.resize(min(640, screen.width() - 40), min(720, screen.height() - 80))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.close_button.setFocus()

    def _load(self) -> None:
        for _title, bindings in self._tables:
            for b in keymap.effective(bindings):
                edit = self.edits[b.action]
                edit.blockSignals(True)
                edit.setKeySequence(QKeySequence(b.key))
                edit.blockSignals(False)

    def current_key(self, action: str) -> str:
        bindings = self._table_of[action]
        return next(b.key for b in keymap.effective(bindings) if b.action == action)

    def set_key(self, action: str, key: str) -> bool:
        """Store ``key`` for ``action`` unless another action of the same table has it; say why if refused."""
        sequence = QKeySequence(key)
        text = sequence.toString(QKeySequence.SequenceFormat.NativeText)
        if sequence.isEmpty():
            self._refuse(action, self.tr("No key given: the key stays as it was."))
            return False
        if sequence.toString(QKeySequence.SequenceFormat.PortableText) in RESERVED:
            self._refuse(action, self.tr("{key} is kept for leaving the note and closing panels.").format(key=text))
            return False
        other = keymap.clash(self._table_of[action], action, key)
        if other is not None:
            self._refuse(action, self.tr("{key} is already used by “{title}”. Choose another key, or change that one "
                                         "first.").format(key=text, title=self._title(other.action)))
            return False
        keymap.save(action, key)
        self.message.setText("")
        self._load()
        self.changed.emit()
        return True

    def _title(self, action: str) -> str:
        return self._titles.get(action, action)

    def _refuse(self, action: str, why: str) -> None:
        self.message.setText(why)
        self._load()  # the field shows the key that still acts
        self.edits[action].setFocus()

    def _edited(self, action: str) -> None:
        key = self.edits[action].keySequence().toString(QKeySequence.SequenceFormat.PortableText)
        if key == QKeySequence(self.current_key(action)).toString(QKeySequence.SequenceFormat.PortableText):
            return
        self.set_key(action, key)

    def restore_defaults(self) -> None:
        for _title, bindings in self._tables:
            keymap.restore_defaults(bindings)
        self.message.setText("")
        self._load()
        self.changed.emit()
