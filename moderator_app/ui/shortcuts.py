"""Key bindings from config as QActions, and the ``?`` overlay that lists them.

The overlay is generated from the same table the actions are, so it can never drift from the
keys that actually work.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from moderator_app.config import KEY_BINDINGS, Binding


def _tr(text: str) -> str:
    return QCoreApplication.translate("Shortcuts", text)


def action_title(action: str) -> str:
    titles = {
        "approve": _tr("Approve and play the next clip"),
        "reject": _tr("Reject and play the next clip"),
        "undo": _tr("Undo the last decision"),
        "focus_note": _tr("Write a note"),
        "play_pause": _tr("Play / pause"),
        "seek_back": _tr("Back 5 seconds"),
        "seek_forward": _tr("Forward 5 seconds"),
        "frame_step": _tr("Next frame"),
        "slower": _tr("Slower"),
        "faster": _tr("Faster"),
        "mute": _tr("Mute / unmute"),
        "volume_down": _tr("Volume down"),
        "volume_up": _tr("Volume up"),
        "restart": _tr("Play from the start"),
        "next": _tr("Next clip"),
        "previous": _tr("Previous clip"),
        "next_undecided": _tr("Next clip to review"),
        "search": _tr("Search names"),
        "shortcuts": _tr("Show or hide these shortcuts"),
        "sync": _tr("Sync now"),
        "quit": _tr("Quit"),
    }
    if action.startswith("flag_"):
        return _tr("Toggle flag {n}").format(n=action.removeprefix("flag_"))
    return titles.get(action, action)


def group_title(group: str) -> str:
    return {
        "decide": _tr("Decide"),
        "play": _tr("Playback"),
        "navigate": _tr("Queue"),
        "app": _tr("Application"),
    }.get(group, group)


def native_key(binding: Binding) -> str:
    return QKeySequence(binding.key).toString(QKeySequence.SequenceFormat.NativeText)


def install_actions(
    window: QWidget, handlers: dict[str, Callable[[], None]], bindings: tuple[Binding, ...] = KEY_BINDINGS
) -> dict[str, QAction]:
    """One window-wide QAction per binding that has a handler."""
    actions: dict[str, QAction] = {}
    for binding in bindings:
        handler = handlers.get(binding.action)
        if handler is None:
            continue
        act = QAction(action_title(binding.action), window)
        act.setObjectName(f"action_{binding.action}")
        act.setShortcut(QKeySequence(binding.key))
        act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        act.triggered.connect(handler)
        window.addAction(act)
        actions[binding.action] = act
    return actions


class ShortcutsOverlay(QFrame):
    """A panel over the window listing every key; ``?`` or Esc closes it."""

    def __init__(self, parent: QWidget, bindings: tuple[Binding, ...] = KEY_BINDINGS) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsOverlay")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setStyleSheet(
            "#shortcutsOverlay { background: rgba(20, 20, 24, 235); border-radius: 10px; }"
            " QLabel { color: white; } QLabel[role='key'] { font-weight: bold; color: #ffd54f; }"
        )
        self._bindings = bindings
        layout = QVBoxLayout(self)
        self.title = QLabel(self)
        self.title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        layout.addWidget(self.title)
        self.grid = QGridLayout()
        layout.addLayout(self.grid)
        self.hint = QLabel(self)
        layout.addWidget(self.hint)
        self._fill()
        self.hide()
        parent.installEventFilter(self)

    def _fill(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        self.title.setText(_tr("Keyboard shortcuts"))
        self.hint.setText(_tr("Press ? or Esc to close"))
        groups: dict[str, list[Binding]] = {}
        for b in self._bindings:
            groups.setdefault(b.group, []).append(b)
        column = 0
        for group, items in groups.items():
            heading = QLabel(group_title(group), self)
            heading.setStyleSheet("font-weight: bold; font-size: 12pt; color: #90caf9;")
            self.grid.addWidget(heading, 0, column, 1, 2)
            for row, b in enumerate(items, start=1):
                key = QLabel(native_key(b), self)
                key.setProperty("role", "key")
                self.grid.addWidget(key, row, column)
                self.grid.addWidget(QLabel(action_title(b.action), self), row, column + 1)
            column += 2

    def toggle(self) -> None:
        if self.isVisible():
            self.hide()
        else:
            self._place()
            self.show()
            self.raise_()

    def _place(self) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        self.adjustSize()
        w, h = self.sizeHint().width(), self.sizeHint().height()
        self.setGeometry((parent.width() - w) // 2, (parent.height() - h) // 2, w, h)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._fill()
        super().changeEvent(event)
