"""The notification journal's decisions (what a run sends, skips, leaves in doubt), the audit trace, and cancel."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from moderator_app.db.cache import Cache
from moderator_app.db.unit import transaction
from moderator_app.onair.message import Templates
from moderator_app.onair.smtp import RelaySettings, SmtpRelay
from moderator_app.services.audit import audit_log
from moderator_app.services.channels import SMTP_PASSWORD_ENV, SmtpChannel, save_smtp_password, smtp_password
from moderator_app.services.notify import NotifyOptions, NotifyService, eml_name
from tests.support.memory_keyring import installed_memory_keyring
from tests.support.onair import Person, campaign, states
from tests.support.smtp_server import SmtpServer

PEOPLE = [Person(f"sub-{i}", f"Nom{i}", f"p{i}@example.org") for i in range(1, 6)]


def set_state(cache: Cache, sid: str, state: str) -> None:
    with transaction(cache.db):
        cache.db.execute(
            "INSERT INTO notifications (submission_id, slot_id, path, message_id, air_at, state, attempts,"
            " recorded_at) SELECT ?, slot_id, 'smtp', 'x', air_at, ?, 1, '2020-04-05T00:00:00Z' FROM air_slots",
            [sid, state])


def channel(relay: SmtpServer) -> SmtpChannel:
    return SmtpChannel(SmtpRelay(RelaySettings("127.0.0.1", relay.port, "plain")), "n@agency.example", Templates())


def test_what_a_run_does_with_each_state(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    campaign(cache, PEOPLE)
    for sid, state in (("sub-1", "sent"), ("sub-2", "sending"), ("sub-3", "deferred"), ("sub-4", "failed"),
                       ("sub-5", "outdated")):
        set_state(cache, sid, state)
    service = NotifyService(cache, "ana")
    smtp = {d.pair.submission_id: d.action for d in service.plan()}
    assert smtp == {"sub-1": "skip", "sub-2": "in_doubt", "sub-3": "send", "sub-4": "skip", "sub-5": "outdated"}
    platform = {d.pair.submission_id: d.action for d in service.plan(resends_in_doubt=True)}
    assert platform["sub-2"] == "send"
    asked = {d.pair.submission_id: d.action
             for d in service.plan(NotifyOptions(resend_outdated=True, resend_in_doubt=True))}
    assert asked["sub-2"] == asked["sub-5"] == "send"
    with SmtpServer() as relay:
        report = service.run(channel(relay), NotifyOptions(rate=0))
    assert (report.sent, report.in_doubt, report.skipped, report.outdated) == (1, 1, 3, 1)
    assert report.in_doubt_pairs == [("sub-2", "TF1-0410-1255")]
    assert [r.recipients for r in relay.received] == [("p3@example.org",)]
    event = [e for e in audit_log(cache) if e.kind == "notify"][-1]
    assert event.details["sent"] == 1 and event.details["in_doubt"] == 1 and event.details["via"] == "smtp"
    assert "example.org" not in str(event.details) and "Nom" not in str(event.details)


def test_no_address_is_not_recorded_so_the_platform_can_still_tell_them(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    campaign(cache, [Person("sub-1", "Ana", None), Person("sub-2", "Bea", "not an address"),
                     Person("sub-3", "Cid", "c@example.org")])
    with SmtpServer() as relay:
        report = NotifyService(cache, "ana").run(channel(relay), NotifyOptions(rate=0))
    assert (report.sent, report.skipped, report.unreachable, report.failed) == (1, 2, 2, 0)
    assert states(cache) == {("sub-3", "TF1-0410-1255"): "sent"}
    assert all("not an address" not in reason for _s, _t, reason in report.failures)


def test_cancel_stops_between_messages(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    campaign(cache, PEOPLE)
    cancel = threading.Event()
    with SmtpServer() as relay:
        report = NotifyService(cache, "ana").run(channel(relay), NotifyOptions(rate=0), cancel=cancel,
                                                 progress=lambda done, _total: cancel.set() if done == 2 else None)
    assert report.sent == 2 and report.stopped == "cancelled" and len(relay.received) == 2
    assert set(states(cache).values()) == {"sent"}


def test_eml_names_come_from_ids_only() -> None:
    assert eml_name("sub-1", "TF1.0410", "f" * 32) == "sub-1--TF1.0410.eml"
    assert eml_name("../../etc", "x/y", "f" * 32) == "_.._etc--x_y.eml"  # no separator left: stays in DIR
    assert eml_name("a" * 200, "b", "f" * 32) == "f" * 32 + ".eml"


def test_relay_password_from_the_environment_else_the_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SMTP_PASSWORD_ENV, raising=False)
    with installed_memory_keyring() as backend:
        assert smtp_password("smtp.agency.example", "agency") is None
        assert save_smtp_password("smtp.agency.example", "agency", "from-keyring")
        assert smtp_password("smtp.agency.example", "agency") == "from-keyring"
        assert smtp_password("smtp.other.example", "agency") is None
        monkeypatch.setenv(SMTP_PASSWORD_ENV, "from-env")
        assert smtp_password("smtp.agency.example", "agency") == "from-env"
        assert "from-keyring" in str(backend.__dict__)  # kept by the keyring, nowhere else
