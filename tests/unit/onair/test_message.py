"""The notification's words, invitation and e-mail: languages, hostile names, broken templates."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
from email.message import EmailMessage
from pathlib import Path

import icalendar
import pytest

from moderator_app.onair.compose import compose
from moderator_app.onair.mail import BadAddress, notification_id
from moderator_app.onair.message import Notice, TemplateProblem, Templates, campaign_templates, language_of

AIR = dt.datetime(2020, 4, 10, 10, 55, tzinfo=dt.UTC)  # 12:55 in Paris (summer time)


def notice(language: str = "fr", name: str = "Jeannine", **kw: object) -> Notice:
    values: dict[str, object] = {"channel": "TF1", "programme": "Le 13H", "air_at": AIR,
                                 "timezone": "Europe/Paris", "length_s": 30}
    values.update(kw)
    return Notice(language, name, **values)  # type: ignore[arg-type]


def parsed(msg: EmailMessage) -> EmailMessage:
    out = email.message_from_bytes(msg.as_bytes(), policy=email.policy.default)
    assert isinstance(out, EmailMessage)
    return out


def parts(msg: EmailMessage) -> tuple[str, str, bytes]:
    text = msg.get_body(("plain",))
    html = msg.get_body(("html",))
    ics = next(p for p in msg.walk() if p.get_content_type() == "text/calendar")
    assert text is not None and html is not None
    return str(text.get_content()), str(html.get_content()), bytes(ics.get_payload(decode=True))


def test_french_date_and_time_are_written_the_french_way() -> None:
    r = Templates().render(notice())
    assert "vendredi 10 avril 2020 à 12:55" in r.text
    assert "TF1" in r.subject and "\n" not in r.subject
    assert "Jeannine" in r.html and "Le 13H" in r.text


def test_arabic_is_right_to_left_with_the_arabic_date() -> None:
    r = Templates().render(notice("ar", "زبيدة", channel="2M", timezone="Africa/Casablanca",
                                  air_at=dt.datetime(2020, 4, 11, 19, 40, tzinfo=dt.UTC)))
    assert 'dir="rtl"' in r.html and 'lang="ar"' in r.html
    assert "أبريل" in r.html and "السبت" in r.html  # Saturday 11 April, in Arabic
    assert "زبيدة" in r.text and r.rtl


def test_english_and_unknown_languages() -> None:
    assert "Friday, April 10, 2020" in Templates().render(notice("en")).text
    assert language_of("fr-MA") == "fr" and language_of("ar") == "ar" and language_of("lb") == "fr"
    assert language_of(None) == "fr" and language_of("EN-gb") == "en" and language_of("../x") == "fr"


def test_paris_on_the_night_clocks_change_and_casablanca() -> None:
    # 29 March 2020: 02:00 does not exist in Paris; 03:30 local is 01:30 UTC.
    spring = Templates().render(notice(air_at=dt.datetime(2020, 3, 29, 1, 30, tzinfo=dt.UTC)))
    assert "dimanche 29 mars 2020 à 03:30" in spring.text
    winter = Templates().render(notice(air_at=dt.datetime(2020, 3, 29, 0, 30, tzinfo=dt.UTC)))
    assert "dimanche 29 mars 2020 à 01:30" in winter.text
    casa = Templates().render(notice(timezone="Africa/Casablanca", air_at=dt.datetime(2020, 4, 11, 19, 40,
                                                                                         tzinfo=dt.UTC)))
    assert "samedi 11 avril 2020 à 20:40" in casa.text


@pytest.mark.parametrize("name", ["{{ 7*7 }}", "<script>alert(1)</script>", "Ana\nBcc: evil@example.org",
                                  "Zoé\r\nSubject: spam", "{% for x in range(9) %}x{% endfor %}", "🌸 Mamie"])
def test_a_name_stays_text(name: str) -> None:
    c = compose(Templates(), notice("fr", name), notification_id("s1", "slot"), sender="n@agency.example",
                to="lucas@example.org")
    msg = parsed(c.email)
    text, html, _ics = parts(msg)
    assert "49" not in text and "49" not in html
    assert "<script>" not in html
    assert "xxxxxxxxx" not in text
    assert msg.get_all("Bcc") is None and len(msg.get_all("Subject") or []) == 1
    assert set(msg.keys()) <= {"Subject", "From", "To", "Date", "Message-ID", "Auto-Submitted", "MIME-Version",
                               "Content-Type", "Content-Language"}
    folded = " ".join(name.split())
    assert folded in text
    if "<" in name:
        assert "&lt;script&gt;" in html


def test_invitation_gives_back_the_utc_instant() -> None:
    c = compose(Templates(), notice(), notification_id("s1", "TF1-1"), sender="n@agency.example",
                to="lucas@example.org")
    _t, _h, raw = parts(parsed(c.email))
    cal = icalendar.Calendar.from_ical(raw)
    assert str(cal["method"]) == "PUBLISH"
    event = next(iter(cal.walk("VEVENT")))
    assert event.decoded("dtstart") == AIR
    assert event.decoded("dtend") == AIR + dt.timedelta(seconds=30)
    assert str(event["location"]) == "TF1"
    assert b"DTSTART:20200410T105500Z" in raw
    again = compose(Templates(), notice(), notification_id("s1", "TF1-1"), sender="n@agency.example",
                    to="lucas@example.org")
    assert str(again.email["Message-ID"]) == str(c.email["Message-ID"])
    assert notification_id("s1", "TF1-2") != notification_id("s1", "TF1-1")


def test_bad_addresses_are_refused_without_echoing_them() -> None:
    for bad in ("", "no-at-sign", "a@b\r\nBcc: x@y.z", "Name <a@b.c>"):
        with pytest.raises(BadAddress) as info:
            compose(Templates(), notice(), "x" * 32, sender="n@agency.example", to=bad)
        assert bad not in str(info.value) or not bad


def write(folder: Path, language: str, part: str, text: str) -> None:
    (folder / language).mkdir(parents=True, exist_ok=True)
    (folder / language / part).write_text(text, encoding="utf-8")


def test_an_override_replaces_one_part_and_keeps_the_rest(tmp_path: Path) -> None:
    write(tmp_path, "fr", "subject.txt.j2", "Ça passe sur {{ channel }} !")
    r = Templates(tmp_path).render(notice())
    assert r.subject == "Ça passe sur TF1 !"
    assert "vendredi 10 avril 2020" in r.text  # body from the defaults


@pytest.mark.parametrize("source", [
    "{{ channel ",                                  # syntax
    "{{ surname }}",                                # unknown variable (StrictUndefined)
    "{{ channel.__class__.__mro__ }}",              # the sandbox refuses
    "{{ ''.__class__.__subclasses__() }}",
    "{% set x = [] %}{{ x.append(1) }}",            # immutable sandbox: no mutation
    "{{ 1 / 0 }}",
])
def test_a_broken_override_is_refused_with_a_reason(tmp_path: Path, source: str) -> None:
    write(tmp_path, "en", "body.html.j2", source)
    with pytest.raises(TemplateProblem) as info:
        campaign_templates(tmp_path / "data", tmp_path)
    assert "en/body.html.j2" in str(info.value)


def test_the_campaign_folder_is_used_when_present(tmp_path: Path) -> None:
    write(tmp_path / "templates" / "notification", "fr", "subject.txt.j2", "Campagne {{ channel }}")
    assert campaign_templates(tmp_path).render(notice()).subject == "Campagne TF1"
    with pytest.raises(TemplateProblem):
        Templates(tmp_path / "missing")


def test_templates_cannot_reach_outside_their_folder(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET", encoding="utf-8")
    folder = tmp_path / "tpl"
    write(folder, "fr", "subject.txt.j2", "{% include '../../secret.txt' %}")
    with pytest.raises(TemplateProblem):
        campaign_templates(tmp_path / "data", folder)


def test_a_symlink_out_of_the_folder_is_not_followed(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET {{ channel }}", encoding="utf-8")
    folder = tmp_path / "tpl"
    (folder / "fr").mkdir(parents=True)
    (folder / "fr" / "subject.txt.j2").symlink_to(secret)
    with pytest.raises(TemplateProblem, match="fr/subject.txt.j2"):
        campaign_templates(tmp_path / "data", folder)
