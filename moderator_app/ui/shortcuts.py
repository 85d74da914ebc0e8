"""Key bindings from config as QActions, and the ``?`` overlay that lists them.

The overlay is generated from the same table the actions are, so it can never drift from the
keys that actually work; both read the user's own keys (ui/keymap.py) over config's defaults.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from moderator_app.config import KEY_BINDINGS, Binding
from moderator_app.ui.keymap import effective, keys_of


def action_title(action: str, flag_names: dict[str, str] | None = None) -> str:
    """Words for an action; ``flag_names`` (action -> the campaign flag's label) names the flag keys."""
    titles = {
        "approve": QCoreApplication.translate("Shortcuts", "Approve and play the next clip"),
        "reject": QCoreApplication.translate("Shortcuts", "Reject and play the next clip"),
        "undo": QCoreApplication.translate("Shortcuts", "Undo the last decision"),
        "focus_note": QCoreApplication.translate("Shortcuts", "Write a note"),
        "play_pause": QCoreApplication.translate("Shortcuts", "Play / pause"),
        "seek_back": QCoreApplication.translate("Shortcuts", "Back 5 seconds"),
        "seek_forward": QCoreApplication.translate("Shortcuts", "Forward 5 seconds"),
        "frame_step": QCoreApplication.translate("Shortcuts", "Next frame"),
        "slower": QCoreApplication.translate("Shortcuts", "Slower"),
        "faster": QCoreApplication.translate("Shortcuts", "Faster"),
        "mute": QCoreApplication.translate("Shortcuts", "Mute / unmute"),
        "volume_down": QCoreApplication.translate("Shortcuts", "Volume down"),
        "volume_up": QCoreApplication.translate("Shortcuts", "Volume up"),
        "restart": QCoreApplication.translate("Shortcuts", "Play from the start"),
        "next": QCoreApplication.translate("Shortcuts", "Next clip"),
        "previous": QCoreApplication.translate("Shortcuts", "Previous clip"),
        "next_undecided": QCoreApplication.translate("Shortcuts", "Next clip to review"),
        "skip": QCoreApplication.translate("Shortcuts", "Skip and hand the clip back"),
        "search": QCoreApplication.translate("Shortcuts", "Search names"),
        "shortcuts": QCoreApplication.translate("Shortcuts", "Show or hide these shortcuts"),
        "sync": QCoreApplication.translate("Shortcuts", "Sync now"),
        "recheck": QCoreApplication.translate("Shortcuts", "Run the clip checks again"),
        "spot_editor": QCoreApplication.translate("Shortcuts", "Open the spot editor"),
        "audit_log": QCoreApplication.translate("Shortcuts", "Show the audit log"),
        "dashboard": QCoreApplication.translate("Shortcuts", "Show the campaign dashboard"),
        "schedule": QCoreApplication.translate("Shortcuts", "Open the schedule (media plan and air slots)"),
        "notifications": QCoreApplication.translate("Shortcuts", "Notifications: tell the senders when they air"),
        "erase": QCoreApplication.translate("Shortcuts", "Erase this person's data…"),
        "key_settings": QCoreApplication.translate("Shortcuts", "Change the keys…"),
        "quit": QCoreApplication.translate("Shortcuts", "Quit"),
        "about": QCoreApplication.translate("Shortcuts", "About: version and licences"),
    }
    if action.startswith("flag_"):
        if flag_names and action in flag_names:
            return QCoreApplication.translate("Shortcuts", "Toggle flag: {name}").format(name=flag_names[action])
        return QCoreApplication.translate("Shortcuts", "Toggle flag {n}").format(n=action.removeprefix("flag_"))
    return titles.get(action, action)


def group_title(group: str) -> str:
    return {
        "decide": QCoreApplication.translate("Shortcuts", "Decide"),
        "flags": QCoreApplication.translate("Shortcuts", "Flags"),
        "play": QCoreApplication.translate("Shortcuts", "Playback"),
        "navigate": QCoreApplication.translate("Shortcuts", "Queue"),
        "app": QCoreApplication.translate("Shortcuts", "Application"),
    }.get(group, group)


def native_key(binding: Binding) -> str:
    return QKeySequence(binding.key).toString(QKeySequence.SequenceFormat.NativeText)


def native_keys(binding: Binding) -> str:
    """Every key of the binding, as the overlay lists them ("1 / &")."""
    return " / ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys_of(binding))


def install_actions(
    window: QWidget, handlers: dict[str, Callable[[], None]], bindings: tuple[Binding, ...] = KEY_BINDINGS,
    titles: Callable[[str], str] = action_title,
) -> dict[str, QAction]:
    """One window-wide QAction per binding that has a handler (``titles``: another window's action words), with
    the user's keys where they chose some."""
    actions: dict[str, QAction] = {}
    for binding in bindings:
        handler = handlers.get(binding.action)
        if handler is None:
            continue
        act = QAction(titles(binding.action), window)
        act.setObjectName(f"action_{binding.action}")
        act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        act.triggered.connect(handler)
        window.addAction(act)
        actions[binding.action] = act
    apply_keys(actions, bindings)
    return actions


def apply_keys(actions: dict[str, QAction], bindings: tuple[Binding, ...] = KEY_BINDINGS) -> None:
    """Give the actions their keys as they stand now (after a change in the key settings page too)."""
    for binding in effective(bindings):
        act = actions.get(binding.action)
        if act is not None:
            act.setShortcuts(keys_of(binding))


class ShortcutsOverlay(QFrame):
    """A panel over the window listing every key; ``?`` or Esc closes it."""

    def __init__(self, parent: QWidget, bindings: tuple[Binding, ...] = KEY_BINDINGS,
                 titles: Callable[[str], str] = action_title, groups: Callable[[str], str] = group_title) -> None:
        """``titles`` and ``groups``: the words of another window's table (the spot editor's keys)."""
        super().__init__(parent)
        self._titles, self._groups = titles, groups
        self.setObjectName("shortcutsOverlay")
        # VLC draws into a native X11/Win32 child window, above any non-native widget: the overlay must
        # be a native window too, raised over the video surface when shown
        self.setAttribute(Qt.WidgetAttribute.WA_NativeWindow)
        self.setAttribute(Qt.WidgetAttribute.WA_DontCreateNativeAncestors)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setStyleSheet(
            "#shortcutsOverlay { background: rgb(24, 26, 32); border: 1px solid #90caf9; }"
            " QLabel { color: white; } QLabel[role='key'] { font-weight: bold; color: #ffd54f; }"
        )
        self._bindings = bindings
        self._flag_names: dict[str, str] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        self.title = QLabel(self)
        self.title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        layout.addWidget(self.title)
        self.body: QWidget | None = None
        self.hint = QLabel(self)
        layout.addWidget(self.hint)
        self._fill()
        self.hide()
        parent.installEventFilter(self)

    def _fill(self) -> None:
        """(Re)build the key table; a fresh body widget makes retranslation a simple swap."""
        layout = self.layout()
        if self.body is not None:
            layout.removeWidget(self.body)
            self.body.deleteLater()
        self.body = QWidget(self)
        grid = QGridLayout(self.body)
        grid.setHorizontalSpacing(28)
        layout.insertWidget(1, self.body)
        self.title.setText(QCoreApplication.translate("Shortcuts", "Keyboard shortcuts"))
        self.hint.setText(QCoreApplication.translate("Shortcuts", "Press ? or Esc to close"))
        groups: dict[str, list[tuple[str, str]]] = {}
        for b in effective(self._bindings):
            if b.action.startswith("flag_") and self._flag_names and b.action not in self._flag_names:
                continue  # the campaign has fewer flags than keys
            group = "flags" if b.action.startswith("flag_") else b.group  # a column of their own: eleven rows
            title = action_title(b.action, self._flag_names) if self._titles is action_title else self._titles(b.action)
            groups.setdefault(group, []).append((native_keys(b), title))
        for i, (group, rows) in enumerate(groups.items()):
            box = QGridLayout()
            box.setHorizontalSpacing(14)
            heading = QLabel(self._groups(group), self.body)
            heading.setStyleSheet("font-weight: bold; font-size: 12pt; color: #90caf9;")
            box.addWidget(heading, 0, 0, 1, 2)
            for r, (key_text, title) in enumerate(rows, start=1):
                key = QLabel(key_text, self.body)
                key.setProperty("role", "key")
                box.addWidget(key, r, 0)
                box.addWidget(QLabel(title, self.body), r, 1)
            box.setRowStretch(len(rows) + 1, 1)
            grid.addLayout(box, i // 3, i % 3)

    @property
    def flag_names(self) -> dict[str, str]:
        return self._flag_names

    def set_flag_names(self, names: dict[str, str]) -> None:
        """Name each flag key after the campaign's flag (action ``flag_<n>`` -> label in the UI language)."""
        self._flag_names = dict(names)
        self.refresh()

    def refresh(self) -> None:
        """Rebuild after the keys or the flags changed; a visible overlay is re-placed to its new size."""
        self._fill()
        if self.isVisible():
            self._place()

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
