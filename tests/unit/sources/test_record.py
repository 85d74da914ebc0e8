"""Record validation against docs/queue-contract.md: what is accepted, what is refused and how it is said."""

from __future__ import annotations

import copy
import json
import random
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from moderator_app.models import Submission
from moderator_app.sources.record import COUNTRY_CODES, RecordError, load_record_file, parse_record

SHA = "9F2C" + "ab" * 30

GOOD: dict[str, Any] = {
    "id": "sub-000123",
    "received_at": "2020-04-02T20:21:07+02:00",
    "campaign": "onresteensemble-fr",
    "country": "FR",
    "language": "fr",
    "recipient": {
        "first_name": "Jeannine",
        "last_name": "Martin",
        "relationship": "grand-mère",
        "town": "Lille",
    },
    "sender": {
        "first_name": "Lucas",
        "last_name": "Martin",
        "email": "lucas@example.org",
        "phone": "+33612345678",
    },
    "message": "Bon anniversaire Mamie, on pense fort à toi",
    "consent": {"broadcast": True, "terms_version": "2020-03", "given_at": "2020-04-02T18:20:55Z"},
    "clip": "sub-000123.mp4",
    "clip_sha256": SHA,
    "clip_size": 2411920,
    "utm_source": "newsletter",
}

HTTP_CLIP = {
    "url": "https://cdn.example.org/clips/sub-000123.mp4",
    "sha256": SHA,
    "size": 2411920,
    "content_type": "video/mp4",
}

PERSONAL = ("Jeannine", "Martin", "Lucas", "lucas@example.org", "+33612345678", "Lille", "grand-mère")


def good(**changes: Any) -> dict[str, Any]:
    """A fresh valid record with dotted-path changes applied; the value ``...`` deletes the key."""
    record = copy.deepcopy(GOOD)
    for dotted, value in changes.items():
        *parents, leaf = dotted.split("__")
        target = record
        for key in parents:
            target = target[key]
        if value is ...:
            target.pop(leaf, None)
        else:
            target[leaf] = value
    return record


def refused(data: object, field: str, *, contract: str = "folder", secret: str | None = None) -> RecordError:
    """Assert the record is refused with a reason naming ``field`` and echoing no personal data."""
    with pytest.raises(RecordError) as caught:
        parse_record(data, contract=contract)  # type: ignore[arg-type]
    reason = caught.value.reason
    assert reason.startswith(f"{field}:"), reason
    assert str(caught.value) == reason
    for value in (*PERSONAL, *([secret] if secret else [])):
        assert value not in reason, f"reason leaks {value!r}: {reason}"
    assert reason.isascii() and len(reason) < 100
    return caught.value


# --- accepted -------------------------------------------------------------------------------------------


def test_good_record_is_accepted_and_normalised() -> None:
    sub = parse_record(good(), contract="folder")
    assert isinstance(sub, Submission)
    assert sub.id == "sub-000123" and sub.campaign == "onresteensemble-fr"
    assert sub.received_at == "2020-04-02T18:21:07Z"  # +02:00 moved to UTC
    assert sub.consent_given_at == "2020-04-02T18:20:55Z"
    assert (sub.recipient.first_name, sub.recipient.last_name) == ("Jeannine", "Martin")
    assert (sub.sender.first_name, sub.sender.last_name) == ("Lucas", "Martin")
    assert (sub.relationship, sub.town) == ("grand-mère", "Lille")
    assert (sub.sender_email, sub.sender_phone) == ("lucas@example.org", "+33612345678")
    assert sub.country == "FR" and sub.language == "fr"
    assert sub.consent_broadcast is True and sub.consent_terms_version == "2020-03"
    assert sub.clip_name == "sub-000123.mp4" and sub.clip_url is None
    assert sub.clip_sha256 == SHA.lower() and sub.clip_size == 2411920
    assert sub.raw["utm_source"] == "newsletter"  # unknown fields are kept
    assert sub.raw == GOOD


def test_optional_fields_may_be_absent_or_null() -> None:
    sub = parse_record(
        good(
            language=...,
            message=None,
            recipient__relationship=...,
            recipient__town=None,
            sender__email=...,
            clip_sha256=...,
            clip_size=None,
            consent__terms_version=...,
        ),
        contract="folder",
    )
    assert sub.language is None and sub.message is None and sub.relationship is None and sub.town is None
    assert sub.sender_email is None and sub.sender_phone == "+33612345678"
    assert sub.clip_sha256 is None and sub.clip_size is None and sub.consent_terms_version is None


