"""Clip names in the cache come from the validated id and what the decoder found, never the sender."""

from __future__ import annotations

import pytest

from moderator_app.sources.inbox.prepare import clip_extension as inbox_clip_extension
from moderator_app.sources.naming import clip_extension, clip_file_name


@pytest.mark.parametrize(("container", "extension"), [
    ("mp4", ".mp4"),
    ("mov", ".mov"),
    ("3gp", ".3gp"),
    ("mkv", ".mkv"),
    ("webm", ".webm"),
    ("mov,mp4,m4a,3gp,3g2,mj2", ".3gp"),
    ("mov,mp4,m4a", ".mp4"),
    ("QuickTime / MOV", ".mp4"),
    ("matroska,webm", ".webm"),
    ("Matroska", ".mkv"),
])
def test_extension_follows_the_container_the_decoder_found(container: str, extension: str) -> None:
    assert clip_extension(container) == extension


@pytest.mark.parametrize("container", ["avi", "ffconcat", "hls", "dash", "sdp", "", "clip"])
def test_no_other_container_gets_a_cache_name(container: str) -> None:
    """There is no '.clip' catch-all any more: anything else is refused before it is named."""
    with pytest.raises(ValueError, match="not an accepted clip container"):
        clip_extension(container)


def test_file_name_is_the_id_plus_the_extension() -> None:
    assert clip_file_name("sub-000001", "matroska,webm") == "sub-000001.webm"
    assert clip_file_name("sub-000001", "mov") == "sub-000001.mov"
    assert inbox_clip_extension is clip_extension  # the old import place still works
