"""``spot render-all``, ``spot export --spot``, ``spot list`` and ``spot auto`` over a real cache with real
clips, real ffmpeg and the real command line (subprocesses, one of them killed mid-batch)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from moderator_app.db.cache import Cache
from moderator_app.services.assembly import AssemblyService
from moderator_app.services.batch import render_all
from moderator_app.services.spots import SpotService, template_from_dict, template_to_dict
from moderator_app.spot import get_preset, measure_file
from moderator_app.spot.cuesheet import cue_json, cues
from moderator_app.spot.titles import DrawtextTitleRenderer
from tests.unit.services.test_spots import LONG_IDS, fill_cache, make_spot_inbox

PRESET = "preview"  # the cheapest real render: same timeline, titles and sound as a delivery
REPO = Path(__file__).resolve().parents[3]


def cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "moderator_app", "--data-dir", str(data_dir), *args],
                          check=False, capture_output=True, text=True, env=env, timeout=600)


def popen(data_dir: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen([sys.executable, "-m", "moderator_app", "--data-dir", str(data_dir), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


@pytest.fixture(scope="module")
def spot_inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_spot_inbox(tmp_path_factory.mktemp("spot-inbox") / "inbox")


@pytest.fixture
def service(cache: Cache, spot_inbox: Path, tmp_path: Path) -> Iterator[SpotService]:
    fill_cache(cache, spot_inbox, tmp_path, LONG_IDS)
    yield SpotService(cache)


def save_spots(service: SpotService, count: int) -> list[str]:
    """Editor spots of the three long clips in turning orders (the editor may reuse a clip)."""
    ids = []
    for n in range(count):
        order = LONG_IDS[n % 3:] + LONG_IDS[:n % 3]
        service.save(service.build_spot(order, 30, f"s{n:02d}"))
        ids.append(f"s{n:02d}")
    return ids


def test_render_all_renders_what_is_missing_with_campaign_sheets(service: SpotService, tmp_path: Path) -> None:
    ids = save_spots(service, 3)
    out = tmp_path / "out"
    preset = get_preset(PRESET)
    seen = []
    first = render_all(service, preset, out, title_renderer=DrawtextTitleRenderer(), progress=seen.append)
    assert [r["spot_id"] for r in first.rendered] == ids and first.failed == [] and first.skipped == []
    assert all(r["passed"] and Path(r["file"]).is_file() for r in first.rendered)
    assert seen[-1].done == seen[-1].total == 3 and seen[-1].fraction == pytest.approx(1.0)
    assert first.card_hits >= 4, "intro and outro drawn once, then taken from the cache"
    for sid in ids:
        for suffix in (".report.json", ".cues.csv", ".cues.json"):
            assert (out / f"{sid}_{PRESET}{suffix}").is_file()
    assert first.campaign_csv is not None and first.campaign_json is not None
    sheet = json.loads(first.campaign_json.read_text(encoding="utf-8"))
    assert [s["spot_id"] for s in sheet["spots"]] == ids and all(len(s["cues"]) == 3 for s in sheet["spots"])
    lines = first.campaign_csv.read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 1 + 9 and lines[0].startswith('"spot_id","file","passed","slot"')
    states = {s.spot_id: s.state for s in AssemblyService(service).summaries()}
    assert states == dict.fromkeys(ids, "verified")

    again = render_all(service, preset, out, title_renderer=DrawtextTitleRenderer())
    assert again.rendered == [] and again.skipped == ids

    spot = service.load("s01")
    assert spot is not None
    spot.set_title(0, "Pour Mamie")
    service.save(spot)  # an edit after rendering: planned again, rendered again, alone
    assert AssemblyService(service).summary("s01").state == "planned"
    third = render_all(service, preset, out, title_renderer=DrawtextTitleRenderer())
    assert [r["spot_id"] for r in third.rendered] == ["s01"] and third.skipped == ["s00", "s02"]


def test_a_spot_that_may_no_longer_air_fails_by_rule(service: SpotService, tmp_path: Path) -> None:
    from moderator_app.db import decisions

    save_spots(service, 2)
    decisions.record_decision(service.cache.db, LONG_IDS[1], "rejected", moderator="t")
    result = render_all(service, get_preset(PRESET), tmp_path / "out", title_renderer=DrawtextTitleRenderer())
    assert result.rendered == []
    assert [(f["spot_id"], f["reason"].split(":")[0]) for f in result.failed] == [
        ("s00", "not_approved"), ("s01", "not_approved")]
    assert not result.passed


def test_render_all_resumes_after_sigkill(service: SpotService, tmp_path: Path) -> None:
    ids = save_spots(service, 3)
    data, out = service.cache.data_dir, tmp_path / "out"
    proc = popen(data, "spot", "render-all", "--preset", PRESET, "--out", str(out), "--workers", "1", "--json")
    deadline = time.monotonic() + 300
    recorded: list[str] = []
    try:
        while not recorded:
            assert time.monotonic() < deadline, "no spot rendered in time"
            with pytest.raises(subprocess.TimeoutExpired):
                proc.wait(timeout=0.05)  # still running: it must be killed mid-batch, not finish
            recorded = [r[0] for r in service.cache.db.execute("SELECT spot_id FROM spot_renders").fetchall()]
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert recorded == ["s00"]
    finals = [p for p in out.iterdir() if not p.name.startswith(".") and p.suffix == ".mp4"]
    for master in finals:  # whatever carries a final name is complete
        assert measure_file(master).frames == 750
    resumed = cli(data, "spot", "render-all", "--preset", PRESET, "--out", str(out), "--json")
    assert resumed.returncode == 0, resumed.stderr
    doc = json.loads(resumed.stdout)
    assert set(doc) == {"rendered", "failed", "skipped"}
    assert doc["skipped"] == ["s00"] and [r["spot_id"] for r in doc["rendered"]] == ids[1:]
    assert all(set(r) == {"spot_id", "file", "passed"} and r["passed"] for r in doc["rendered"])
    leftovers = [p.name for p in out.iterdir() if ".part" in p.name or p.name.startswith("spot-render-")]
    assert leftovers == []
    assert sorted(p.name for p in out.glob("*.mp4")) == [f"{sid}_{PRESET}.mp4" for sid in ids]


def test_saved_spot_export_equals_the_editor_timeline(service: SpotService, tmp_path: Path) -> None:
    template = template_from_dict({**template_to_dict(service.template(30)), "transition": "dissolve"})
    spot = service.build_spot(LONG_IDS, 30, "edited").with_template(template)
    spot.fit()
    spot.trim(1, spot.placements[1].in_frame + 5, spot.placements[1].out_frame + 5)  # type: ignore[union-attr]
    spot.set_title(2, "Pour toi, Chloé")
    spot.validate()
    service.save(spot)
    out = tmp_path / "edited.mp4"
    proc = cli(service.cache.data_dir, "spot", "export", "--spot", "edited", "--preset", PRESET, "--out", str(out),
               "--json")
    assert proc.returncode == 0, proc.stderr
    assert measure_file(out).frames == spot.template.total_frames == 750
    assert json.loads(out.with_name("edited.cues.json").read_text(encoding="utf-8")) == json.loads(
        cue_json(cues(spot), spot))
    missing = cli(service.cache.data_dir, "spot", "export", "--spot", "nope", "--preset", PRESET,
                  "--out", str(tmp_path / "x.mp4"))
    assert missing.returncode == 5 and "nope" in missing.stderr


def test_auto_and_list_json_shapes(service: SpotService) -> None:
    data = service.cache.data_dir
    made = cli(data, "spot", "auto", "--json")
    assert made.returncode == 0, made.stderr
    spots = json.loads(made.stdout)
    assert spots == []  # three countries, one message each: every remainder waits
    service.save(service.build_spot(LONG_IDS, 30, "mine"))
    listed = cli(data, "spot", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    (row,) = json.loads(listed.stdout)
    assert {k: row[k] for k in ("spot_id", "clips", "frames", "state")} == {
        "spot_id": "mine", "clips": LONG_IDS, "frames": 750, "state": "planned"}
