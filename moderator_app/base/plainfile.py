"""Opening a file a stranger named (a clip, a record): never through a link, never blocking on a pipe.

A symbolic link in an inbox can name another campaign's clip or ``/dev/zero``, and a FIFO blocks the first
read for ever. Both the clip copy (base/media.py) and the record reader (sources/record.py) open their
files here, and only word the refusal their own way.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


class NotPlain(Exception):
    """The name is a symbolic link (``link``) or not a regular file (a pipe, a device, a folder)."""

    def __init__(self, *, link: bool) -> None:
        super().__init__("a link" if link else "not a regular file")
        self.link = link


def open_plain(path: Path) -> tuple[int, os.stat_result]:
    """A read-only, blocking descriptor on a regular file and its stat; the caller closes it.

    Raises NotPlain for a link or anything but a regular file; any other OSError (vanished, no permission)
    propagates, so the caller decides whether to retry. The file is opened with O_NOFOLLOW and O_NONBLOCK
    (so a FIFO cannot block the open) and checked on the descriptor itself, never by its name again."""
    flags = os.O_RDONLY | os.O_CLOEXEC | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise NotPlain(link=True) from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotPlain(link=False)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd, info
