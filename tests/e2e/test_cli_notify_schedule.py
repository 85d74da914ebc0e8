"""The whole on-air chain as a user runs it: `schedule import`, `schedule assign --auto`, then `notify`, each
its own process, on saved spots of real clips; a plan that moves a slot makes its sent messages outdated."""

from __future__ import annotations

import json
from pathlib import Path

from tests.e2e.test_cli_schedule import HEADER, filled, spot_inbox  # noqa: F401  (fixtures)
from tests.support.smtp_server import SmtpServer
from tests.unit.services.test_batch import cli


def plan(folder: Path, fr_time: str) -> Path:
    path = folder / f"plan-{fr_time.replace(':', '')}.csv"
    path.write_text(";".join(HEADER) + "\n"
                    f"TF1-1;FR;TF1;Le 13H;2099-04-10;{fr_time};Europe/Paris;10\n"
                    "2M-1;MA;2M;;2099-04-11;20:40;Africa/Casablanca;10\n", encoding="utf-8")
    return path


def notify(data: Path, relay: SmtpServer, *extra: str) -> dict[str, object]:
    proc = cli(data, "notify", "--smtp", relay.address, "--from", "n@agency.example", "--rate", "0", "--json",
               *extra)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert isinstance(out, dict)
    return out


def test_plan_assign_notify_then_a_moved_slot(filled: Path, tmp_path: Path) -> None:  # noqa: F811
    assert cli(filled, "schedule", "import", str(plan(tmp_path, "12:55"))).returncode == 0
    rendered = cli(filled, "spot", "render-all", "--preset", "preview", "--out", str(tmp_path / "out"), "--draft")
    assert rendered.returncode == 0, rendered.stderr  # only a spot with a master may air
    assigned = cli(filled, "schedule", "assign", "--auto")
    assert assigned.returncode == 0, assigned.stderr
    with SmtpServer() as relay:
        first = notify(filled, relay)
        assert first["sent"] == len(relay.received) >= 2 and first["failed"] == 0
        ids = {r.message_id for r in relay.received}
        assert len(ids) == len(relay.received)
        again = notify(filled, relay)
        assert again["sent"] == 0
        assert cli(filled, "schedule", "import", str(plan(tmp_path, "13:40"))).returncode == 0
        moved = notify(filled, relay)
        assert moved["sent"] == 0 and moved["outdated"] >= 1
        resent = notify(filled, relay, "--resend-outdated")
        assert resent["sent"] == moved["outdated"]
    fr = [r for r in relay.received if "TF1" in str(r.message["Subject"])]
    assert any("13:40" in str(r.message.get_body(("plain",)).get_content()) for r in fr)  # type: ignore[union-attr]
