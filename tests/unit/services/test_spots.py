"""Spot service over a real cache: records synced from an inbox, real clips, real decisions, real export."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from moderator_app.db import decisions
from moderator_app.db.cache import Cache
from moderator_app.db.decisions import UnknownSubmission
from moderator_app.demo.synth import make_clip
from moderator_app.services import checks as checking
from moderator_app.services.spots import (
    Blocked,
    ClipState,
    SpotService,
    airing_problems,
    apply_clip_states,
    blocked,
    is_exact,
    template_from_dict,
    template_to_dict,
)
from moderator_app.sources.inbox.sync import sync_inbox
from moderator_app.spot import ClipNotAllowed, ClipTooShort, Spot, export_spot, get_preset
from moderator_app.spot.errors import ClipAlreadyPlaced
from moderator_app.spot.titles import DrawtextTitleRenderer, TitleRequest
from tests.conftest import age_files

# id, country, recipient first, sender first, seconds, broadcast consent
SPOT_SUBMISSIONS: tuple[tuple[str, str, str, str, float, bool], ...] = (
    ("sub-900001", "FR", "Hélène", "Lucas", 10.0, True),
    ("sub-900002", "MA", "فاطمة", "يوسف", 10.0, True),
    ("sub-900003", "LU", "Françoise", "Chloé", 10.0, True),
    ("sub-900004", "FR", "Aïcha", "Mehdi", 10.0, False),
    ("sub-900005", "FR", "Amélie", "Maël", 4.0, True),
)
LONG_IDS = ["sub-900001", "sub-900002", "sub-900003"]
LANGUAGES = {"sub-900001": "fr-FR", "sub-900002": "ar-MA"}
"""The submissions' languages (BCP 47); the others say none: the campaign's default wording."""


def make_spot_inbox(folder: Path) -> Path:
    """An inbox (contract 1) of clips long enough for a 30 s spot, plus one without consent and a short one."""
    folder.mkdir(parents=True, exist_ok=True)
    for i, (sid, country, recipient, sender, seconds, consent) in enumerate(SPOT_SUBMISSIONS):
        clip = make_clip(folder / f"{sid}.mp4", duration=seconds, width=320, height=240, audio="speech", pattern=i)
        data = clip.read_bytes()
        record = {
            "id": sid,
            "received_at": f"2020-04-0{i + 1}T10:00:00Z",
            "campaign": f"onresteensemble-{country.lower()}",
            "country": country,
            "recipient": {"first_name": recipient, "last_name": "Test"},
            "sender": {"first_name": sender, "last_name": "Test", "email": "x@example.org"},
            "message": "Un message",
            **({"language": LANGUAGES[sid]} if sid in LANGUAGES else {}),
            "consent": {"broadcast": consent, "terms_version": "2020-03", "given_at": "2020-04-01T09:59:00Z"},
            "clip": clip.name,
            "clip_sha256": hashlib.sha256(data).hexdigest(),
            "clip_size": len(data),
        }
        (folder / f"{sid}.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    return folder


def fill_cache(cache: Cache, template: Path, workdir: Path, approve: list[str]) -> None:
    """Copy the inbox, sync it into ``cache`` and approve ``approve`` (as a moderator would)."""
    inbox = workdir / "spot-inbox"
    shutil.copytree(template, inbox)
    age_files(inbox)
    report = sync_inbox(cache.db, cache.data_dir, inbox)
    assert sorted(report.added) == sorted(s[0] for s in SPOT_SUBMISSIONS), report
    for sid in approve:
        decisions.record_decision(cache.db, sid, "approved", moderator="test")


@pytest.fixture(scope="session")
def spot_inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_spot_inbox(tmp_path_factory.mktemp("spot-inbox") / "inbox")


@pytest.fixture
def service(cache: Cache, spot_inbox: Path, tmp_path: Path) -> Iterator[SpotService]:
    fill_cache(cache, spot_inbox, tmp_path, [*LONG_IDS, "sub-900004", "sub-900005"])
    yield SpotService(cache)


def test_candidates_are_approved_clips_with_consent_filtered_like_the_queue(service: SpotService) -> None:
    ids = [c.clip.submission_id for c in service.candidates()]
    assert sorted(ids) == sorted([*LONG_IDS, "sub-900005"]), "no consent: never offered"
    assert ids[0] == "sub-900005", "newest first"
    assert [c.clip.submission_id for c in service.candidates(country="MA")] == ["sub-900002"]
    assert [c.clip.submission_id for c in service.candidates(search="hélène")] == ["sub-900001"]
    first = next(c for c in service.candidates() if c.clip.submission_id == "sub-900001")
    assert first.clip.path.is_file() and first.clip.approved and first.clip.consent_broadcast
    assert abs(first.clip.duration_s - 10.0) < 0.1
    assert first.findings is None, "not checked yet"
    assert service.candidates(without_findings=True) == [], "not checked is not clean"
    decisions.record_decision(service.cache.db, "sub-900003", "rejected", moderator="test")
    assert "sub-900003" not in [c.clip.submission_id for c in service.candidates()]


def test_candidates_filter_by_check_findings(service: SpotService) -> None:
    checking.check_cached(service.cache, workers=2)
    every = {c.clip.submission_id: c.findings for c in service.candidates()}
    assert all(f is not None for f in every.values())
    clean = [c.clip.submission_id for c in service.candidates(without_findings=True)]
    assert sorted(clean) == sorted(sid for sid, f in every.items() if f == ())
    codes = service.finding_codes()
    for code in codes:
        with_code = [c.clip.submission_id for c in service.candidates(finding=code)]
        assert sorted(with_code) == sorted(sid for sid, f in every.items() if f and code in f)
    assert codes or clean, "either some clips are clean or some have findings to filter on"


def test_build_spot_is_exact_and_refuses_what_may_not_air(service: SpotService) -> None:
    spot = service.build_spot(LONG_IDS, 30, "spot-a")
    assert spot.total_frames == 750
    assert spot.validate()[-1].end_frame == 750
    assert spot.placements[0] is not None and spot.placements[0].title == "Pour Hélène — de Lucas"
    assert service.build_spot(LONG_IDS[:2], 10).total_frames == 250
    with pytest.raises(UnknownSubmission):
        service.build_spot(["sub-900001", "sub-nope"], 30)
    with pytest.raises(ClipNotAllowed, match="consent"):
        service.build_spot(["sub-900001", "sub-900004"], 30)
    with pytest.raises(ClipTooShort, match=r"23\.00 s \(575 frames\) missing"):
        service.build_spot(["sub-900005"], 45)  # 4 s for 40 s of message time: the cards hold 13 s at most
    with pytest.raises(ValueError, match="spot id"):
        service.build_spot(LONG_IDS, 30, "../evil")
    with pytest.raises(ClipAlreadyPlaced, match="already in slot 1"):  # the CLI cannot place a clip twice
        service.build_spot(["sub-900001", "sub-900002", "sub-900001"], 30)


def test_saved_spot_round_trips_and_is_marked_when_a_clip_loses_approval(service: SpotService) -> None:
    spot = service.build_spot(LONG_IDS, 30, "spot-b")
    spot.set_title(1, "Pour Mamie — de Youssef")
    service.save(spot)
    assert template_from_dict(template_to_dict(spot.template)) == spot.template
    loaded = service.load("spot-b")
    assert loaded is not None
    assert [(p.clip.submission_id, p.in_frame, p.out_frame, p.title) for p in loaded.placements if p] == [
        (p.clip.submission_id, p.in_frame, p.out_frame, p.title) for p in spot.placements if p
    ]
    assert loaded.validate()[-1].end_frame == 750
    assert service.attention() == []
    assert service.saved_ids() == ["spot-b"]

    decisions.record_decision(service.cache.db, "sub-900002", "rejected", moderator="test")
    marks = service.attention()
    assert [(a.spot_id, a.slot, a.submission_id, a.reason) for a in marks] == [
        ("spot-b", 1, "sub-900002", "not_approved")
    ]
    service.cache.db.execute("UPDATE submissions SET consent_broadcast = 0 WHERE id = 'sub-900003'")
    assert [(a.slot, a.reason) for a in service.attention("spot-b")] == [(1, "not_approved"), (2, "no_consent")]
    reloaded = service.load("spot-b")
    assert reloaded is not None and reloaded.placements[1] is not None
    assert not reloaded.placements[1].clip.approved, "kept in its slot so the editor can say why"

    service.save(service.build_spot(["sub-900001"], 10, "spot-c"))
    assert {a.spot_id for a in service.attention()} == {"spot-b"}
    service.delete("spot-b")
    assert service.attention() == [] and service.saved_ids() == ["spot-c"]


def test_a_short_message_fills_the_spot_and_the_slack_is_saved_with_it(service: SpotService) -> None:
    spot = service.build_spot(["sub-900001", "sub-900005"], 30, "spot-short")
    assert spot.total_frames == 750 and spot.slack.total == 625 - 350
    short = spot.placements[1]
    assert short is not None and (short.in_frame, short.out_frame) == (0, 100), "the 4 s message whole"
    service.save(spot)
    loaded = service.load("spot-short")
    assert loaded is not None and loaded.slack == spot.slack
    assert [(s.kind, s.start_frame, s.frames) for s in loaded.validate()] == [
        (s.kind, s.start_frame, s.frames) for s in spot.validate()
    ]


def test_each_message_gets_the_wording_of_its_submissions_language(service: SpotService, tmp_path: Path) -> None:
    spot = service.build_spot(LONG_IDS, 10, "spot-lang")
    titles = [p.title for p in spot.placements if p is not None]
    assert titles == ["Pour Hélène — de Lucas", "إلى فاطمة — من يوسف", "Pour Françoise — de Chloé"]
    drawn: list[str] = []

    def recording(request: TitleRequest, out: Path) -> None:  # the real renderer; the texts it was asked for
        drawn.extend(line.text for line in request.lines)
        DrawtextTitleRenderer()(request, out)

    result = export_spot(spot, get_preset("preview"), tmp_path / "spot-lang.mp4", title_renderer=recording, draft=True)
    assert result.measurements.frames == 250
    assert "إلى فاطمة — من يوسف" in drawn and "Pour فاطمة — de يوسف" not in drawn


def test_a_built_spot_exports_to_its_exact_length(service: SpotService, tmp_path: Path) -> None:
    spot = service.build_spot(LONG_IDS, 10, "spot-d")
    result = export_spot(spot, get_preset("preview"), tmp_path / "out" / "spot-d.mp4",
                         title_renderer=DrawtextTitleRenderer(), draft=True)
    assert result.measurements.frames == 250
    assert result.report.to_dict()["rules"], "every preset rule is reported"
    frames_rule = next(r for r in result.report.rules if r.name == "frames")
    assert frames_rule.passed


def test_spots_take_the_campaigns_brand_and_a_broken_one_falls_back_visibly(service: SpotService) -> None:
    folder = service.cache.data_dir / "brand"
    folder.mkdir()
    (folder / "brand.json").write_text(
        json.dumps({"lower_third": "À {recipient}, de la part de {sender}", "accent": "#3366FF"}), encoding="utf-8"
    )
    try:
        branded = SpotService(service.cache)
        spot = branded.build_spot(LONG_IDS)
        assert spot.template.brand.accent == "#3366FF" and branded.brand_error is None
        first = spot.placements[0]
        assert first is not None and first.title.startswith("À ") and ", de la part de " in first.title
        branded.save(spot)
        loaded = branded.load(spot.spot_id)
        assert loaded is not None and loaded.template.brand == spot.template.brand

        (folder / "brand.json").write_text('{"accent": "blue"}', encoding="utf-8")
        broken = SpotService(service.cache)
        assert broken.build_spot(LONG_IDS).template.brand.accent == "#F2B134"  # the neutral default
        assert broken.brand_error is not None and "accent" in broken.brand_error
    finally:
        shutil.rmtree(folder)


def test_what_blocks_a_preview_or_an_export_in_the_order_the_editor_says_it(service: SpotService) -> None:
    spot = Spot(service.template(30), "spot-e")
    assert blocked(spot) == Blocked("empty_slot", 0) and not is_exact(spot)
    for slot, sid in enumerate(LONG_IDS):
        spot.place(slot, service.clip(sid))
    assert blocked(spot) == Blocked("not_exact"), "three whole 10 s clips overrun 30 s"
    spot.fit()
    assert blocked(spot) is None and is_exact(spot)
    spot.trim(1, 0, 10)
    assert blocked(spot) == Blocked("not_exact")
    spot.fit()
    spot.clear(2)
    assert blocked(spot) == Blocked("empty_slot", 2)
    with pytest.raises(ClipNotAllowed):
        spot.place(2, service.clip("sub-900004"))  # the spot itself refuses a clip without consent


def test_a_clip_that_loses_approval_after_it_was_placed_blocks_an_unsaved_spot(service: SpotService) -> None:
    spot = service.build_spot(LONG_IDS, 30, "spot-f")
    states = service.clip_states(spot.placements)
    assert states == [ClipState(0, True, True), ClipState(1, True, True), ClipState(2, True, True)]
    apply_clip_states(spot, states)
    assert airing_problems(spot) == [] and blocked(spot) is None

    decisions.record_decision(service.cache.db, "sub-900002", "rejected", moderator="test")
    service.cache.db.execute("UPDATE submissions SET consent_broadcast = 0 WHERE id = 'sub-900003'")
    assert service.attention("spot-f") == [], "never saved: no marks in the cache"
    states = service.clip_states(spot.placements)
    assert states[1:] == [ClipState(1, False, True), ClipState(2, True, False)]
    apply_clip_states(spot, states)
    assert [(a.slot, a.submission_id, a.reason) for a in airing_problems(spot)] == [
        (1, "sub-900002", "not_approved"), (2, "sub-900003", "no_consent")
    ]
    reason = blocked(spot)
    assert reason is not None and reason.kind == "not_allowed" and reason.slot == 1 and "sub-900002" in reason.detail
    placed = spot.placements[1]
    assert placed is not None and placed.in_frame > 0, "the trim is kept: only the clip's state changed"

    service.cache.db.execute("DELETE FROM clips WHERE submission_id = 'sub-900001'")
    assert service.clip_states(spot.placements)[0] == ClipState(0, False, False), "gone from the cache: off air"


def test_deliveries_go_to_the_campaigns_spots_folder(service: SpotService) -> None:
    assert service.export_folder == service.cache.data_dir / "spots"


def test_the_proposed_export_folder_is_private_in_a_shared_data_folder(tmp_path: Path) -> None:
    """Masters show private people's faces: the app's own delivery folder is 700 even when the data folder
    the user named is shared (755), which keeps its mode."""
    import os
    import stat

    from moderator_app.services.spots import SpotService
    from moderator_app.services.store import open_cache

    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o755)
    cache = open_cache(shared)
    try:
        folder = SpotService(cache).export_folder
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert stat.S_IMODE(shared.stat().st_mode) == 0o755
    finally:
        cache.close()