def test_broadcast_false_is_kept() -> None:
    assert parse_record(good(consent__broadcast=False), contract="folder").consent_broadcast is False


@pytest.mark.parametrize(
    "first,last",
    [
        ("فاطمة", "بنعلي"),  # Arabic script
        ("يوسف", "الشابي"),
        ("Mamie 🌸", "Roux"),  # emoji come with real names
        ("👨\u200d👩\u200d👧 Famille", "Nguyễn"),  # ZWJ emoji sequence, Vietnamese diacritics
        ("Jean-Pierre", "N'Diaye"),
        ("Siobhán", "O’Brien"),
        ("Zoë", "Ørsted-Åberg"),
        ("\u200fمحمد", "Ben Ali"),  # right-to-left mark typed by Arabic keyboards is not an override
        ("Ἀλέξανδρος", "Παπαδόπουλος"),
        ("X", "Y" * 80),
    ],
)
def test_real_world_names_are_accepted(first: str, last: str) -> None:
    sub = parse_record(good(recipient__first_name=first, sender__last_name=last), contract="folder")
    assert sub.recipient.first_name == first and sub.sender.last_name == last


def test_names_are_nfc_normalised_and_trimmed() -> None:
    decomposed = "Zoe\u0301"  # e + combining acute
    sub = parse_record(
        good(recipient__first_name=f"  {decomposed}\u00a0", sender__first_name="He\u0301le\u0300ne"),
        contract="folder",
    )
    assert sub.recipient.first_name == "Zoé" and len(sub.recipient.first_name) == 3
    assert sub.sender.first_name == "Hélène"


def test_eighty_characters_counted_after_normalisation() -> None:
    name = "e\u0301" * 80  # 160 code points decomposed, 80 after NFC
    assert parse_record(good(recipient__last_name=name), contract="folder").recipient.last_name == "é" * 80


@pytest.mark.parametrize(
    "value",
    [
        "2020-04-02T18:21:07Z",
        "2020-04-02T20:21:07+02:00",
        "2020-04-02T13:21:07-05:00",
        "2020-04-02T18:21:07.987Z",
        "20200402T182107Z",
        "2020-04-03T00:51:07+06:30",
    ],
)
def test_timestamps_with_offsets_become_utc(value: str) -> None:
    assert parse_record(good(received_at=value), contract="folder").received_at == "2020-04-02T18:21:07Z"


@pytest.mark.parametrize("code", ["FR", "LU", "TN", "MA", "DE", "BE", "CH", "DZ", "SS", "AX"])
def test_real_country_codes_are_accepted(code: str) -> None:
    assert parse_record(good(country=code), contract="folder").country == code


def test_country_list_is_iso_3166_1() -> None:
    assert len(COUNTRY_CODES) == 249
    assert all(len(c) == 2 and c.isupper() and c.isascii() for c in COUNTRY_CODES)
    assert {"FR", "LU", "TN", "MA", "GB", "US", "PS", "XK"} - COUNTRY_CODES == {"XK"}  # XK is user-assigned
    assert "UK" not in COUNTRY_CODES and "EU" not in COUNTRY_CODES


@pytest.mark.parametrize("tag", ["fr", "ar", "lb", "de", "fr-MA", "ar-Latn-MA", "zh-Hant-TW", "gsw"])
def test_language_tags(tag: str) -> None:
    assert parse_record(good(language=tag), contract="folder").language == tag


def test_message_keeps_newlines_and_normalises_carriage_returns() -> None:
    sub = parse_record(good(message="Ligne 1\r\nLigne 2\rLigne 3\n"), contract="folder")
    assert sub.message == "Ligne 1\nLigne 2\nLigne 3"
    assert parse_record(good(message="x" * 500), contract="folder").message == "x" * 500
    phone = parse_record(good(message="é\u2028Ligne 2\u2029Ligne 3\x85Ligne 4"), contract="folder")
    assert phone.message == "é\nLigne 2\nLigne 3\nLigne 4"  # the line breaks phones type, one "\n"
    assert parse_record(good(message="  "), contract="folder").message is None


@pytest.mark.parametrize("phone", ["+33 6 12 34 56 78", "0612345678", "+212-661-234-567", "06.12.34.56.78"])
def test_phone_only_sender_is_accepted(phone: str) -> None:
    sub = parse_record(good(sender__email=..., sender__phone=phone), contract="folder")
    assert sub.sender_phone == phone and sub.sender_email is None


