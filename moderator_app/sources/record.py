"""Validation of submission records (docs/queue-contract.md), the one gate between untrusted input and the cache.

Everything here is pure: a record either becomes a :class:`~moderator_app.models.Submission` or raises
:class:`RecordError` whose reason is shown to moderators and written to the quarantine. Reasons name the
field and the rule, never the value, because values are personal data (names, emails, phones) or hostile.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, NoReturn

from moderator_app.base.plainfile import NotPlain, open_plain
from moderator_app.models import Person, Submission

Contract = Literal["folder", "http"]

NAME_MAX = 80
FREE_TEXT_MAX = 80
MESSAGE_MAX = 500
CLIP_NAME_MAX_BYTES = 255
URL_MAX = 2048
MAX_CLIP_MB = 1024
"""The default clip size cap (the campaign setting ``max_clip_mb``): a record declaring a larger
clip is quarantined before any download, and a download never writes more than the declared size."""
MAX_CLIP_BYTES = MAX_CLIP_MB * 1024 * 1024

# ISO 3166-1 alpha-2, all 249 officially assigned codes (from the iso-codes database).
_COUNTRY_TABLE = """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT
    BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH
    ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT
    HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS
    LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI
    NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG
    SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG
    UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
"""
COUNTRY_CODES: frozenset[str] = frozenset(_COUNTRY_TABLE.split())

_ID_RE = re.compile(r"[A-Za-z0-9_-]{1,64}", re.ASCII)
_LANGUAGE_RE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,6}", re.ASCII)
_SHA256_RE = re.compile(r"[0-9A-Fa-f]{64}", re.ASCII)
_PHONE_RE = re.compile(r"\+?[0-9][0-9 .\-]*", re.ASCII)
_CONTENT_TYPE_RE = re.compile(
    r"[A-Za-z0-9!#$&^_.+-]{1,64}/[A-Za-z0-9!#$&^_.+-]{1,64}(?:\s*;[ -~]*)?", re.ASCII
)
_URL_RE = re.compile(r"https?://[^\s/?#]+[^\s]*", re.ASCII | re.IGNORECASE)
# Device names Windows maps to devices whatever the extension: "NUL.mp4" opens the null device.
_WINDOWS_DEVICES = frozenset(
    ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"]
    + [f"{p}{d}" for p in ("COM", "LPT") for d in "0123456789¹²³"]
)

# Bidi embedding/override/isolate controls can make a name display as something else (spoofing).
_BIDI_CONTROLS = frozenset(chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
_BIDI_CLASS = "".join(re.escape(ch) for ch in sorted(_BIDI_CONTROLS))
# Every character _check_chars refuses, as one class (Cc is U+0000-001F and U+007F-009F, Cs the
# surrogates, Zl and Zp one character each): one regex scan instead of a Python loop per character.
_SUSPECT_ONE_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029{_BIDI_CLASS}]")
_LINE_BREAKS = re.compile("\r\n|[\r\x85\u2028\u2029]")
_SUSPECT_MULTILINE = re.compile(f"[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff{_BIDI_CLASS}]")


class RecordError(ValueError):
    """A record broke a contract rule; ``reason`` is short English fit for a moderator, free of personal data.

    ``record_id`` is set once the id itself was found valid, so the quarantine can point at the record.
    """

    def __init__(self, reason: str, record_id: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.record_id = record_id


def _fail(field: str, problem: str) -> NoReturn:
    raise RecordError(f"{field}: {problem}")


def _type_name(value: object) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false", type(None): "null"}.get(
        type(value), "a number"
    )


def _require_str(obj: Mapping[str, Any], key: str, field: str) -> str:
    if key not in obj or obj[key] is None:
        _fail(field, "is required")
    value = obj[key]
    if not isinstance(value, str):
        _fail(field, f"must be text, not {_type_name(value)}")
    return value


def _optional_str(obj: Mapping[str, Any], key: str, field: str) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        _fail(field, f"must be text, not {_type_name(value)}")
    return value


def _require_object(obj: Mapping[str, Any], key: str, field: str) -> Mapping[str, Any]:
    value = obj.get(key)
    if value is None:
        _fail(field, "is required")
    if not isinstance(value, dict):
        _fail(field, f"must be an object, not {_type_name(value)}")
    return value


def _check_chars(text: str, field: str, *, allow_newlines: bool = False) -> None:
    """Refuse characters that break display or storage: controls, bidi spoofing controls, lone surrogates."""
    if (_SUSPECT_MULTILINE if allow_newlines else _SUSPECT_ONE_LINE).search(text) is None:
        return
    for ch in text:  # something is refused: find what, to say it
        if ch in _BIDI_CONTROLS:
            _fail(field, "contains a text-direction control character")
        category = unicodedata.category(ch)
        if category == "Cc" and not (allow_newlines and ch == "\n"):
            _fail(field, "contains a control character")
        if category == "Cs":
            _fail(field, "contains an invalid character")
        if category in ("Zl", "Zp") and not allow_newlines:
            _fail(field, "contains a line break")


def _clean_text(raw: str, field: str, *, max_len: int, allow_newlines: bool = False) -> str:
    if allow_newlines:
        # Phones type paragraph breaks as CR, CRLF, NEL or the Unicode line/paragraph separators: one "\n".
        raw = _LINE_BREAKS.sub("\n", raw)
    _check_chars(raw, field, allow_newlines=allow_newlines)
    text = unicodedata.normalize("NFC", raw).strip()
    if len(text) > max_len:
        _fail(field, f"is longer than {max_len} characters")
    return text


def _name(obj: Mapping[str, Any], key: str, field: str) -> str:
    text = _clean_text(_require_str(obj, key, field), field, max_len=NAME_MAX)
    if not text:
        _fail(field, "is empty")
    if not any(unicodedata.category(ch).startswith("L") for ch in text):
        _fail(field, "contains no letter")
    return text


def _free_text(
    obj: Mapping[str, Any], key: str, field: str, max_len: int, newlines: bool = False
) -> str | None:
    raw = _optional_str(obj, key, field)
    if raw is None:
        return None
    return _clean_text(raw, field, max_len=max_len, allow_newlines=newlines) or None


def _identifier(obj: Mapping[str, Any], key: str) -> str:
    value = _require_str(obj, key, key)
    if not _ID_RE.fullmatch(value):
        _fail(key, "must be 1-64 characters among A-Z a-z 0-9 _ -")
    return value


def _timestamp(obj: Mapping[str, Any], key: str, field: str) -> str:
    """Parse ISO 8601 with an explicit offset and normalise to UTC, so sorting strings sorts instants."""
    value = _require_str(obj, key, field)
    problem = "must be an ISO 8601 date-time with an offset or Z"
    if len(value) > 40 or not value.isascii() or "T" not in value:
        _fail(field, problem)
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        _fail(field, problem)
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        _fail(field, problem)
    try:
        utc = parsed.astimezone(UTC)
    except OverflowError:
        _fail(field, "is out of range")
    return utc.strftime("%Y-%m-%dT%H:%M:%SZ")


def _country(obj: Mapping[str, Any]) -> str:
    value = _require_str(obj, "country", "country")
    if value not in COUNTRY_CODES:
        _fail("country", "must be an ISO 3166-1 alpha-2 code in capitals, such as FR")
    return value


def _language(obj: Mapping[str, Any]) -> str | None:
    value = _optional_str(obj, "language", "language")
    if value is None or value == "":
        return None
    if len(value) > 35 or not _LANGUAGE_RE.fullmatch(value):
        _fail("language", "must be a language tag such as fr, ar or fr-MA")
    return value


def _email(sender: Mapping[str, Any]) -> str | None:
    value = _optional_str(sender, "email", "sender.email")
    if value is None or not value.strip():
        return None
    value = value.strip()
    local, at, domain = value.partition("@")
    valid = (
        len(value) <= 254
        and at == "@"
        and local
        and "@" not in domain
        and "." in domain
        and not domain.startswith(".")
        and not domain.endswith(".")
        and ".." not in domain
        and _no_space_or_control(value)
    )
    if not valid:
        _fail("sender.email", "is not a valid email address")
    return value


def _no_space_or_control(value: str) -> bool:
    if value.isascii():  # printable ASCII holds no control or format character; only the space remains
        return value.isprintable() and " " not in value
    return not any(ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Cs") for ch in value)


def _phone(sender: Mapping[str, Any]) -> str | None:
    value = _optional_str(sender, "phone", "sender.phone")
    if value is None or not value.strip():
        return None
    value = value.strip()
    digits = sum(ch.isdigit() for ch in value)
    if len(value) > 32 or not _PHONE_RE.fullmatch(value) or not 6 <= digits <= 15:
        _fail("sender.phone", "must be 6-15 digits, optionally starting with +")
    return value


def _sha256(value: object, field: str) -> str:
    if not isinstance(value, str) or not _SHA256_RE.fullmatch(value):
        _fail(field, "must be 64 hexadecimal characters")
    return value.lower()


def _size(value: object, field: str, minimum: int, maximum: int) -> int:
    # bool is an int in Python; a JSON true is not a size.
    if isinstance(value, bool) or not isinstance(value, int):
        _fail(field, "must be a whole number")
    if value < minimum:
        _fail(field, f"must be at least {minimum}")
    if value > maximum:
        _fail(field, f"is larger than the campaign's clip size limit ({_megabytes(maximum)})")
    return value


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"


def check_clip_name(value: object, field: str = "clip") -> str:
    """A bare, portable file name that cannot reach outside the inbox folder on any OS.

    The name is not normalised: it must match the file on disk byte for byte.
    """
    if not isinstance(value, str):
        _fail(field, f"must be a file name, not {_type_name(value)}")
    if not value:
        _fail(field, "is empty")
    if any(bad in value for bad in ("/", "\\", "..", ":", "\x00")) or value.startswith("."):
        _fail(field, "must be a bare file name in the same folder")
    _check_chars(value, field)
    if len(value.encode("utf-8")) > CLIP_NAME_MAX_BYTES:
        _fail(field, f"is longer than {CLIP_NAME_MAX_BYTES} bytes")
    if value != value.strip() or value.endswith("."):
        _fail(field, "must not start or end with a space or end with a dot")
    if value.split(".")[0].upper() in _WINDOWS_DEVICES:
        _fail(field, "is a reserved device name")
    return value


def _http_clip(clip: Mapping[str, Any], max_clip_bytes: int) -> tuple[str, str, int, str | None]:
    url = _require_str(clip, "url", "clip.url")
    if len(url) > URL_MAX or not _URL_RE.fullmatch(url):
        _fail("clip.url", "must be an http:// or https:// address")
    _check_chars(url, "clip.url")
    if "sha256" not in clip:
        _fail("clip.sha256", "is required")
    sha = _sha256(clip["sha256"], "clip.sha256")
    if "size" not in clip:
        _fail("clip.size", "is required")
    size = _size(clip["size"], "clip.size", minimum=1, maximum=max_clip_bytes)
    content_type = _optional_str(clip, "content_type", "clip.content_type")
    if content_type is not None and not _CONTENT_TYPE_RE.fullmatch(content_type):
        _fail("clip.content_type", "must be a media type such as video/mp4")
    return url, sha, size, content_type


def parse_record(data: object, *, contract: Contract, max_clip_bytes: int = MAX_CLIP_BYTES) -> Submission:
    """Validate one record as received from the inbox folder or the HTTP API.

    Raises RecordError for any broken rule, including values of the wrong JSON type.
    ``max_clip_bytes``: the campaign's clip size cap; a declared clip size above it is refused.
    """
    if not isinstance(data, dict):
        raise RecordError(f"record: must be a JSON object, not {_type_name(data)}")
    record_id = _identifier(data, "id")
    try:
        return _parse_checked(data, record_id, contract, max_clip_bytes)
    except RecordError as exc:
        raise RecordError(exc.reason, record_id) from None


def _parse_checked(data: dict[str, Any], record_id: str, contract: Contract, max_clip_bytes: int) -> Submission:
    campaign = _identifier(data, "campaign")
    received_at = _timestamp(data, "received_at", "received_at")
    country = _country(data)
    language = _language(data)

    recipient = _require_object(data, "recipient", "recipient")
    recipient_person = Person(
        _name(recipient, "first_name", "recipient.first_name"),
        _name(recipient, "last_name", "recipient.last_name"),
    )
    relationship = _free_text(recipient, "relationship", "recipient.relationship", FREE_TEXT_MAX)
    town = _free_text(recipient, "town", "recipient.town", FREE_TEXT_MAX)

    sender = _require_object(data, "sender", "sender")
    sender_person = Person(
        _name(sender, "first_name", "sender.first_name"),
        _name(sender, "last_name", "sender.last_name"),
    )
    email = _email(sender)
    phone = _phone(sender)
    if email is None and phone is None:
        _fail("sender", "needs an email or a phone number")

    message = _free_text(data, "message", "message", MESSAGE_MAX, newlines=True)

    consent = _require_object(data, "consent", "consent")
    broadcast = consent.get("broadcast")
    if broadcast is None:
        _fail("consent.broadcast", "is required")
    if not isinstance(broadcast, bool):
        _fail("consent.broadcast", "must be true or false")
    terms_version = _free_text(consent, "terms_version", "consent.terms_version", 64)
    given_at = _timestamp(consent, "given_at", "consent.given_at")

    clip_name: str | None = None
    clip_url: str | None = None
    clip_sha: str | None = None
    clip_size: int | None = None
    content_type: str | None = None
    if "clip" not in data or data["clip"] is None:
        _fail("clip", "is required")
    if contract == "folder":
        clip_name = check_clip_name(data["clip"])
        if data.get("clip_sha256") is not None:
            clip_sha = _sha256(data["clip_sha256"], "clip_sha256")
        if data.get("clip_size") is not None:
            clip_size = _size(data["clip_size"], "clip_size", minimum=0, maximum=max_clip_bytes)
    elif contract == "http":
        clip = data["clip"]
        if not isinstance(clip, dict):
            _fail("clip", f"must be an object with url, sha256 and size, not {_type_name(clip)}")
        clip_url, clip_sha, clip_size, content_type = _http_clip(clip, max_clip_bytes)
    else:
        raise ValueError(f"unknown contract {contract!r}")

    return Submission(
        id=record_id,
        campaign=campaign,
        received_at=received_at,
        country=country,
        recipient=recipient_person,
        sender=sender_person,
        consent_broadcast=broadcast,
        consent_given_at=given_at,
        language=language,
        relationship=relationship,
        town=town,
        sender_email=email,
        sender_phone=phone,
        message=message,
        consent_terms_version=terms_version,
        clip_name=clip_name,
        clip_url=clip_url,
        clip_sha256=clip_sha,
        clip_size=clip_size,
        clip_content_type=content_type,
        raw=dict(data),
    )


def _refuse_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not JSON")


def load_record_file(path: Path, max_bytes: int = 1_000_000) -> Submission:
    """Read and validate one ``*.json`` record of the inbox folder.

    OSError (file vanished, unreadable) propagates: the caller decides whether to retry on the next sync.
    The file is opened as a hostile one: a link is not followed (it could name another campaign's record)
    and a FIFO or a device is refused without blocking or reading it.
    """
    try:
        fd, _ = open_plain(path)
    except NotPlain as refused:
        raise RecordError("record file: a link, not a file" if refused.link
                          else "record file: not a regular file (a pipe, a device or a folder)") from None
    with os.fdopen(fd, "rb") as handle:
        payload = handle.read(max_bytes + 1)
    if len(payload) > max_bytes:
        raise RecordError(f"record file: larger than {max_bytes} bytes")
    if not payload.strip():
        raise RecordError("record file: empty")
    try:
        text = payload.decode("utf-8-sig")  # tolerate the BOM some Windows editors write
    except UnicodeDecodeError:
        raise RecordError("record file: not UTF-8 text") from None
    try:
        data = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise RecordError(f"record file: broken JSON at line {exc.lineno} column {exc.colno}") from None
    except (ValueError, RecursionError):
        raise RecordError("record file: broken JSON") from None
    return parse_record(data, contract="folder")
