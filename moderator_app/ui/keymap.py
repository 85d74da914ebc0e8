"""The user's own keys: overrides of config's bindings kept in QSettings (``keys/<action>``), as data.

config.py holds the defaults; an override replaces an action's keys (its AZERTY alternates included) with the
one key the user chose. Everything that shows or installs keys reads :func:`effective`, so a change made in
the key settings page reaches the QActions, the overlay and the button hints at once. The settings are keyed
by action name alone: a table of another window (the spot editor's) names its actions apart ("editor_…").
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence

from moderator_app.config import Binding
from moderator_app.ui.screenfit import settings

PREFIX = "keys/"


def _settings() -> QSettings:
    return settings()


def overrides(bindings: tuple[Binding, ...]) -> dict[str, str]:
    """The user's keys for these bindings; a stored value that is not a key sequence is ignored."""
    found: dict[str, str] = {}
    settings = _settings()
    for b in bindings:
        value = settings.value(PREFIX + b.action)
        if isinstance(value, str) and value and not QKeySequence(value).isEmpty():
            found[b.action] = QKeySequence(value).toString(QKeySequence.SequenceFormat.PortableText)
    return found


def effective(bindings: tuple[Binding, ...]) -> tuple[Binding, ...]:
    """The bindings as they act now: the user's key where there is one, else config's."""
    chosen = overrides(bindings)
    return tuple(replace(b, key=chosen[b.action], also=()) if b.action in chosen else b for b in bindings)


def keys_of(binding: Binding) -> list[QKeySequence]:
    return [QKeySequence(k) for k in (binding.key, *binding.also)]


def clash(bindings: tuple[Binding, ...], action: str, key: str) -> Binding | None:
    """The other binding already answering to ``key`` (same window, so same table), if any."""
    wanted = QKeySequence(key)
    for b in effective(bindings):
        if b.action != action and any(k.matches(wanted) == QKeySequence.SequenceMatch.ExactMatch
                                      for k in keys_of(b)):
            return b
    return None


def save(action: str, key: str) -> None:
    _settings().setValue(PREFIX + action, QKeySequence(key).toString(QKeySequence.SequenceFormat.PortableText))


def restore_defaults(bindings: tuple[Binding, ...]) -> None:
    settings = _settings()
    for b in bindings:
        settings.remove(PREFIX + b.action)
