"""The one table from exception to exit code, and the edge in ``main`` that applies it."""

from __future__ import annotations

from pathlib import Path

import pytest

from moderator_app.cli import main
from moderator_app.cli.errors import EXIT_CODES, Refused, UsageError, context, describe
from moderator_app.onair.plan import BadRow
from moderator_app.services.errors import (
    AssignmentRefused,
    AuthError,
    BadAddress,
    BatchBusy,
    BrandError,
    ClipAlreadyPlaced,
    ClipNotAllowed,
    ClipTooShort,
    ExportCancelled,
    ExportFolderNotEmpty,
    NoSpace,
    NotifyBusy,
    PlanRefused,
    RelayRefused,
    RelayUnavailable,
    RenderError,
    SpotError,
    SyncBusy,
    TemplateProblem,
    TimelineError,
    UnknownFlag,
    UnknownSlot,
    UnknownSpot,
    UnknownSubmission,
)
from moderator_app.spot.errors import Shortfall

SHORT = ClipTooShort((Shortfall(1, "sub-5", 50, 75),), 25, 25)

# Written out rather than read from the table: these numbers are README.md's contract with scripts.
EXPECTED: list[tuple[Exception, int, str]] = [
    (UsageError("--length must be a positive number of seconds"), 2,
     "error: --length must be a positive number of seconds"),
    (Refused("junk.mp4 cannot be read as a video"), 4, "refused: junk.mp4 cannot be read as a video"),
    (FileNotFoundError("no such file: x.mp4"), 5, "error: no such file: x.mp4"),
    (UnknownSubmission("sub-404"), 5, "not found: no submission sub-404 in the cache"),
    (UnknownFlag("made_up"), 4, "error: unknown flag made_up"),
    (SyncBusy("another sync is running on this cache"), 6, "busy: another sync is running on this cache"),
    (BatchBusy("another render-all is writing into out"), 6, "busy: another render-all is writing into out"),
    (UnknownSpot("auto-FR-0009"), 5, "not found: no saved spot auto-FR-0009"),
    (NoSpace("not enough free space on the cache's disk"), 3, "stopped: not enough free space on the cache's disk"),
    (BrandError("logo: must be a PNG beside the brand file"), 4, "refused: logo: must be a PNG beside the brand file"),
    (ClipNotAllowed("sub-4", "no broadcast consent"), 4, "refused: clip sub-4 cannot be placed: no broadcast consent"),
    (ClipAlreadyPlaced("sub-4", 0), 4, "refused: clip sub-4 is already in slot 1; a clip goes in a spot once"),
    (SHORT, 8, str(SHORT)),
    (TimelineError("slot 2 is empty"), 2, "error: slot 2 is empty"),
    (SpotError("the output folder is full"), 1, "error: the output folder is full"),
    (ExportFolderNotEmpty("out exists and is not an empty folder"), 4,
     "refused: out exists and is not an empty folder"),
    (PlanRefused([BadRow(3, "country 'XX' is not an ISO 3166-1 alpha-2 code")]), 4,
     "media plan refused, nothing imported (1 bad row):\nline 3: country 'XX' is not an ISO 3166-1 alpha-2 code"),
    (UnknownSlot("TF1-0410"), 5, "not found: no air slot TF1-0410"),
    (AssignmentRefused("spot fr-a is 30 s; slot TF1-1 is 20 s"), 4, "refused: spot fr-a is 30 s; slot TF1-1 is 20 s"),
    (TemplateProblem("ar/body.txt.j2, line 1: unexpected end of template"), 4,
     "refused: notification template ar/body.txt.j2, line 1: unexpected end of template"),
    (RelayRefused("the relay refused the login (535)"), 4, "refused: the relay refused the login (535)"),
    (BadAddress("the sender has no usable e-mail address"), 4, "refused: the sender has no usable e-mail address"),
    (RelayUnavailable("cannot reach the SMTP relay (ConnectionRefusedError)"), 3,
     "stopped: cannot reach the SMTP relay (ConnectionRefusedError); nothing was sent, run again later"),
    (AuthError("POST /v1/submissions/sub-1/notification: the platform refused the token (401)"), 7,
     "refused: POST /v1/submissions/sub-1/notification: the platform refused the token (401)"),
    (NotifyBusy("another notify run is sending for this campaign"), 6,
     "busy: another notify run is sending for this campaign"),
]


@pytest.mark.parametrize(("exc", "code", "message"), EXPECTED, ids=lambda v: type(v).__name__)
def test_each_mapped_exception_gets_its_code_and_message(exc: Exception, code: int, message: str) -> None:
    assert describe(exc) == (code, message)


def test_every_row_of_the_table_is_pinned_here() -> None:
    assert {type(exc) for exc, _, _ in EXPECTED} == set(EXIT_CODES)


def test_a_subclass_takes_its_nearest_listed_base() -> None:
    assert describe(RenderError("ffmpeg failed (1): x")) == (1, "error: ffmpeg failed (1): x")
    assert describe(ExportCancelled("export cancelled"))[0] == 1
    assert describe(IsADirectoryError("a folder"))[0] == 1, "only FileNotFoundError means not found"


def test_an_unmapped_exception_is_a_bug_that_says_what_it_was() -> None:
    assert describe(RuntimeError("boom")) == (1, "error: RuntimeError: boom")
    assert describe(KeyError("k")) == (1, "error: KeyError: 'k'")


def test_context_goes_before_the_exceptions_own_words_and_only_on_its_kinds() -> None:
    with pytest.raises(ClipTooShort) as caught, context("cannot reach 30 s", ClipTooShort):
        raise SHORT
    assert describe(caught.value) == (8, f"cannot reach 30 s: {SHORT}")
    with pytest.raises(BrandError) as brand, context("brand file", BrandError):
        raise BrandError("colour: not #RRGGBB")
    assert describe(brand.value) == (4, "refused: brand file: colour: not #RRGGBB")
    with pytest.raises(UnknownSubmission) as other, context("cannot reach 30 s", ClipTooShort):
        raise UnknownSubmission("sub-9")
    assert describe(other.value) == (5, "not found: no submission sub-9 in the cache")


def test_main_turns_what_a_handler_raised_into_one_message_and_the_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(tmp_path / "data")
    assert main(["--data-dir", data, "decide", "sub-nope", "approve"]) == 5
    out, err = capsys.readouterr()
    assert (out, err) == ("", "not found: no submission sub-nope in the cache\n")
    assert main(["--data-dir", data, "sync", "--inbox", str(tmp_path / "missing")]) == 5
    assert capsys.readouterr().err.startswith("error: inbox folder not found: ")
    assert main(["--data-dir", data, "qc", "--set", "min_duration_s"]) == 4
    assert capsys.readouterr().err == "refused: bad threshold: expected NAME=VALUE, got 'min_duration_s'\n"


def test_main_does_not_swallow_an_unexpected_failure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    not_a_folder = tmp_path / "data"
    not_a_folder.write_text("a file where the cache folder should be")
    code = main(["--data-dir", str(not_a_folder), "list", "--json"])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert err.startswith("error: ") and "Error: " in err, "the message names the exception's type"


def test_usage_errors_from_argparse_are_2_and_help_is_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(tmp_path), "decide", "sub-1", "maybe"]) == 2
    assert "invalid choice: 'maybe'" in capsys.readouterr().err
    assert main(["list", "--help"]) == 0
    assert "--status" in capsys.readouterr().out