@pytest.mark.parametrize("name", ["sub-000123.mp4", "vidéo de Mamie.MOV", "فيديو.webm", "clip", "a.b.c.3gp"])
def test_bare_clip_names_are_accepted_unchanged(name: str) -> None:
    assert parse_record(good(clip=name), contract="folder").clip_name == name


def test_decomposed_clip_name_is_not_normalised() -> None:
    # the name must match the file on disk byte for byte (macOS writes NFD names)
    assert parse_record(good(clip="vide\u0301o.mp4"), contract="folder").clip_name == "vide\u0301o.mp4"


def test_http_contract_clip_object() -> None:
    sub = parse_record(good(clip=dict(HTTP_CLIP), clip_sha256=..., clip_size=...), contract="http")
    assert sub.clip_url == HTTP_CLIP["url"] and sub.clip_name is None
    assert (
        sub.clip_sha256 == SHA.lower() and sub.clip_size == 2411920 and sub.clip_content_type == "video/mp4"
    )
    assert sub.raw["clip"] == HTTP_CLIP


def test_http_clip_over_plain_http_and_without_content_type() -> None:
    clip = {"url": "http://10.0.0.5:8080/c/1?sig=abc", "sha256": SHA, "size": 1}
    sub = parse_record(good(clip=clip), contract="http")
    assert sub.clip_url == clip["url"] and sub.clip_content_type is None


# --- refused --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad_id",
    [
        "../../etc",
        "a/b",
        "",
        "x" * 65,
        "sub 1",
        "sub\u0000",
        "sub\n",
        "süb-1",
        "sub-1\u202e",
        "..",
        "sub.1",
        "C:\\x",
        123,
        None,
        ["sub-1"],
        True,
    ],
)
def test_hostile_ids_are_refused(bad_id: object) -> None:
    error = refused(good(id=bad_id), "id")
    assert error.record_id is None
    if isinstance(bad_id, str) and bad_id:
        assert bad_id not in error.reason  # an invalid id is never echoed


def test_missing_id() -> None:
    refused(good(id=...), "id")


def test_valid_id_is_attached_to_later_errors() -> None:
    error = refused(good(country="France"), "country")
    assert error.record_id == "sub-000123"


@pytest.mark.parametrize("campaign", ["", "on reste", "a/b", "x" * 65, "camp\u0000", 7])
def test_bad_campaign(campaign: object) -> None:
    refused(good(campaign=campaign), "campaign")


@pytest.mark.parametrize(
    "value",
    [
        "2020-04-02T18:21:07",
        "2020-04-02",
        "02/04/2020 18:21",
        "yesterday",
        "",
        "2020-13-02T18:21:07Z",
        "2020-04-02T18:21:07+25:00",
        "２０２０-04-02T18:21:07Z",
        "2020-04-02T18:21:07Z" + " " * 50,
        "0001-01-01T00:00:00+01:00",
        1585851667,
        None,
    ],
)
def test_bad_received_at(value: object) -> None:
    refused(good(received_at=value), "received_at")


def test_bad_given_at() -> None:
    refused(good(consent__given_at="2020-04-02 18:20"), "consent.given_at")
    refused(good(consent__given_at=...), "consent.given_at")


@pytest.mark.parametrize("code", ["fr", "Fr", "FRA", "XX", "UK", "F", "", " FR", 33, None])
def test_bad_country(code: object) -> None:
    refused(good(country=code), "country")


@pytest.mark.parametrize("tag", ["french!", "f", "fr_FR", "fr-", "x" * 40, "fr-MA-" + "a" * 9, 12, ["fr"]])
def test_bad_language(tag: object) -> None:
    refused(good(language=tag), "language")


@pytest.mark.parametrize("who", ["recipient", "sender"])
@pytest.mark.parametrize("part", ["first_name", "last_name"])
@pytest.mark.parametrize(
    "value",
    [
        "",
        "   ",
        "J" * 81,
        "Jean\x07nine",  # bell
        "Jean\nnine",
        "Jean\tnine",
        "Jean\x7f",  # DEL
        "\u202eenilcaM",  # right-to-left override
        "Jean\u202a",
        "Jean\u2066nine\u2069",  # isolates
        "Jean\u2028nine",  # line separator
        "Jean\ud800",  # lone surrogate (json.loads lets it through)
        "123",
        "🌸🌸",
        12,
        None,
        {"x": 1},
        ["Jean"],
        False,
    ],
)
def test_bad_names(who: str, part: str, value: object) -> None:
    refused(good(**{f"{who}__{part}": value}), f"{who}.{part}", secret="Jean")


