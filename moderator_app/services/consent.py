"""The consent record: which versions of the campaign's terms a sender may have accepted for a clip to air.

The record carries ``consent.terms_version`` and ``consent.given_at`` (stored as ``consent_terms`` and
``consent_given_at``). The campaign lists the terms versions it accepts (a campaign setting, like the check
thresholds). Rule, chosen so that nothing changes for a campaign that never set a list:

- no list set (or an empty one): every version is accepted, a record without a version included — the
  consent gate is then broadcast consent alone, as before;
- once a list is set: only a clip whose record names one of those versions may go into a spot; a record
  without a version is not accepted (nobody can say which terms the sender agreed to).
"""

from __future__ import annotations

from collections.abc import Sequence

from moderator_app.db.cache import Cache
from moderator_app.db.checks import load_setting, save_setting
from moderator_app.db.unit import transaction

TERMS_KEY = "accepted_terms"
MAX_VERSION_LENGTH = 64
"""The record contract's limit on ``consent.terms_version``."""


class InvalidTermsVersion(ValueError):
    """An empty, overlong or control-character terms version."""


def accepted_terms(cache: Cache) -> list[str]:
    """The terms versions the campaign accepts, in the order they were added ([] = every version)."""
    saved = load_setting(cache.db, TERMS_KEY)
    return [str(v) for v in saved] if isinstance(saved, list) else []


def terms_accepted(accepted: Sequence[str], version: str | None) -> bool:
    """Whether a clip whose record names ``version`` may air under the campaign's list ``accepted``."""
    if not accepted:
        return True
    return version is not None and version in accepted


def _valid(version: str) -> str:
    text = version.strip()
    if not text or len(text) > MAX_VERSION_LENGTH or any(ord(c) < 32 or 127 <= ord(c) < 160 for c in text):
        raise InvalidTermsVersion(f"a terms version is 1 to {MAX_VERSION_LENGTH} printable characters")
    return text


def change_terms(cache: Cache, *, accept: Sequence[str] = (), withdraw: Sequence[str] = ()) -> list[str]:
    """Add ``accept`` to the accepted versions and remove ``withdraw``; return the list as saved.

    Withdrawing a version takes the clips given under it out of the spot picker, and a saved spot holding one
    cannot be exported until the slot is refilled (the same gate as a lost broadcast consent).
    """
    adding = [_valid(v) for v in accept]
    removing = {_valid(v) for v in withdraw}
    with transaction(cache.db):
        current = accepted_terms(cache)
        for version in adding:
            if version not in current:
                current.append(version)
        current = [v for v in current if v not in removing]
        save_setting(cache.db, TERMS_KEY, current)
    return current
