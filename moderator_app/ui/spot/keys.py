"""The spot editor's actions by name, so its keys (config.EDITOR_KEY_BINDINGS) map to behaviour as data,
like the review window's (ui/review/actions.py); and the words the ``?`` overlay shows for them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication

from moderator_app.spot.model import Spot
from moderator_app.ui.shortcuts import ShortcutsOverlay
from moderator_app.ui.spot.timeline import blocks


class EditorWindow(Protocol):
    """What the keys need of the editor (the editor module imports this one, not the reverse)."""

    overlay: ShortcutsOverlay

    def toggle_preview(self) -> None: ...
    def mark(self, edge: str) -> None: ...
    def remove_slot(self) -> None: ...
    def fit(self) -> None: ...
    def save(self) -> None: ...
    def open_export(self) -> None: ...


def editor_handlers(win: EditorWindow) -> dict[str, Callable[..., Any]]:
    """Action name (config.EDITOR_KEY_BINDINGS) -> what it does in the spot editor."""
    return {
        "editor_play_pause": win.toggle_preview,
        "editor_mark_in": lambda: win.mark("in"),
        "editor_mark_out": lambda: win.mark("out"),
        "editor_remove_message": win.remove_slot,
        "editor_fit": win.fit,
        "editor_save": win.save,
        "editor_export": win.open_export,
        "editor_shortcuts": win.overlay.toggle,
    }


def editor_action_title(action: str) -> str:
    titles = {
        "editor_play_pause": QCoreApplication.translate("EditorShortcuts", "Play / pause the preview"),
        "editor_mark_in": QCoreApplication.translate("EditorShortcuts", "Start the selected message here (in)"),
        "editor_mark_out": QCoreApplication.translate("EditorShortcuts", "End the selected message here (out)"),
        "editor_remove_message": QCoreApplication.translate("EditorShortcuts", "Remove the selected message"),
        "editor_fit": QCoreApplication.translate("EditorShortcuts", "Fit to length"),
        "editor_save": QCoreApplication.translate("EditorShortcuts", "Save the spot"),
        "editor_export": QCoreApplication.translate("EditorShortcuts", "Export the spot…"),
        "editor_shortcuts": QCoreApplication.translate("EditorShortcuts", "Show or hide these shortcuts"),
    }
    return titles.get(action, action)


def editor_group_title(group: str) -> str:
    return {
        "preview": QCoreApplication.translate("EditorShortcuts", "Preview"),
        "messages": QCoreApplication.translate("EditorShortcuts", "Messages"),
        "spot": QCoreApplication.translate("EditorShortcuts", "Spot"),
        "help": QCoreApplication.translate("EditorShortcuts", "Help"),
    }.get(group, group)


def marked_trim(spot: Spot, slot: int, at: int | None, edge: str) -> tuple[int, int] | None:
    """The in and out points that I (``edge`` "in") or O ("out") give ``slot``'s message with the playhead at
    spot frame ``at``; None when the playhead is not on that message (or the slot is empty)."""
    placement = spot.placements[slot]
    block = next((b for b in blocks(spot) if b.kind == "message" and b.slot == slot), None)
    if placement is None or block is None or at is None or not block.start <= at <= block.end:
        return None
    frame = placement.in_frame + at - block.start
    if edge == "in":
        return frame, max(placement.out_frame, frame + 1)
    return min(placement.in_frame, frame - 1), frame