@pytest.mark.parametrize("who", ["recipient", "sender"])
def test_missing_names(who: str) -> None:
    refused(good(**{f"{who}__first_name": ...}), f"{who}.first_name")


@pytest.mark.parametrize("field", ["relationship", "town"])
@pytest.mark.parametrize("value", ["x" * 81, "Lil\x00le", "Lille\u202e", 5, ["Lille"]])
def test_bad_relationship_and_town(field: str, value: object) -> None:
    refused(good(**{f"recipient__{field}": value}), f"recipient.{field}")


@pytest.mark.parametrize("who", ["recipient", "sender", "consent"])
@pytest.mark.parametrize("value", [None, "Martin", [], 3])
def test_objects_must_be_objects(who: str, value: object) -> None:
    refused(good(**{who: value}), who)


def test_sender_needs_email_or_phone() -> None:
    refused(good(sender__email=..., sender__phone=...), "sender")
    refused(good(sender__email="", sender__phone="  "), "sender")


@pytest.mark.parametrize(
    "email",
    [
        "lucas",
        "lucas@",
        "@example.org",
        "lucas@example",
        "lucas@@example.org",
        "lu cas@example.org",
        "lucas@.example.org",
        "lucas@example.org.",
        "lucas@exa..mple.org",
        "lucas@ex\u202eample.org",
        "a" * 250 + "@example.org",
        42,
    ],
)
def test_bad_email(email: object) -> None:
    refused(good(sender__email=email), "sender.email", secret="lucas")


@pytest.mark.parametrize(
    "phone",
    [
        "12345",
        "+33 6 12 34 56 78 90 12 3",
        "06 12 AB 56 78",
        "++33612345678",
        "+33\n612345678",
        "٠٦١٢٣٤٥٦٧٨",
        33612345678,
    ],
)
def test_bad_phone(phone: object) -> None:
    refused(good(sender__phone=phone), "sender.phone", secret="612")


@pytest.mark.parametrize("message", ["x" * 501, "bip\x07", "tab\there", "nul\x00", "\u202espoof", 5, ["hi"]])
def test_bad_message(message: object) -> None:
    refused(good(message=message), "message")


@pytest.mark.parametrize("value", [None, "true", 1, 0, "yes"])
def test_consent_broadcast_must_be_a_boolean(value: object) -> None:
    refused(good(consent__broadcast=value), "consent.broadcast")


def test_consent_broadcast_missing() -> None:
    refused(good(consent__broadcast=...), "consent.broadcast")


@pytest.mark.parametrize(
    "name",
    [
        "../sub.mp4",
        "a/b.mp4",
        "/etc/passwd",
        "a\\b.mp4",
        "..\\..\\x.mp4",
        "..",
        ".",
        ".hidden.mp4",
        "a..b.mp4",
        "x\x00.mp4",
        "x\n.mp4",
        "x\x1b[31m.mp4",
        "clip\u202e4pm.exe",
        "é" * 128 + ".mp4",
        "C:clip.mp4",
        "NUL.mp4",
        "con",
        "COM1.txt",
        "clip.mp4 ",
        " clip.mp4",
        "clip.",
        "",
        5,
        ["a.mp4"],
        {"url": "x"},
    ],
)
def test_hostile_clip_names_are_refused(name: object) -> None:
    refused(good(clip=name), "clip")


def test_clip_is_required() -> None:
    refused(good(clip=...), "clip")
    refused(good(clip=None), "clip", contract="http")


def test_clip_name_byte_limit() -> None:
    assert parse_record(good(clip="é" * 125 + ".mp4"), contract="folder").clip_name  # 254 bytes
    refused(good(clip="é" * 126 + ".mp4"), "clip")  # 256 bytes


@pytest.mark.parametrize("sha", ["abc", "g" * 64, "a" * 65, " " + "a" * 63, 12, True])
def test_bad_clip_sha256(sha: object) -> None:
    refused(good(clip_sha256=sha), "clip_sha256")


@pytest.mark.parametrize("size", [-1, 1.5, "12", True, [1]])
def test_bad_clip_size(size: object) -> None:
    refused(good(clip_size=size), "clip_size")


