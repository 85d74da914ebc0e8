"""The review window's actions by name, so key bindings (config.KEY_BINDINGS) map to behaviour as data."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from moderator_app.config import KEY_BINDINGS, SEEK_STEP_MS
from moderator_app.models import DecisionValue
from moderator_app.player.controls import PlayerControls
from moderator_app.player.deck import PlayerDeck
from moderator_app.ui.about import show_about
from moderator_app.ui.campaign.dashboard import open_dashboard
from moderator_app.ui.campaign.notify import open_notifications
from moderator_app.ui.campaign.schedule import open_schedule
from moderator_app.ui.review.audit import open_audit_log
from moderator_app.ui.review.decision_panel import DecisionPanel
from moderator_app.ui.review.erase import erase_selected
from moderator_app.ui.review.keys_page import open_key_settings
from moderator_app.ui.shortcuts import ShortcutsOverlay


class ReviewWindow(Protocol):
    """What the actions need of the window (the window module imports this one, not the reverse)."""

    controls: PlayerControls
    deck: PlayerDeck
    decision: DecisionPanel
    overlay: ShortcutsOverlay

    def decide(self, decision: DecisionValue) -> None: ...
    def undo(self) -> None: ...
    def move_by(self, step: int) -> None: ...
    def current_row(self) -> int: ...
    def go_next_undecided(self, from_row: int) -> bool: ...
    def skip(self) -> None: ...
    def focus_search(self) -> None: ...
    def sync(self) -> None: ...
    def run_checks(self, recheck: bool = False) -> None: ...
    def open_spot_editor(self) -> None: ...
    def close(self) -> bool: ...


def action_handlers(win: ReviewWindow) -> dict[str, Callable[..., Any]]:
    """Action name (config.KEY_BINDINGS) -> what it does in the review window: the bindings stay data."""
    c = win.controls
    handlers: dict[str, Any] = {
        "approve": lambda: win.decide("approved"),
        "reject": lambda: win.decide("rejected"),
        "undo": win.undo,
        "focus_note": win.decision.note.setFocus,
        "play_pause": c.toggle_play,
        "seek_back": lambda: c.seek_relative(-SEEK_STEP_MS),
        "seek_forward": lambda: c.seek_relative(SEEK_STEP_MS),
        "frame_step": c.frame_step,
        "slower": c.slower,
        "faster": c.faster,
        "mute": c.toggle_mute,
        "volume_down": c.volume_down,
        "volume_up": c.volume_up,
        "restart": lambda: win.deck.seek(0),
        "next": lambda: win.move_by(1),
        "previous": lambda: win.move_by(-1),
        "next_undecided": lambda: win.go_next_undecided(from_row=win.current_row()),
        "skip": win.skip,
        "search": win.focus_search,
        "shortcuts": win.overlay.toggle,
        "sync": win.sync,
        "recheck": lambda: win.run_checks(recheck=True),
        "spot_editor": win.open_spot_editor,
        "audit_log": lambda: open_audit_log(win),
        "dashboard": lambda: open_dashboard(win),
        "schedule": lambda: open_schedule(win),
        "notifications": lambda: open_notifications(win),
        "erase": lambda: erase_selected(win),
        "key_settings": lambda: open_key_settings(win),
        "quit": win.close,
        "about": lambda: show_about(win),
    }
    for b in KEY_BINDINGS:
        position = b.action.removeprefix("flag_")
        if b.action.startswith("flag_") and position.isdigit():
            handlers[b.action] = lambda _checked=False, n=int(position): win.decision.toggle_flag(n)
    return handlers
