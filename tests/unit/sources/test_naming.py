"""Clip names in the cache come from the validated id and what the decoder found, never the sender."""

from __future__ import annotations

import pytest

from moderator_app.sources.inbox.prepare import clip_extension as inbox_clip_extension
from moderator_app.sources.naming import clip_extension, clip_file_name


@pytest.mark.parametrize(("container", "extension"), [
    ("mov,mp4,m4a,3gp,3g2,mj2", ".3gp"),
    ("mov,mp4,m4a", ".mp4"),
    ("QuickTime / MOV", ".mp4"),
    ("matroska,webm", ".webm"),
    ("Matroska", ".mkv"),
    ("avi", ".clip"),
])
def test_extension_follows_the_container_the_decoder_found(container: str, extension: str) -> None:
    assert clip_extension(container) == extension


def test_file_name_is_the_id_plus_the_extension() -> None:
    assert clip_file_name("sub-000001", "matroska,webm") == "sub-000001.webm"
    assert inbox_clip_extension is clip_extension  # the old import place still works
