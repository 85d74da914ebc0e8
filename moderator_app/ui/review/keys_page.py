"""The review window's key settings page (Ctrl+,): its bindings, applied to the window as soon as changed."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from moderator_app.config import EDITOR_KEY_BINDINGS, KEY_BINDINGS
from moderator_app.ui.keymap import effective
from moderator_app.ui.keysettings import KeySettingsDialog, Table
from moderator_app.ui.shortcuts import action_title, apply_keys, group_title, native_key
from moderator_app.ui.spot.keys import editor_action_title, editor_group_title


def key_tables() -> list[Table]:
    """Every table the page lists; the spot editor's bindings join here as one more entry."""
    return [(QCoreApplication.translate("KeySettings", "Review desk"), KEY_BINDINGS),
            (QCoreApplication.translate("KeySettings", "Spot editor"), EDITOR_KEY_BINDINGS)]


_EDITOR_GROUPS = frozenset(b.group for b in EDITOR_KEY_BINDINGS)


def _group_words(group: str) -> str:
    return editor_group_title(group) if group in _EDITOR_GROUPS else group_title(group)


def apply_window_keys(win: Any) -> None:
    """The window's actions, button hints and overlay follow the keys as they stand now."""
    keys = {b.action: native_key(b) for b in effective(KEY_BINDINGS)}
    win.decision.set_keys(keys)
    win.controls.set_key_hints(keys)
    apply_keys(win.actions_by_name, KEY_BINDINGS)
    win.overlay.refresh()
    editor = getattr(win, "spot_editor", None)
    if editor is not None and not editor.closed:  # the editor's own table, when its window is open
        apply_keys(editor.actions_by_name, EDITOR_KEY_BINDINGS)
        editor.overlay.refresh()


def open_key_settings(win: QWidget) -> KeySettingsDialog:
    """One page per window (``win.key_settings``), modeless so the keys can be tried while it is open."""
    dialog: KeySettingsDialog | None = getattr(win, "key_settings", None)
    if dialog is None:
        names = getattr(getattr(win, "overlay", None), "flag_names", {})
        dialog = KeySettingsDialog(
            key_tables(),
            lambda a: editor_action_title(a) if a.startswith("editor_") else action_title(a, names),
            _group_words, win)
        dialog.changed.connect(lambda: apply_window_keys(win))
        win.key_settings = dialog  # type: ignore[attr-defined]
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
