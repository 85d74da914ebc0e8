"""A fuzz pass over the record parser (issue 15): whatever arrives, the answer is a Submission that obeys
docs/queue-contract.md or a RecordError with a reason, never another exception.

Inputs are valid records with parts replaced by arbitrary JSON values (wrong types, control and bidi
characters, lone surrogates, huge numbers, deep nesting), whole arbitrary JSON documents, and raw bytes
for the file loader. Bounded (200 examples a test) so CI stays quick; the seed is printed on failure.
"""

from __future__ import annotations

import copy
import json
import re
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from moderator_app.models import Submission
from moderator_app.sources.record import (
    CLIP_NAME_MAX_BYTES,
    COUNTRY_CODES,
    MESSAGE_MAX,
    NAME_MAX,
    RecordError,
    load_record_file,
    parse_record,
)
from tests.unit.sources.test_record import GOOD, HTTP_CLIP

FUZZ = settings(max_examples=max(200, settings.default.max_examples), deadline=None, suppress_health_check=[HealthCheck.too_slow])

NASTY = "\x00\x07\x08\t\n\r\x0b\x0c\x1b\x7f\x85\x9b\u200b\u200e\u200f\u202a\u202e\u2066\u2069\u2028\u2029\ufeff\ud800\udfff"
ID_RE = re.compile(r"[A-Za-z0-9_-]{1,64}", re.ASCII)
UTC_RE = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", re.ASCII)
BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

texts = st.one_of(
    st.text(st.characters(exclude_categories=()), max_size=90),  # every code point, surrogates included
    st.text(st.sampled_from(NASTY + "aé ف🌸-_.:/\\"), max_size=90),
    st.sampled_from(["", " ", "Ana", "sub-1", "FR", "2020-04-02T18:20:55Z", "x" * 81, "a" * 65, "NUL.mp4",
                     "../x.mp4", ".mp4", "9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+23:59"]),
)
numbers = st.one_of(
    st.integers(), st.integers(min_value=10**18, max_value=10**300), st.floats(allow_nan=False),
    st.sampled_from([0, -1, 2**63, -(2**63) - 1, 1e308, -0.0]),
)
scalars = st.one_of(st.none(), st.booleans(), numbers, texts)
json_values = st.recursive(
    scalars, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(texts, inner, max_size=4)),
    max_leaves=20,
)
PATHS = [
    ("id",), ("campaign",), ("received_at",), ("country",), ("language",), ("recipient",),
    ("recipient", "first_name"), ("recipient", "last_name"), ("recipient", "relationship"), ("recipient", "town"),
    ("sender",), ("sender", "first_name"), ("sender", "last_name"), ("sender", "email"), ("sender", "phone"),
    ("message",), ("consent",), ("consent", "broadcast"), ("consent", "terms_version"), ("consent", "given_at"),
    ("clip",), ("clip_sha256",), ("clip_size",),
]  # fmt: skip
HTTP_PATHS = [("clip", "url"), ("clip", "sha256"), ("clip", "size"), ("clip", "content_type")]


@st.composite
def near(draw: st.DrawFn, original: Any) -> Any:
    """The field's good value with a character slipped in, or a name-like text: valid about half the time."""
    if not isinstance(original, str):
        return draw(json_values)
    if draw(st.booleans()):
        return draw(st.text(st.characters(categories=["L", "M", "Zs", "Pd", "So"]), min_size=0, max_size=90))
    at = draw(st.integers(0, len(original)))
    extra = draw(st.text(st.sampled_from(NASTY + " é\u0301ف🌸\u200c"), min_size=1, max_size=3))
    return original[:at] + extra + original[at:]


def deep(levels: int) -> Any:
    value: Any = "x"
    for n in range(levels):
        value = [value] if n % 2 else {"k": value}
    return value


@st.composite
def mutated(draw: st.DrawFn, contract: str) -> dict[str, Any]:
    """A valid record with 1-3 fields replaced by arbitrary values, deleted, or nested very deep."""
    record = copy.deepcopy(GOOD)
    if contract == "http":
        record["clip"] = copy.deepcopy(HTTP_CLIP)
    paths = PATHS + (HTTP_PATHS if contract == "http" else [])
    for _ in range(draw(st.sampled_from([1, 1, 1, 2, 3]))):
        path = draw(st.sampled_from(paths))
        target: Any = record
        for key in path[:-1]:
            if not isinstance(target, dict) or not isinstance(target.get(key), dict):
                break
            target = target[key]
        else:
            action = draw(st.sampled_from(["near", "near", "value", "value", "delete", "deep"]))
            if action == "delete":
                target.pop(path[-1], None)
            elif action == "near":
                target[path[-1]] = draw(near(target.get(path[-1])))
            elif action == "deep":
                target[path[-1]] = deep(draw(st.integers(50, 3000)))
            else:
                target[path[-1]] = draw(json_values)
    return record


