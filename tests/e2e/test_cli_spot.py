"""`moderator-app spot export` and `check --preset`, run as separate processes on a real cache and real clips."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from moderator_app import cli
from moderator_app.base.ffmpeg import run_ffmpeg
from moderator_app.db.cache import Cache
from tests.e2e.test_cli import run
from tests.unit.services.test_spots import LONG_IDS, fill_cache, make_spot_inbox


@pytest.fixture(scope="session")
def spot_inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_spot_inbox(tmp_path_factory.mktemp("cli-spot-inbox") / "inbox")


@pytest.fixture
def filled(data_dir: Path, spot_inbox: Path, tmp_path: Path) -> Path:
    cache = Cache(data_dir)
    try:
        fill_cache(cache, spot_inbox, tmp_path, [*LONG_IDS, "sub-900004", "sub-900005"])
    finally:
        cache.close()
    return data_dir


def test_spot_export_writes_an_exact_master_with_its_report(filled: Path, tmp_path: Path) -> None:
    out = tmp_path / "deliveries" / "spot-cli.mp4"
    proc = run(filled, "spot", "export", "--clips", ",".join(LONG_IDS), "--preset", "preview",
               "--out", str(out), "--draft", "--json")
    assert proc.returncode == cli.EXIT_OK, proc.stderr
    result = json.loads(proc.stdout)
    assert result["passed"] is True and result["measurements"]["frames"] == 750
    assert result["size"] == out.stat().st_size > 0
    assert {r["name"] for r in result["report"]["rules"]} >= {
        "frames", "frame rate", "integrated loudness (LUFS)", "max short-term loudness (LUFS)", "true peak (dBTP)"
    }
    assert json.loads(out.with_name("spot-cli.report.json").read_text())["passed"] is True
    assert Path(result["cue_csv"]).is_file() and Path(result["cue_json"]).is_file()
    assert not [p for p in out.parent.iterdir() if ".part" in p.name], "no temporary file left"

    check = run(filled, "check", str(out), "--preset", "preview", "--json")
    assert check.returncode == cli.EXIT_OK, check.stderr
    report = json.loads(check.stdout)
    assert report["passed"] is True and report["measurements"]["frames"] == 750
    assert report["measurements"]["integrated_lufs"] == pytest.approx(
        result["measurements"]["integrated_lufs"], abs=0.05)

    text = run(filled, "check", str(out), "--preset", "tf1-pad")
    assert text.returncode == cli.EXIT_FAILS_PRESET, "an MP4 preview is not a TF1 master"
    assert "FAIL container" in text.stdout and "verdict for tf1-pad: FAIL" in text.stdout


def test_spot_export_refuses_with_clear_codes(filled: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.mp4"

    def export(clips: str, *extra: str) -> tuple[int, str]:
        proc = run(filled, "spot", "export", "--clips", clips, "--preset", "preview", "--out", str(out), *extra)
        return proc.returncode, proc.stderr

    code, err = export("sub-900001,sub-900004,sub-900002")
    assert "Hélène" not in err and "Aïcha" not in err, "no names in messages"
    assert code == cli.EXIT_REFUSED and "sub-900004" in err and "consent" in err
    code, err = export("sub-900001,sub-404,sub-900004")
    assert code == cli.EXIT_NOT_FOUND and "sub-404" in err
    # one 4 s message for 45 s: even the longest cards (13 s more than the template's) leave 23 s unfilled
    code, err = export("sub-900005", "--length", "45")
    assert code == cli.EXIT_TOO_SHORT and "cannot reach 45 s" in err and "sub-900005" in err
    assert "23.00 s (575 frames) missing" in err
    short = tmp_path / "short.mp4"  # a 4 s message fills a 30 s spot: the cards hold the slack
    proc = run(filled, "spot", "export", "--clips", "sub-900001,sub-900005,sub-900002", "--preset", "preview",
               "--out", str(short), "--draft", "--json")
    assert proc.returncode == cli.EXIT_OK, proc.stderr
    done = json.loads(proc.stdout)
    assert done["measurements"]["frames"] == 750 and done["slack"]["total_frames"] == 625 - 600
    code, err = export(",".join(LONG_IDS), "--preset", "no-such")
    assert code == cli.EXIT_USAGE
    assert not out.exists()

    unreadable = tmp_path / "junk.mp4"
    unreadable.write_bytes(b"\x00" * 4000)
    assert run(filled, "check", str(unreadable), "--preset", "web-mp4").returncode == cli.EXIT_REFUSED


def test_a_10_s_tf1_master_passes_its_own_check(filled: Path, tmp_path: Path) -> None:
    out = tmp_path / "spot10.mxf"
    proc = run(filled, "spot", "export", "--clips", ",".join(LONG_IDS), "--preset", "tf1-pad", "--length", "10",
               "--out", str(out))
    assert proc.returncode == cli.EXIT_OK, proc.stderr
    assert "verdict for tf1-pad: PASS" in proc.stdout and "FAIL" not in proc.stdout
    check = run(filled, "check", str(out), "--preset", "tf1-pad", "--json")
    assert check.returncode == cli.EXIT_OK, check.stderr
    m = json.loads(check.stdout)["measurements"]
    assert (m["container"], m["frames"], m["audio_bits"], m["sample_rate"]) == ("mxf", 250, 24, 48000)
    assert abs(m["integrated_lufs"] + 23.0) <= 0.5 and m["true_peak_dbtp"] <= -3.0


def test_spot_brand_imports_shows_and_guards_the_campaigns_look(filled: Path, tmp_path: Path) -> None:
    assert json.loads(run(filled, "spot", "brand", "--json").stdout)["logo"] is None  # neutral defaults
    client = tmp_path / "client"
    client.mkdir()
    logo = client / "Logo.png"
    run_ffmpeg(["-y", "-f", "lavfi", "-i", "color=c=red:s=120x60", "-frames:v", "1", str(logo)])
    (client / "brand.json").write_text(
        json.dumps({"card_background": "#004225", "logo": "Logo.png", "lower_third": "إلى {recipient} — من {sender}"},
                   ensure_ascii=False),
        encoding="utf-8",
    )
    imported = run(filled, "spot", "brand", str(client / "brand.json"), "--json")
    assert imported.returncode == cli.EXIT_OK, imported.stderr
    shown = json.loads(run(filled, "spot", "brand", "--json").stdout)
    assert shown == json.loads(imported.stdout)
    assert shown["card_background"] == "#004225" and shown["logo"].startswith("logo-")
    assert shown["lower_third"] == "إلى {recipient} — من {sender}"

    (client / "bad.json").write_text('{"logo": "../../etc/passwd"}', encoding="utf-8")
    refused = run(filled, "spot", "brand", str(client / "bad.json"))
    assert refused.returncode == cli.EXIT_REFUSED and "logo" in refused.stderr
    assert run(filled, "spot", "brand", str(client / "none.json")).returncode == cli.EXIT_NOT_FOUND
    assert json.loads(run(filled, "spot", "brand", "--json").stdout) == shown, "a refused file changes nothing"

    out = tmp_path / "branded.mp4"
    proc = run(filled, "spot", "export", "--clips", ",".join(LONG_IDS), "--preset", "preview", "--length", "10",
               "--out", str(out), "--draft", "--json")
    assert proc.returncode == cli.EXIT_OK, proc.stderr
    cues = json.loads(out.with_name("branded.cues.json").read_text(encoding="utf-8"))
    assert [cue["title"][:4] for cue in cues["cues"]] == ["إلى "] * 3

    (filled / "brand" / "brand.json").write_text("{broken", encoding="utf-8")  # edited by hand, badly
    broken = run(filled, "spot", "export", "--clips", ",".join(LONG_IDS), "--preset", "preview", "--length", "10",
                 "--out", str(tmp_path / "never.mp4"), "--draft")
    assert broken.returncode == cli.EXIT_REFUSED and "brand" in broken.stderr
    assert not (tmp_path / "never.mp4").exists()
