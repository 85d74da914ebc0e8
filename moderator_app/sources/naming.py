"""How a clip is named in the cache, whichever source it came from.

The name is built from the validated submission id and the container the clip's own first bytes name
(``base.media.Container.extension``), never from a name the sender or the platform chose, so an inbox
file and a platform download land under one rule. There is no catch-all extension: a file that is not
one of the accepted containers never reaches the cache (it used to be stored as ``.clip`` and played by
whatever VLC probed it to be).
"""

from __future__ import annotations

EXTENSIONS = ("mp4", "mov", "3gp", "mkv", "webm")
"""The cache's clip extensions: the accepted container families' names (``base.media.sniff``)."""


def clip_extension(container: str) -> str:
    """Cache file extension for a container the decoder opened; ValueError for any other.

    ``container``: ``ClipProbe.container`` (one of :data:`EXTENSIONS`), or a demuxer's name list as
    libav reports it ('mov,mp4,m4a,3gp,3g2,mj2', 'matroska,webm') for callers that only have that."""
    c = container.lower().strip()
    if c in EXTENSIONS:
        return "." + c
    if "webm" in c or "matroska" in c:
        return ".webm" if "webm" in c else ".mkv"
    if "3gp" in c:
        return ".3gp"
    if "mp4" in c or "mov" in c:
        return ".mp4"
    raise ValueError(f"not an accepted clip container: {container!r}")


def clip_file_name(submission_id: str, container: str) -> str:
    return submission_id + clip_extension(container)
