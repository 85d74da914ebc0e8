"""``notify`` against a real SMTP server on 127.0.0.1 (aiosmtpd) and the platform test server.

Exactly once is checked the way a recipient would notice it: by counting the Message-IDs the relay got.
"""

from __future__ import annotations

import email
import email.policy
import json
import logging
import os
import signal
import subprocess
import sys
from collections import Counter
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import icalendar
import pytest

from moderator_app import cli
from moderator_app.db.cache import Cache
from moderator_app.db.unit import transaction
from moderator_app.services.notify import NOTIFY_LOCK
from moderator_app.sources.lock import exclusive
from tests.support.onair import Person, add_slot, campaign, move_slot, states
from tests.support.platform_server import PlatformServer, make_record
from tests.support.smtp_server import SmtpServer, self_signed, server_context

FROM = "notifications@agency.example"
PEOPLE = [
    Person("sub-000001", "Jeannine", "lucas@example.org"),
    Person("sub-000002", "زبيدة", "youssef@example.ma", language="ar", sender_first="Youssef"),
    Person("sub-000003", "Grandpa Joe", "amy@example.co.uk", language="en-GB", sender_first="Amy"),
]


def notify(data: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any]]:
    capsys.readouterr()
    code = cli.main(["--data-dir", str(data), "notify", *args, "--json"])
    out = capsys.readouterr()
    return code, (json.loads(out.out) if out.out.strip() else {"stderr": out.err})


def smtp_args(relay: SmtpServer, *extra: str) -> list[str]:
    return ["--smtp", relay.address, "--from", FROM, "--rate", "0", *extra]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    cache = Cache(folder)
    campaign(cache, PEOPLE)
    cache.close()
    return folder


def ids(relay: SmtpServer) -> Counter[str]:
    return Counter(r.message_id for r in relay.received)