def test_clip_size_zero_allowed_in_folder_contract() -> None:
    assert parse_record(good(clip_size=0), contract="folder").clip_size == 0


@pytest.mark.parametrize(
    "change,field",
    [
        ({"url": "ftp://cdn.example.org/x.mp4"}, "clip.url"),
        ({"url": "javascript:alert(1)"}, "clip.url"),
        ({"url": "https://"}, "clip.url"),
        ({"url": "https://cdn.example.org/a b.mp4"}, "clip.url"),
        ({"url": "https://cdn.example.org/\u202e.mp4"}, "clip.url"),
        ({"url": "https://cdn.example.org/" + "a" * 3000}, "clip.url"),
        ({"url": 5}, "clip.url"),
        ({"url": ...}, "clip.url"),
        ({"sha256": "xyz"}, "clip.sha256"),
        ({"sha256": ...}, "clip.sha256"),
        ({"size": 0}, "clip.size"),
        ({"size": True}, "clip.size"),
        ({"size": "12"}, "clip.size"),
        ({"size": ...}, "clip.size"),
        ({"content_type": "mp4"}, "clip.content_type"),
        ({"content_type": 4}, "clip.content_type"),
    ],
)
def test_bad_http_clip(change: dict[str, Any], field: str) -> None:
    clip = dict(HTTP_CLIP)
    for key, value in change.items():
        if value is ...:
            clip.pop(key)
        else:
            clip[key] = value
    refused(good(clip=clip), field, contract="http")


def test_contracts_do_not_mix() -> None:
    refused(good(), "clip", contract="http")  # a file name where an object is expected
    refused(good(clip=dict(HTTP_CLIP)), "clip", contract="folder")


@pytest.mark.parametrize("data", [None, [], "record", 12, [GOOD]])
def test_record_must_be_an_object(data: object) -> None:
    refused(data, "record")


# --- never a crash --------------------------------------------------------------------------------------


def _random_json(rng: random.Random, depth: int = 0) -> Any:
    kind = rng.randrange(9 if depth < 3 else 6)
    if kind == 0:
        return None
    if kind == 1:
        return rng.choice([True, False])
    if kind == 2:
        return rng.choice([0, -1, 1, 2**70, 3.5, float("1e308")])
    if kind in (3, 4, 5):
        alphabet = "aZ09-_ .:/\\@+éب🌸\u0000\u202e\n\t\ud800Tz"
        return "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 12)))
    if kind in (6, 7):
        return {
            rng.choice(["id", "url", "x", "first_name", "broadcast"]): _random_json(rng, depth + 1)
            for _ in range(rng.randrange(0, 4))
        }
    return [_random_json(rng, depth + 1) for _ in range(rng.randrange(0, 3))]


