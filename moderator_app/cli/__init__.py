"""The headless commands (``moderator-app COMMAND``): run.py is the edge, parser.py the commands.

Exit codes are in codes.py; they are re-exported here for the scripts and tests that check them.
"""

from moderator_app.cli.codes import (
    EXIT_AUTH,
    EXIT_BUSY,
    EXIT_ERROR,
    EXIT_FAILS_PRESET,
    EXIT_NOT_FOUND,
    EXIT_OK,
    EXIT_PARTIAL,
    EXIT_REFUSED,
    EXIT_TOO_SHORT,
    EXIT_USAGE,
)
from moderator_app.cli.run import main

__all__ = [
    "EXIT_AUTH", "EXIT_BUSY", "EXIT_ERROR", "EXIT_FAILS_PRESET", "EXIT_NOT_FOUND", "EXIT_OK", "EXIT_PARTIAL",
    "EXIT_REFUSED", "EXIT_TOO_SHORT", "EXIT_USAGE", "main",
]