def test_each_sender_gets_one_message_with_only_their_own_names(data: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    with SmtpServer() as relay:
        code, report = notify(data, capsys, *smtp_args(relay))
        assert code == cli.EXIT_OK, report
        assert (report["sent"], report["failed"], report["in_doubt"]) == (3, 0, 0)
        code, again = notify(data, capsys, *smtp_args(relay))
        assert (again["sent"], again["skipped"]) == (0, 3)
    assert len(relay.received) == 3 and max(ids(relay).values()) == 1
    for person in PEOPLE:
        got = [r for r in relay.received if r.recipients == (person.email,)]
        assert len(got) == 1
        whole = got[0].message
        body = "".join(str(p.get_content()) for p in whole.walk() if p.get_content_maintype() == "text")
        assert person.first_name in body
        for other in PEOPLE:
            if other is not person:
                assert other.first_name not in body and other.email not in got[0].raw.decode("utf-8", "replace")
        assert "Martin" not in body  # no last name either
    arabic = next(r.message for r in relay.received if r.recipients == ("youssef@example.ma",))
    html = arabic.get_body(("html",))
    assert html is not None and 'dir="rtl"' in str(html.get_content())


def test_451_then_accepted_is_delivered_once(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with SmtpServer() as relay:
        relay.answer_next("451 4.3.0 Try again later")
        code, report = notify(data, capsys, *smtp_args(relay))
    assert code == cli.EXIT_OK and report["sent"] == 3 and report["deferred"] == 0
    assert relay.handler.data_commands == 4
    assert len(relay.received) == 3 and max(ids(relay).values()) == 1


def test_550_is_failed_with_the_reason_and_no_address(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with SmtpServer() as relay:
        relay.answer_next("550 5.7.1 Message refused by policy")
        relay.refuse_recipient("amy@example.co.uk", "550 5.1.1 <amy@example.co.uk>: Recipient address rejected")
        code, report = notify(data, capsys, *smtp_args(relay))
        assert code == cli.EXIT_OK and report["sent"] == 1 and report["failed"] == 2
        reasons = {f["submission_id"]: f["reason"] for f in report["failures"]}
        assert reasons["sub-000001"].startswith("550 5.7.1 Message refused by policy")
        assert "amy@" not in json.dumps(report) and "Recipient address rejected" in reasons["sub-000003"]
        _code, again = notify(data, capsys, *smtp_args(relay))
        assert again["sent"] == 0 and again["skipped"] == 3  # a 5xx is final
    cache = Cache(data)
    assert Counter(states(cache).values()) == {"failed": 2, "sent": 1}
    stored = [r[0] for r in cache.db.execute("SELECT reason FROM notifications WHERE state = 'failed'")]
    assert all("@" not in (r or "") for r in stored)


def test_4xx_for_good_is_left_deferred_and_sent_by_a_later_run(data: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    with SmtpServer() as relay:
        relay.answer_next(*["452 4.2.2 Mailbox full"] * 4)
        code, report = notify(data, capsys, *smtp_args(relay))
        assert code == cli.EXIT_PARTIAL and report["deferred"] == 1 and report["sent"] == 2
        code, again = notify(data, capsys, *smtp_args(relay))
        assert code == cli.EXIT_OK and again["sent"] == 1
    assert len(relay.received) == 3 and max(ids(relay).values()) == 1


def test_sigkill_mid_run_then_rerun_sends_nothing_twice(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    cache = Cache(data)
    people = [Person(f"sub-{i:06d}", f"Prénom{i}", f"s{i}@example.org") for i in range(1, 9)]
    campaign(cache, people)
    cache.close()
    env = {**os.environ, "MODERATOR_SMTP_PASSWORD": ""}
    with SmtpServer() as relay:
        relay.hold_each(0.5)  # each 250 comes half a second after the message: the kill lands in that window
        proc = subprocess.Popen(
            [sys.executable, "-m", "moderator_app", "--data-dir", str(data), "notify", *smtp_args(relay)],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            assert relay.wait_for(3, timeout=60), "the run did not deliver 3 messages"
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
        relay.hold_each(0.0)
        code, report = notify(data, capsys, *smtp_args(relay))
        assert report["in_doubt"] <= 1
        assert report["sent"] + report["in_doubt"] + 3 >= 8  # the rerun sends what the killed run had not begun
        assert code == (cli.EXIT_PARTIAL if report["in_doubt"] else cli.EXIT_OK)
        counted = ids(relay)
        assert max(counted.values()) == 1, "a message was delivered twice"
        assert len(counted) == 8
        # asked explicitly, the one in doubt goes again (and may then arrive twice: the user chose it)
        code, forced = notify(data, capsys, *smtp_args(relay, "--resend-in-doubt"))
        assert forced["sent"] == report["in_doubt"] and forced["in_doubt"] == 0


def test_outdated_rows_are_resent_only_when_asked(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with SmtpServer() as relay:
        notify(data, capsys, *smtp_args(relay))
        cache = Cache(data)
        move_slot(cache, "TF1-0410-1255", "13:40")
        code, report = notify(data, capsys, *smtp_args(relay))
        assert report["sent"] == 0 and report["outdated"] == 3
        code, report = notify(data, capsys, *smtp_args(relay, "--resend-outdated"))
        assert code == cli.EXIT_OK and report["sent"] == 3
        _code, report = notify(data, capsys, *smtp_args(relay))
        assert report["sent"] == 0 and report["skipped"] == 3
    last = relay.received[-1].message
    ics = next(p for p in last.walk() if p.get_content_type() == "text/calendar")
    event = next(iter(icalendar.Calendar.from_ical(ics.get_payload(decode=True)).walk("VEVENT")))
    assert event.decoded("dtstart").isoformat() == "2020-04-10T11:40:00+00:00"


def test_no_consent_erased_or_unplaced_are_not_notified(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    cache = Cache(data)
    campaign(cache, [Person("sub-a", "Ana", "a@example.org"), Person("sub-b", "Bea", "b@example.org", consent=False),
                     Person("sub-c", "Cid", "c@example.org")])
    with transaction(cache.db):
        cache.db.execute("INSERT INTO erasures (submission_id, erased_at, reason, erased_by, outbox)"
                         " VALUES ('sub-c', '2020-04-06T00:00:00Z', 'request', 'm', 'none')")
    add_slot(cache, "EMPTY-1", None)
    with SmtpServer() as relay:
        _code, report = notify(data, capsys, *smtp_args(relay))
    assert report["sent"] == 1 and [r.recipients for r in relay.received] == [("a@example.org",)]


def test_plain_smtp_to_another_machine_is_refused(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    code = cli.main(["--data-dir", str(data), "notify", "--smtp", "192.0.2.10:25", "--from", FROM])
    err = capsys.readouterr().err
    assert code == cli.EXIT_REFUSED and "plain SMTP is only allowed" in err
    assert states(Cache(data)) == {}


def test_a_broken_template_stops_before_anything_is_sent(data: Path, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "tpl" / "ar").mkdir(parents=True)
    (tmp_path / "tpl" / "ar" / "body.txt.j2").write_text("{{ first_name ", encoding="utf-8")
    with SmtpServer() as relay:
        capsys.readouterr()
        code = cli.main(["--data-dir", str(data), "notify", *smtp_args(relay), "--templates", str(tmp_path / "tpl")])
    assert code == cli.EXIT_REFUSED and "ar/body.txt.j2, line 1" in capsys.readouterr().err
    assert relay.received == [] and states(Cache(data)) == {}


def test_starttls_with_a_self_signed_relay(data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cert, key = self_signed(tmp_path)
    with SmtpServer(starttls=server_context(cert, key)) as relay:
        # without trusting the certificate the relay is refused before anything is recorded
        capsys.readouterr()
        code = cli.main(["--data-dir", str(data), "notify", *smtp_args(relay, "--starttls")])
        assert code == cli.EXIT_REFUSED and "TLS with the relay failed" in capsys.readouterr().err
        assert states(Cache(data)) == {}
        code, report = notify(data, capsys, *smtp_args(relay, "--starttls", "--ca-file", str(cert)))
        assert code == cli.EXIT_OK and report["sent"] == 3
    assert len(relay.received) == 3
    with SmtpServer(tls=server_context(cert, key)) as relay:
        capsys.readouterr()
        code = cli.main(["--data-dir", str(tmp_path / "other"), "notify", *smtp_args(relay, "--tls")])
        assert code == cli.EXIT_OK  # nothing placed in that cache: no connection needed
        cache = Cache(tmp_path / "tls")
        campaign(cache, [Person("sub-t1", "Tia", "t@example.org")])
        code, report = notify(tmp_path / "tls", capsys, *smtp_args(relay, "--tls", "--ca-file", str(cert)))
        assert code == cli.EXIT_OK and report["sent"] == 1
    assert [r.recipients for r in relay.received] == [("t@example.org",)]


def test_dry_run_writes_eml_files_and_records_nothing(data: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "eml"
    code, report = notify(data, capsys, "--dry-run", str(out), "--from", FROM)
    assert code == cli.EXIT_OK and report["written"] == 3 and report["sent"] == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == ["sub-000001--TF1-0410-1255.eml", "sub-000002--TF1-0410-1255.eml",
                     "sub-000003--TF1-0410-1255.eml"]
    msg = email.message_from_bytes((out / names[1]).read_bytes(), policy=email.policy.default)
    assert isinstance(msg, EmailMessage) and msg["To"] == "youssef@example.ma"
    assert states(Cache(data)) == {}


def test_preview_prints_the_exact_message(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    code = cli.main(["--data-dir", str(data), "notify", "preview", "--submission", "sub-000001",
                     "--slot", "TF1-0410-1255", "--json"])
    shown = json.loads(capsys.readouterr().out)
    assert code == cli.EXIT_OK and "vendredi 10 avril 2020 à 12:55" in shown["text"]
    assert "DTSTART:20200410T105500Z" in shown["ics"]
    code = cli.main(["--data-dir", str(data), "notify", "preview", "--submission", "sub-000009",
                     "--slot", "TF1-0410-1255"])
    assert code == cli.EXIT_NOT_FOUND


def test_platform_path_is_idempotent(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    cache = Cache(data)
    campaign(cache, [Person(f"sub-{i:06d}", f"N{i}", None) for i in (1, 2, 3)] + [Person("sub-999999", "X", None)])
    monkeypatch.setenv("MODERATOR_TOKEN", "t0k")
    with PlatformServer([(make_record(i), b"clip") for i in (1, 2, 3)], token="t0k") as server:
        code, report = notify(data, capsys, "--platform", server.url, "--rate", "0")
        assert (report["sent"], report["failed"]) == (3, 1)
        assert report["failures"][0]["reason"] == "unknown submission"
        sent = server.notifications
        assert sorted(n["id"] for n in sent) == ["sub-000001", "sub-000002", "sub-000003"]
        assert {n["air_at"] for n in sent} == {"2020-04-10T10:55:00Z"} and sent[0]["language"] == "fr"
        # a crash between the platform's 200 and the mark: the row is left 'sending'; the rerun sends again with
        # the same key, and the platform sends nothing a second time
        with transaction(cache.db):
            cache.db.execute("UPDATE notifications SET state = 'sending' WHERE submission_id = 'sub-000002'")
        code, again = notify(data, capsys, "--platform", server.url, "--rate", "0")
        assert again["sent"] == 1 and again["in_doubt"] == 0
        assert len(server.notifications) == 3
        posts = [r for r in server.requests if r.path.endswith("/notification")]
        assert len(posts) == 5
    monkeypatch.setenv("MODERATOR_TOKEN", "wrong")
    with PlatformServer([(make_record(i), b"clip") for i in (1, 2, 3)], token="t0k") as server:
        with transaction(cache.db):
            cache.db.execute("UPDATE notifications SET state = 'deferred'")
        capsys.readouterr()
        code = cli.main(["--data-dir", str(data), "notify", "--platform", server.url])
        assert code == cli.EXIT_AUTH


def test_relay_login_with_the_password_from_the_environment(data: Path, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    cert, key = self_signed(tmp_path)
    log = tmp_path / "debug.log"
    monkeypatch.setenv("MODERATOR_LOG_FILE", str(log))
    with SmtpServer(starttls=server_context(cert, key), login=("agency", "S3cr3t-pw")) as relay:
        monkeypatch.setenv("MODERATOR_SMTP_PASSWORD", "wrong-pw")
        capsys.readouterr()
        code = cli.main(["--data-dir", str(data), "notify", *smtp_args(relay, "--starttls", "--ca-file", str(cert),
                                                                         "--user", "agency")])
        err = capsys.readouterr().err
        assert code == cli.EXIT_REFUSED and "refused the login" in err and "wrong-pw" not in err
        assert states(Cache(data)) == {}
        monkeypatch.setenv("MODERATOR_SMTP_PASSWORD", "S3cr3t-pw")
        code, report = notify(data, capsys, *smtp_args(relay, "--starttls", "--ca-file", str(cert), "--user",
                                                        "agency"))
        assert code == cli.EXIT_OK and report["sent"] == 3
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "baseFilename", None) == str(log)]:
        root.removeHandler(handler)  # main() added it for this test only
        handler.close()
    root.setLevel(logging.WARNING)
    text = log.read_text(encoding="utf-8") if log.exists() else ""
    logged = "\n".join(line for line in text.splitlines() if " mail.log" not in line)  # the test relay's own log
    for secret in ("S3cr3t-pw", "wrong-pw", "lucas@example.org", "Jeannine"):
        assert secret not in logged


@pytest.mark.parametrize(("air_date", "air_time", "zone", "utc"), [
    ("2020-03-29", "03:30", "Europe/Paris", "2020-03-29T01:30:00+00:00"),   # the night clocks change
    ("2020-03-29", "01:30", "Europe/Paris", "2020-03-29T00:30:00+00:00"),
    ("2020-04-11", "20:40", "Africa/Casablanca", "2020-04-11T19:40:00+00:00"),
])
def test_the_invitation_gives_the_slot_utc_instant(tmp_path: Path, capsys: pytest.CaptureFixture[str], air_date: str,
                                                   air_time: str, zone: str, utc: str) -> None:
    data = tmp_path / "data"
    campaign(Cache(data), [Person("sub-z1", "Zineb", "z@example.ma", language="fr-MA", country="MA")],
             air_date=air_date, air_time=air_time, timezone=zone, channel="2M", country="MA")
    with SmtpServer() as relay:
        code, report = notify(data, capsys, *smtp_args(relay))
    assert code == cli.EXIT_OK and report["sent"] == 1
    msg = relay.received[0].message
    ics = next(p for p in msg.walk() if p.get_content_type() == "text/calendar")
    event = next(iter(icalendar.Calendar.from_ical(ics.get_payload(decode=True)).walk("VEVENT")))
    assert event.decoded("dtstart").isoformat() == utc and str(event["location"]) == "2M"
    text = msg.get_body(("plain",))
    assert text is not None and f"à {air_time}" in str(text.get_content())


def test_a_second_run_at_the_same_time_is_told_busy(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with SmtpServer() as relay, exclusive(data / NOTIFY_LOCK, lambda: RuntimeError("held")):
        capsys.readouterr()
        code = cli.main(["--data-dir", str(data), "notify", *smtp_args(relay)])
        assert code == cli.EXIT_BUSY and "another notify run" in capsys.readouterr().err
    assert relay.received == [] and states(Cache(data)) == {}
