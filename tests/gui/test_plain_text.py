"""Text from the public shown as typed in the widgets that are not labels (issue 15 item 12): tooltips
have no plain-text setting, so what they get must read back as the very text, markup included."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication

from moderator_app.db.cache import Cache
from moderator_app.services.review import QUARANTINED, QueueFilter, ReviewService
from moderator_app.ui.plaintext import tooltip_text
from moderator_app.ui.review.queue_model import QueueModel
from tests.conftest import age_files

pytestmark = pytest.mark.gui

HOSTILE = [
    "<b>x</b><img src='file:///etc/hostname'>",
    "<a href='https://evil.example/'>click</a>",
    "a &amp; b &lt;c&gt; <qt>",
    "line one\n  line two",
    "<!-- x --><style>*{color:red}</style>",
]


def shown(rich: str) -> str:
    """What a tooltip (rich text) displays: Qt's own document, read back as text."""
    document = QTextDocument()
    document.setHtml(rich)
    return document.toPlainText()


@pytest.mark.parametrize("text", HOSTILE)
def test_a_tooltip_shows_its_text_literally(qapp: QApplication, text: str) -> None:
    assert shown(tooltip_text(text)) == text
    assert shown(text) != text, "the check can fail: the raw text is read as markup"
    assert tooltip_text("") == ""


def test_the_queue_tooltip_of_a_quarantined_file_shows_its_name(qapp: QApplication, tmp_path: Path) -> None:
    """A record file named with markup, refused by a real sync: its tooltip is the name as it is."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    name = "<b>x<img src='x'><a href='https:evil'>y &lt;.json"  # no "/": a file name
    (inbox / name).write_text("{broken", encoding="utf-8")
    age_files(inbox)
    cache = Cache(tmp_path / "data")
    try:
        review = ReviewService(cache, "ana")
        assert len(review.sync_inbox(inbox).quarantined) == 1

        def run_now(query: Callable[[], Any], done: Callable[[Any], None]) -> None:
            done(query())  # the model's queries, on this thread: the test reads the result at once

        model = QueueModel(review, run_now)
        model.apply_filter(QueueFilter(status=QUARANTINED))
        assert model.rowCount() == 1
        columns = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
        source = model.index(0, columns.index("File"))
        assert shown(model.data(source, Qt.ItemDataRole.ToolTipRole)) == f"inbox/{name}"
    finally:
        cache.close()