def clean_line(text: str, max_len: int, *, newlines: bool = False) -> bool:
    for ch in text:
        if ch in BIDI or (unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp") and not (newlines and ch == "\n")):
            return False
    return len(text) <= max_len and text == text.strip()


def obeys_contract(sub: Submission, contract: str) -> None:
    """The rules of docs/queue-contract.md, checked on what the parser let through."""
    assert ID_RE.fullmatch(sub.id) and ID_RE.fullmatch(sub.campaign)
    assert UTC_RE.fullmatch(sub.received_at) and UTC_RE.fullmatch(sub.consent_given_at)
    assert sub.country in COUNTRY_CODES
    for person in (sub.recipient, sub.sender):
        for name in (person.first_name, person.last_name):
            assert isinstance(name, str) and 1 <= len(name) <= NAME_MAX and clean_line(name, NAME_MAX)
            assert any(unicodedata.category(ch).startswith("L") for ch in name)
    for free in (sub.relationship, sub.town):
        assert free is None or clean_line(free, 80)
    assert sub.message is None or clean_line(sub.message, MESSAGE_MAX, newlines=True)
    assert sub.sender_email is not None or sub.sender_phone is not None
    assert isinstance(sub.consent_broadcast, bool)
    assert sub.clip_sha256 is None or re.fullmatch(r"[0-9a-f]{64}", sub.clip_sha256)
    assert sub.clip_size is None or (type(sub.clip_size) is int and sub.clip_size >= 0)
    if contract == "folder":
        name = sub.clip_name or ""
        assert name and clean_line(name, CLIP_NAME_MAX_BYTES) and len(name.encode()) <= CLIP_NAME_MAX_BYTES
        assert not any(bad in name for bad in ("/", "\\", "..", ":")) and not name.startswith(".")
        assert sub.clip_url is None
    else:
        assert sub.clip_url and re.fullmatch(r"https?://\S+", sub.clip_url, re.IGNORECASE)
        assert sub.clip_sha256 is not None and sub.clip_size is not None and sub.clip_size >= 1
        assert sub.clip_name is None


def parse_or_refuse(data: object, contract: str) -> None:
    try:
        sub = parse_record(data, contract=contract)  # type: ignore[arg-type]
    except RecordError as exc:
        assert exc.reason and "\n" not in exc.reason
        return
    obeys_contract(sub, contract)


@FUZZ
@given(mutated("folder"))
def test_a_damaged_folder_record_is_valid_or_refused(record: dict[str, Any]) -> None:
    parse_or_refuse(record, "folder")


@FUZZ
@given(mutated("http"))
def test_a_damaged_http_record_is_valid_or_refused(record: dict[str, Any]) -> None:
    parse_or_refuse(record, "http")


@FUZZ
@given(json_values, st.sampled_from(["folder", "http"]))
def test_any_json_value_is_valid_or_refused(value: Any, contract: str) -> None:
    parse_or_refuse(value, contract)


def _dump(value: Any) -> bytes:
    try:
        return json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass")
    except (ValueError, RecursionError):
        return b"{"


file_bytes = st.one_of(
    st.binary(max_size=300),
    mutated("folder").map(_dump),
    json_values.map(_dump),
    st.sampled_from([b"[" * 200_000, b'{"a":' * 50_000, b"9" * 5000, b"1e999999", b"NaN", b"-Infinity",
                     b'{"id": "\\ud800"}', b"\xef\xbb\xbf{}", b"\xff\xfe{\x00}\x00", b"   ", b""]),
    st.tuples(mutated("folder"), st.binary(max_size=8)).map(lambda pair: _dump(pair[0])[:-1] + pair[1]),
)


@FUZZ
@given(file_bytes)
def test_any_record_file_is_valid_or_refused(payload: bytes) -> None:
    with tempfile.TemporaryDirectory(prefix="record-fuzz-") as folder:
        path = Path(folder) / "r.json"
        path.write_bytes(payload)
        try:
            sub = load_record_file(path)
        except RecordError as exc:
            assert exc.reason
            return
        obeys_contract(sub, "folder")


def test_the_contract_check_can_fail() -> None:
    """The checks above are not vacuous: the valid record passes them, a forged one does not."""
    sub = parse_record(copy.deepcopy(GOOD), contract="folder")
    obeys_contract(sub, "folder")
    forged = Submission(**{**{f: getattr(sub, f) for f in Submission.__slots__}, "id": "a/b"})  # type: ignore[arg-type]
    try:
        obeys_contract(forged, "folder")
    except AssertionError:
        return
    raise AssertionError("a forged id passed the contract check")