def _paths(record: dict[str, Any], prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = []
    for key, value in record.items():
        found.append((*prefix, key))
        if isinstance(value, dict):
            found.extend(_paths(value, (*prefix, key)))
    return found


@pytest.mark.parametrize("contract", ["folder", "http"])
def test_fuzz_random_values_give_record_error_or_submission(contract: str) -> None:
    rng = random.Random(20200402)
    base = good() if contract == "folder" else good(clip=dict(HTTP_CLIP))
    paths = _paths(base)
    outcomes = {"ok": 0, "refused": 0}
    for _ in range(3000):
        record = copy.deepcopy(base)
        for _ in range(rng.randrange(1, 4)):
            *parents, leaf = rng.choice(paths)
            target: Any = record
            for key in parents:
                target = target.get(key) if isinstance(target, dict) else None
            if isinstance(target, dict):
                target[leaf] = _random_json(rng)
        try:
            parse_record(record, contract=contract)  # type: ignore[arg-type]
            outcomes["ok"] += 1
        except RecordError as exc:
            assert exc.reason and exc.reason.isascii()
            outcomes["refused"] += 1
    for _ in range(500):
        with pytest.raises(RecordError):
            parse_record(_random_json(rng), contract=contract)  # type: ignore[arg-type]
    assert outcomes["refused"] > 1000 and outcomes["ok"] > 10, outcomes


# --- record files ---------------------------------------------------------------------------------------


def _write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "sub-000123.json"
    path.write_bytes(data)
    return path


def test_load_good_file(tmp_path: Path) -> None:
    path = _write(tmp_path, json.dumps(GOOD, ensure_ascii=False).encode())
    assert load_record_file(path).recipient.first_name == "Jeannine"


def test_load_file_with_bom(tmp_path: Path) -> None:
    path = _write(tmp_path, b"\xef\xbb\xbf" + json.dumps(GOOD).encode())
    assert load_record_file(path).id == "sub-000123"


@pytest.mark.parametrize(
    "payload,start",
    [
        (json.dumps(GOOD).encode()[:200], "record file: broken JSON"),
        (b"", "record file: empty"),
        (b"  \n", "record file: empty"),
        (json.dumps([GOOD]).encode(), "record: must be a JSON object"),
        (json.dumps(GOOD, ensure_ascii=False).encode("latin-1", errors="replace"), "record file: not UTF-8"),
        (json.dumps(GOOD).replace("2411920", "NaN").encode(), "record file: broken JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "record file: broken JSON"),
        (b'{"id": ' + b"9" * 5000 + b"}", "record file: broken JSON"),
        (b"\x00\x00\x00", "record file: broken JSON"),
    ],
)
def test_load_bad_files(tmp_path: Path, payload: bytes, start: str) -> None:
    with pytest.raises(RecordError) as caught:
        load_record_file(_write(tmp_path, payload))
    assert caught.value.reason.startswith(start), caught.value.reason
    assert "Jeannine" not in caught.value.reason


def test_load_too_big(tmp_path: Path) -> None:
    record = good(message="x" * 400)
    path = _write(tmp_path, json.dumps(record).encode() + b" " * 2000)
    assert load_record_file(path).id == "sub-000123"
    with pytest.raises(RecordError, match=r"^record file: larger than 1000 bytes$"):
        load_record_file(path, max_bytes=1000)


def test_missing_file_is_an_os_error_not_a_record_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        load_record_file(tmp_path / "gone.json")


def test_character_screen_matches_the_unicode_rules_for_every_code_point() -> None:
    """The one-regex screen used for speed refuses exactly what the per-character rules refuse."""
    from moderator_app.sources import record

    for allow_newlines, screen in ((False, record._SUSPECT_ONE_LINE), (True, record._SUSPECT_MULTILINE)):
        differ = []
        for code in range(0x110000):
            ch = chr(code)
            category = unicodedata.category(ch)
            refused = (
                ch in record._BIDI_CONTROLS
                or (category == "Cc" and not (allow_newlines and ch == "\n"))
                or category == "Cs"
                or (category in ("Zl", "Zp") and not allow_newlines)
            )
            if refused != (screen.search(ch) is not None):
                differ.append(hex(code))
        assert differ == [], (allow_newlines, differ[:10])


@pytest.mark.parametrize("email", ["a b@example.org", "a\u200bb@example.org", "ab@exa\u00a0mple.org", "a\tb@x.org",
                                   "a\x7fb@example.org"])
def test_email_with_a_space_or_an_invisible_character_is_refused(email: str) -> None:
    refused(good(sender__email=email), "sender.email")


def test_email_with_accents_is_accepted() -> None:
    assert parse_record(good(sender__email="zoé@exemple.fr"), contract="folder").sender_email == "zoé@exemple.fr"


# --- clip size cap (issue 15) ---------------------------------------------------------------------------


def test_http_clip_size_at_the_cap_is_accepted_and_above_it_quarantined() -> None:
    from moderator_app.sources.record import MAX_CLIP_BYTES

    at_cap = parse_record(good(clip=dict(HTTP_CLIP, size=MAX_CLIP_BYTES)), contract="http")
    assert at_cap.clip_size == 1024 * 1024 * 1024
    for size in (MAX_CLIP_BYTES + 1, 2**62, 10**400):
        error = refused(good(clip=dict(HTTP_CLIP, size=size)), "clip.size", contract="http")
        assert error.reason == "clip.size: is larger than the campaign's clip size limit (1024 MB)"


def test_clip_size_cap_follows_the_campaign_setting() -> None:
    small = 5 * 1024 * 1024
    record = good(clip=dict(HTTP_CLIP, size=small + 1))
    with pytest.raises(RecordError, match=r"limit \(5 MB\)"):
        parse_record(record, contract="http", max_clip_bytes=small)
    assert parse_record(good(clip=dict(HTTP_CLIP, size=small)), contract="http", max_clip_bytes=small).clip_size


def test_folder_declared_clip_size_has_the_same_cap() -> None:
    refused(good(clip_size=2**40), "clip_size")
