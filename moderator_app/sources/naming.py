"""How a clip is named in the cache, whichever source it came from.

The name is built from the validated submission id and what the decoder found, never from a name
the sender or the platform chose, so an inbox file and a platform download land under one rule.
"""

from __future__ import annotations


def clip_extension(container: str) -> str:
    """Cache file extension from what the decoder found, never from the input name."""
    c = container.lower()
    if "webm" in c or "matroska" in c:
        return ".webm" if "webm" in c else ".mkv"
    if "3gp" in c:
        return ".3gp"
    if "mp4" in c or "mov" in c:
        return ".mp4"
    return ".clip"


def clip_file_name(submission_id: str, container: str) -> str:
    return submission_id + clip_extension(container)
