"""Approve / Reject, the campaign's flags as toggles, a note, and the decision history.

While the note has the focus, letters are text, not keys: the box wears a coloured frame and a hint line
says so (and that Esc gives the keys back). ``edited`` fires on the moderator's own ticks and typing only,
never while a clip's state is being shown, so the draft keeper saves what a person did.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from moderator_app.models import Decision, Flag
from moderator_app.ui.plaintext import tooltip_text

MAX_NOTE = 2000


NOTE_STYLE = (
    "QPlainTextEdit#note[typing='true'] { border: 2px solid #1565c0; background: #e3f2fd; }"
    " QLabel#noteHint { color: #0d47a1; font-weight: bold; }"
)


class DecisionPanel(QWidget):
    approve_requested = Signal()
    reject_requested = Signal()
    edited = Signal()
    """The moderator ticked a flag or typed in the note (not emitted while a clip's state is shown)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._flags: list[Flag] = []
        self._flag_buttons: dict[str, QPushButton] = {}
        self._keys: dict[str, str] = {}
        self._french = False
        self._showing = False
        layout = QVBoxLayout(self)
        buttons = QHBoxLayout()
        self.approve_button = QPushButton(self)
        self.approve_button.setObjectName("approveButton")
        self.approve_button.setMinimumHeight(44)
        self.reject_button = QPushButton(self)
        self.reject_button.setObjectName("rejectButton")
        self.reject_button.setMinimumHeight(44)
        self.approve_button.clicked.connect(self.approve_requested)
        self.reject_button.clicked.connect(self.reject_requested)
        buttons.addWidget(self.approve_button)
        buttons.addWidget(self.reject_button)
        layout.addLayout(buttons)
        self.state_label = QLabel(self)
        self.state_label.setObjectName("decisionState")
        layout.addWidget(self.state_label)
        self.flags_box = QGroupBox(self)
        self.flags_grid = QGridLayout(self.flags_box)
        layout.addWidget(self.flags_box)
        self.note_label = QLabel(self)
        layout.addWidget(self.note_label)
        self.note = QPlainTextEdit(self)
        self.note.setObjectName("note")
        self.note.setMaximumHeight(80)
        self.note.setTabChangesFocus(True)
        self.note.setProperty("typing", False)
        self.note.installEventFilter(self)
        self.note.textChanged.connect(self._user_edit)
        layout.addWidget(self.note)
        self.note_hint = QLabel(self)
        self.note_hint.setObjectName("noteHint")
        self.note_hint.setWordWrap(True)
        # the line keeps its height when empty: the history below must not jump as the focus moves
        self.note_hint.setMinimumHeight(self.note_hint.fontMetrics().lineSpacing() * 2)
        layout.addWidget(self.note_hint)
        self.setStyleSheet(NOTE_STYLE)
        self.history_label = QLabel(self)
        layout.addWidget(self.history_label)
        self.history = QListWidget(self)
        self.history.setMaximumHeight(110)
        layout.addWidget(self.history)
        self.retranslate()

    # -- set up ----------------------------------------------------------------------------------------

    def set_keys(self, keys: dict[str, str]) -> None:
        """Native key text per action, for tooltips (the bindings themselves live in config)."""
        self._keys = keys
        self.retranslate()

    def set_flags(self, flags: list[Flag], french: bool) -> None:
        self._flags = flags
        self._french = french
        for button in self._flag_buttons.values():
            button.deleteLater()
        self._flag_buttons.clear()
        for i, flag in enumerate(flags):
            button = QPushButton(self.flags_box)
            button.setCheckable(True)
            button.setObjectName(f"flag_{flag.code}")
            button.setProperty("flagButton", True)
            button.toggled.connect(self._user_edit)
            self._flag_buttons[flag.code] = button
            self.flags_grid.addWidget(button, i // 2, i % 2)
        self._label_flags()

    def _label_flags(self) -> None:
        for i, flag in enumerate(self._flags):
            button = self._flag_buttons[flag.code]
            label = flag.label_fr if self._french else flag.label_en
            key = self._keys.get(f"flag_{i + 1}")
            button.setText(f"{key}  {label}" if key else label)
            button.setToolTip(self.tr("Toggle flag ({key})").format(key=key) if key else label)

    def retranslate(self) -> None:
        def with_key(text: str, action: str) -> str:
            key = self._keys.get(action)
            return f"{text} ({key})" if key else text

        self.approve_button.setText(with_key(self.tr("Approve"), "approve"))
        self.reject_button.setText(with_key(self.tr("Reject"), "reject"))
        self.approve_button.setToolTip(with_key(self.tr("Approve this message and play the next one"), "approve"))
        self.reject_button.setToolTip(with_key(self.tr("Reject this message and play the next one"), "reject"))
        self.note.setToolTip(with_key(self.tr("Note"), "focus_note"))
        self.flags_box.setTitle(self.tr("Flags"))
        self.note_label.setText(with_key(self.tr("Note"), "focus_note"))
        self.history_label.setText(self.tr("History"))
        self._label_flags()
        self._show_focus_state()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.note and event.type() in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self._show_focus_state()
        return super().eventFilter(watched, event)

    def _show_focus_state(self) -> None:
        typing = self.note.hasFocus()
        if bool(self.note.property("typing")) != typing:
            self.note.setProperty("typing", typing)
            self.note.style().unpolish(self.note)
            self.note.style().polish(self.note)
        key = self._keys.get("approve", "A")
        self.note_hint.setText(
            self.tr("Typing a note — Esc returns to the keys ({key} approves)").format(key=key) if typing else ""
        )

    def _user_edit(self, *_args: object) -> None:
        if not self._showing:
            self.edited.emit()

    def flag_names(self) -> dict[str, str]:
        """Action name (``flag_<n>``) -> the flag's label in the UI language, for the shortcuts overlay."""
        return {f"flag_{i + 1}": self.label_of(flag.code) for i, flag in enumerate(self._flags)}

    def label_of(self, code: str) -> str:
        """The flag's words in the UI language (the code itself when the catalogue no longer has it)."""
        for flag in self._flags:
            if flag.code == code:
                return flag.label_fr if self._french else flag.label_en
        return code

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- state -----------------------------------------------------------------------------------------

    def toggle_flag(self, position: int) -> None:
        """Toggle the flag at ``position`` (1-based, as on the number keys)."""
        if 1 <= position <= len(self._flags):
            self._flag_buttons[self._flags[position - 1].code].toggle()

    def show_suggestions(self, codes: list[str]) -> None:
        """Mark the flags the clip checks suggest; they stay unticked, the moderator decides."""
        for code, button in self._flag_buttons.items():
            suggested = code in codes
            if bool(button.property("suggested")) != suggested:
                button.setProperty("suggested", suggested)
                button.style().unpolish(button)
                button.style().polish(button)
            tip = button.toolTip().split("\n")[0]
            button.setToolTip(tip + ("\n" + self.tr("Suggested by the automatic checks") if suggested else ""))

    def suggested_flags(self) -> list[str]:
        return [code for code, button in self._flag_buttons.items() if button.property("suggested")]

    def checked_flags(self) -> list[str]:
        return [code for code, button in self._flag_buttons.items() if button.isChecked()]

    def note_text(self) -> str:
        return self.note.toPlainText().strip()[:MAX_NOTE]

    def show_draft(self, flags: list[str] | tuple[str, ...], note: str) -> None:
        """Put back what the moderator ticked and typed before moving away (not an edit of theirs)."""
        self._showing = True
        try:
            for code, button in self._flag_buttons.items():
                button.setChecked(code in flags)
            self.note.setPlainText(note)
            self.note.moveCursor(QTextCursor.MoveOperation.End)  # N then typing carries on after the words
        finally:
            self._showing = False

    def show_state(self, status: str | None, flags: list[str], note: str, history: list[Decision]) -> None:
        self.show_draft(flags, note)
        labels = {"approved": self.tr("Approved"), "rejected": self.tr("Rejected"), "queued": self.tr("To review")}
        self.state_label.setText(labels.get(status or "", ""))
        self.history.clear()
        for d in reversed(history):
            when = d.decided_at.replace("T", " ").removesuffix("Z")[:19]
            text = f"{when}  {labels.get(d.decision, d.decision)}  {d.moderator}"
            if d.flags:
                text += "  — " + ", ".join(self.label_of(code) for code in d.flags)
            if d.note:
                text += "  — “" + " ".join(d.note.split()) + "”"
            self.history.addItem(text)
            self.history.item(self.history.count() - 1).setToolTip(tooltip_text(d.note) if d.note else "")
        enabled = status is not None
        self.approve_button.setEnabled(enabled)
        self.reject_button.setEnabled(enabled)
