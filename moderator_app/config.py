"""Settings as data: where the cache lives, and the key bindings (action -> default key).

Widgets never hard-code a key: the window builds its shortcuts from ``KEY_BINDINGS`` so a binding
is one edit here (and the shortcuts overlay and tooltips follow). A user's own keys (the key settings page,
Ctrl+,) are stored apart in QSettings ``keys/<action>`` and win over these defaults.

Volume is Ctrl+Up/Down (as in VLC), not - and =: on a French AZERTY keyboard "-" is the unshifted 6 key,
which toggles flag 6 here.
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "moderator-app"
APP_AUTHOR = "OnResteEnsemble"


LOG_FILE_ENV = "MODERATOR_LOG_FILE"
"""A file the headless commands also log to, at DEBUG (names and contacts never reach a log line)."""


def default_data_dir() -> Path:
    """The user's private data folder (never a shared or temp location: it holds personal data)."""
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def demo_data_dir() -> Path:
    """The demo gets a cache of its own so it never mixes with a real campaign's."""
    return default_data_dir() / "demo"


def default_moderator() -> str:
    try:
        return os.environ.get("MODERATOR_NAME") or getpass.getuser()
    except (KeyError, OSError):
        return "moderator"


@dataclass(frozen=True, slots=True)
class Binding:
    action: str
    key: str
    group: str
    """Heading in the shortcuts overlay: decide, play, navigate, app."""
    also: tuple[str, ...] = ()
    """More keys for the same action: the flags' digits also answer to the unshifted French AZERTY digit row
    (& é " ' ( - è _ ç à), where a digit needs Shift. (Shift+& still gives "1": Qt drops the Shift the layout
    used up, so the digits work both ways.)"""


KEY_BINDINGS: tuple[Binding, ...] = (
    Binding("approve", "A", "decide"),
    Binding("reject", "R", "decide"),
    Binding("undo", "Ctrl+Z", "decide"),
    Binding("focus_note", "N", "decide"),
    Binding("flag_1", "1", "decide", ("&",)),
    Binding("flag_2", "2", "decide", ("é",)),
    Binding("flag_3", "3", "decide", ('"',)),
    Binding("flag_4", "4", "decide", ("'",)),
    Binding("flag_5", "5", "decide", ("(",)),
    Binding("flag_6", "6", "decide", ("-",)),
    Binding("flag_7", "7", "decide", ("è",)),
    Binding("flag_8", "8", "decide", ("_",)),
    Binding("flag_9", "9", "decide", ("ç",)),
    Binding("flag_10", "0", "decide", ("à",)),
    Binding("flag_11", "D", "decide"),
    Binding("play_pause", "Space", "play"),
    Binding("seek_back", "Left", "play"),
    Binding("seek_forward", "Right", "play"),
    Binding("frame_step", ".", "play"),
    Binding("slower", "[", "play"),
    Binding("faster", "]", "play"),
    Binding("mute", "M", "play"),
    Binding("volume_down", "Ctrl+Down", "play"),
    Binding("volume_up", "Ctrl+Up", "play"),
    Binding("restart", "Home", "play"),
    Binding("next", "J", "navigate"),
    Binding("previous", "K", "navigate"),
    Binding("next_undecided", "U", "navigate"),
    Binding("skip", "S", "navigate"),
    Binding("search", "Ctrl+F", "navigate"),
    Binding("shortcuts", "?", "app"),
    Binding("sync", "F5", "app"),
    Binding("recheck", "Ctrl+R", "app"),
    Binding("spot_editor", "Ctrl+E", "app"),
    Binding("audit_log", "Ctrl+L", "app"),
    Binding("dashboard", "Ctrl+D", "app"),
    Binding("schedule", "Ctrl+T", "app"),
    Binding("notifications", "Ctrl+Shift+N", "app"),
    Binding("erase", "Ctrl+Shift+Del", "app"),
    Binding("key_settings", "Ctrl+,", "app"),
    Binding("quit", "Ctrl+Q", "app"),
    Binding("about", "F1", "app"),
)

EDITOR_KEY_BINDINGS: tuple[Binding, ...] = (
    Binding("editor_play_pause", "Space", "preview"),
    Binding("editor_mark_in", "I", "messages"),
    Binding("editor_mark_out", "O", "messages"),
    Binding("editor_remove_message", "Delete", "messages"),
    Binding("editor_fit", "F", "messages"),
    Binding("editor_save", "Ctrl+S", "spot"),
    Binding("editor_export", "Ctrl+Shift+E", "spot"),
    Binding("editor_shortcuts", "?", "help"),
)
"""The spot editor's keys (handlers in ui/spot/keys.py); plain letters give way to a text field being typed in.
Actions and groups are named apart from the review desk's: the user's keys are stored by action name."""

BLOCKING_FLAGS: tuple[str, ...] = ("minor_shown", "personal_data")
"""Flag codes (db flag_catalogue) that make an approval ask for confirmation first: a clip showing a minor or
personal data must not air by one key press. A campaign overrides this list with the ``blocking_flags``
campaign setting (services/review.py ReviewService.blocking_flags / set_blocking_flags)."""

SEEK_STEP_MS = 5000
SYNC_INTERVAL_MS = 60_000
"""Background inbox sync while the window is open (F5 syncs at once)."""
RESYNC_SOON_MS = 3_000
"""When records were still arriving, look again this soon instead of waiting a full interval."""
