"""The consent terms gate over a real cache: synced records, real clips, real decisions, saved spots."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from moderator_app.db.cache import Cache
from moderator_app.services import consent
from moderator_app.services.review import ReviewService
from moderator_app.services.spots import SpotService, airing_problems, apply_clip_states, blocked
from moderator_app.spot import ClipNotAllowed, Spot
from tests.unit.services.test_spots import LONG_IDS, fill_cache, make_spot_inbox


@pytest.fixture(scope="module")
def terms_inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_spot_inbox(tmp_path_factory.mktemp("terms-inbox") / "inbox")  # records say terms 2020-03


@pytest.fixture
def service(cache: Cache, terms_inbox: Path, tmp_path: Path) -> Iterator[SpotService]:
    fill_cache(cache, terms_inbox, tmp_path, LONG_IDS)
    yield SpotService(cache)


def test_every_version_is_accepted_until_the_campaign_lists_some() -> None:
    assert consent.terms_accepted([], "2020-03") and consent.terms_accepted([], None)
    assert consent.terms_accepted(["2020-03"], "2020-03")
    assert not consent.terms_accepted(["2021-01"], "2020-03")
    assert not consent.terms_accepted(["2021-01"], None), "no version named: nobody knows what was agreed"


def test_the_list_is_a_campaign_setting(cache: Cache) -> None:
    assert consent.accepted_terms(cache) == []
    assert consent.change_terms(cache, accept=["2020-03", " 2021-01 ", "2020-03"]) == ["2020-03", "2021-01"]
    assert consent.change_terms(cache, withdraw=["2020-03"]) == ["2021-01"] == consent.accepted_terms(cache)
    for bad in ("", " ", "x" * 65, "2020\x1b[2J"):
        with pytest.raises(consent.InvalidTermsVersion):
            consent.change_terms(cache, accept=[bad])
    assert consent.accepted_terms(Cache(cache.data_dir)) == ["2021-01"], "kept in the cache"


def test_a_clip_under_terms_not_accepted_cannot_go_into_a_spot(service: SpotService) -> None:
    cache = service.cache
    assert sorted(c.clip.submission_id for c in service.candidates()) == sorted(LONG_IDS)
    spot = service.build_spot(LONG_IDS, 30, "spot-a")
    service.save(spot)
    assert blocked(spot) is None

    consent.change_terms(cache, accept=["2021-01"])
    assert service.candidates() == [], "the picker no longer offers them"
    clip = service.clip(LONG_IDS[0])
    assert clip.terms_version == "2020-03" and not clip.terms_accepted and not clip.may_air
    with pytest.raises(ClipNotAllowed) as refused:
        service.build_spot(LONG_IDS, 30, "spot-b")
    assert "terms version 2020-03" in str(refused.value) and "does not accept" in str(refused.value)
    with pytest.raises(ClipNotAllowed):
        Spot(service.template(30, slots=1), "spot-c").place(0, clip)

    assert [(a.slot, a.reason) for a in service.attention("spot-a")] == [
        (0, "terms_not_accepted"), (1, "terms_not_accepted"), (2, "terms_not_accepted")]
    apply_clip_states(spot, service.clip_states(spot.placements))
    assert [a.reason for a in airing_problems(spot)] == ["terms_not_accepted"] * 3
    reason = blocked(spot)
    assert reason is not None and reason.kind == "not_allowed" and "terms version 2020-03" in reason.detail

    consent.change_terms(cache, accept=["2020-03"])
    assert service.attention("spot-a") == []
    apply_clip_states(spot, service.clip_states(spot.placements))
    assert blocked(spot) is None and len(service.candidates()) == 3


def test_the_details_say_whether_the_terms_are_accepted(service: SpotService) -> None:
    review = ReviewService(service.cache, "alice")
    sub = review.details(LONG_IDS[0])
    assert sub is not None and sub["consent_terms"] == "2020-03" and sub["terms_accepted"] is True
    assert sub["consent_given_at"] == "2020-04-01T09:59:00Z"
    consent.change_terms(service.cache, accept=["2021-01"])
    assert review.details(LONG_IDS[0])["terms_accepted"] is False  # type: ignore[index]
