"""The review window's key settings page (Ctrl+,): its bindings, applied to the window as soon as changed."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from moderator_app.config import KEY_BINDINGS
from moderator_app.ui.keymap import effective
from moderator_app.ui.keysettings import KeySettingsDialog, Table
from moderator_app.ui.shortcuts import action_title, apply_keys, group_title, native_key


def key_tables() -> list[Table]:
    """Every table the page lists; the spot editor's bindings join here as one more entry."""
    return [(QCoreApplication.translate("KeySettings", "Review desk"), KEY_BINDINGS)]


def apply_window_keys(win: Any) -> None:
    """The window's actions, button hints and overlay follow the keys as they stand now."""
    keys = {b.action: native_key(b) for b in effective(KEY_BINDINGS)}
    win.decision.set_keys(keys)
    win.controls.set_key_hints(keys)
    apply_keys(win.actions_by_name, KEY_BINDINGS)
    win.overlay.refresh()


def open_key_settings(win: QWidget) -> KeySettingsDialog:
    """One page per window (``win.key_settings``), modeless so the keys can be tried while it is open."""
    dialog: KeySettingsDialog | None = getattr(win, "key_settings", None)
    if dialog is None:
        names = getattr(getattr(win, "overlay", None), "flag_names", {})
        dialog = KeySettingsDialog(key_tables(), lambda a: action_title(a, names), group_title, win)
        dialog.changed.connect(lambda: apply_window_keys(win))
        win.key_settings = dialog  # type: ignore[attr-defined]
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
