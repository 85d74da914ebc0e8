"""The exit codes of the headless commands: what a script calling ``moderator-app`` should do next.

Documented in README.md ("Headless commands"); the numbers are a contract with those scripts.
"""

from __future__ import annotations

EXIT_OK = 0
"""Done."""
EXIT_ERROR = 1
"""Unexpected error (a bug: the message says what happened)."""
EXIT_USAGE = 2
"""Usage error: bad arguments, an unknown preset, no token or platform address."""
EXIT_PARTIAL = 3
"""Partly done: records still arriving, the platform unreachable or transfers left; run again later."""
EXIT_REFUSED = 4
"""Refused: the input is invalid (unknown flag, bad threshold, clip not allowed on air, bad brand file)."""
EXIT_NOT_FOUND = 5
"""Not found: no such submission, file or inbox folder."""
EXIT_BUSY = 6
"""Busy: another sync holds this cache; run again later."""
EXIT_AUTH = 7
"""Refused by the platform: the token (MODERATOR_TOKEN) is wrong or expired; set a new one."""
EXIT_TOO_SHORT = 8
"""``spot export``: the chosen clips are too short to fill the spot's exact length."""
EXIT_FAILS_PRESET = 9
"""``spot export`` / ``check --preset``: the file was written or read but fails a rule of the preset."""
