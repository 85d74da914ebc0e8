"""One notification's words: subject, text and HTML, rendered from templates in the submission's language.

Templates live in ``resources/templates/notification/<lang>/`` (``subject.txt.j2``, ``body.txt.j2``,
``body.html.j2``; languages fr, en, ar). A campaign overrides any of them with a folder of the same layout
(``notify --templates DIR``, or ``<data dir>/templates/notification/`` when it exists); a file the override
lacks comes from the defaults. Rendering uses Jinja2's immutable sandbox with ``StrictUndefined``: a template
cannot reach Python, and a misspelt variable is an error, not an empty string. HTML templates autoescape,
text ones do not (they are never read as markup). A name is data handed to the template, never template
source, so ``{{ 7*7 }}`` in a name stays those characters, and ``<script>`` is escaped in the HTML part.

The subject is folded onto one line (line breaks and control characters become spaces) before it goes
into a header, and so are the values handed to the templates (a name is one line: a line break typed
into it cannot start a line of the message that looks like a header): whatever a template or a name
holds, it cannot add a header. The templates receive the
recipient's first name, the channel, the programme, the local date and time (Babel, in the language) and
the zone: nothing about any other person.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.resources
import re
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import jinja2
import jinja2.exceptions
import jinja2.sandbox
from babel.dates import format_date, format_time

LANGUAGES: tuple[str, ...] = ("fr", "en", "ar")
DEFAULT_LANGUAGE = "fr"
PARTS: tuple[str, ...] = ("subject.txt.j2", "body.txt.j2", "body.html.j2")
TEMPLATE_FOLDER = "notification"
"""Under ``resources/templates/`` and under a campaign's ``<data dir>/templates/``."""
MAX_SUBJECT = 200
MAX_FIELD = 160
"""A first name, channel or programme longer than this (the contract allows 80 and 120) is cut."""
RTL_LANGUAGES = frozenset({"ar"})
_UNSAFE_IN_HEADER = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
_PRIMARY = re.compile(r"[A-Za-z]{2,3}")


class TemplateProblem(ValueError):
    """A template that cannot be used (syntax, unknown variable, forbidden operation), with where and why."""


@dataclass(frozen=True, slots=True)
class Notice:
    """What one notification says. ``air_at`` is the slot's UTC instant; ``timezone`` its IANA zone."""

    language: str
    first_name: str
    channel: str
    programme: str
    air_at: dt.datetime
    timezone: str
    length_s: int


@dataclass(frozen=True, slots=True)
class Rendered:
    language: str
    subject: str
    text: str
    html: str

    @property
    def rtl(self) -> bool:
        return self.language in RTL_LANGUAGES


def language_of(tag: str | None) -> str:
    """The template language for a BCP 47 tag: its primary subtag when fr, en or ar, else fr."""
    match = _PRIMARY.match((tag or "").strip())
    primary = match.group(0).lower() if match else ""
    return primary if primary in LANGUAGES else DEFAULT_LANGUAGE


def default_folder() -> Path:
    """``resources/templates/notification``: the source tree's copy when running from it, else the installed one."""
    source = Path(__file__).resolve().parents[2] / "resources" / "templates" / TEMPLATE_FOLDER
    if source.is_dir():
        return source
    return Path(str(importlib.resources.files("moderator_app.resources") / "templates" / TEMPLATE_FOLDER))


def local_time(air_at: dt.datetime, timezone: str) -> dt.datetime:
    return air_at.astimezone(zoneinfo.ZoneInfo(timezone))


def when_words(air_at: dt.datetime, timezone: str, language: str) -> tuple[str, str]:
    """(date, time) at the slot's zone, the way ``language`` writes them: fr ``vendredi 10 avril 2020``,
    ``12:55``."""
    local = local_time(air_at, timezone)
    return (format_date(local.date(), format="full", locale=language),
            format_time(local, format="short", tzinfo=local.tzinfo, locale=language))


def one_line(text: str, limit: int = MAX_SUBJECT) -> str:
    """``text`` folded for a header: no line break or control character, spaces collapsed, ≤ ``limit``."""
    folded = " ".join(_UNSAFE_IN_HEADER.sub(" ", text).split())
    return folded if len(folded) <= limit else folded[: limit - 1].rstrip() + "…"


class _FolderLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader that also refuses a file whose real path is outside its folder (a symlink out)."""

    def __init__(self, folder: Path) -> None:
        super().__init__(str(folder), followlinks=False)
        self._root = folder.resolve()

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        if not Path(filename).resolve().is_relative_to(self._root):
            raise jinja2.exceptions.SecurityError("the template file leads outside its folder")
        return source, filename, uptodate


def _autoescape(name: str | None) -> bool:
    return name is not None and ".html" in name


class Templates:
    """The notification templates of a campaign: the defaults, under an optional override folder."""

    def __init__(self, override: Path | None = None, *, defaults: Path | None = None) -> None:
        base = defaults or default_folder()
        folders: list[Path] = []
        if override is not None:
            if not override.is_dir():
                raise TemplateProblem("the templates folder does not exist or is not a folder")
            folders.append(override)
        folders.append(base)
        self.override = override
        loaders: list[jinja2.BaseLoader] = [_FolderLoader(f) for f in folders]
        self._env = jinja2.sandbox.ImmutableSandboxedEnvironment(
            loader=jinja2.ChoiceLoader(loaders),
            undefined=jinja2.StrictUndefined,
            autoescape=_autoescape,
            keep_trailing_newline=False,
            auto_reload=False,
        )

    def check(self) -> None:
        """Render every part of every language with sample words; TemplateProblem names the first broken
        one. Run before anything is sent, so a broken override stops the run, not the 200th message."""
        sample = Notice("fr", "Jeannine", "TF1", "Le 13H", dt.datetime(2020, 4, 10, 10, 55, tzinfo=dt.UTC),
                        "Europe/Paris", 30)
        for language in LANGUAGES:
            self.render(dataclasses.replace(sample, language=language))

    def render(self, notice: Notice) -> Rendered:
        language = notice.language if notice.language in LANGUAGES else DEFAULT_LANGUAGE
        date_text, time_text = when_words(notice.air_at, notice.timezone, language)
        values = {
            "first_name": one_line(notice.first_name, MAX_FIELD),
            "channel": one_line(notice.channel, MAX_FIELD),
            "programme": one_line(notice.programme, MAX_FIELD),
            "air_date": date_text,
            "air_time": time_text,
            "timezone": notice.timezone,
            "length_s": notice.length_s,
            "language": language,
        }
        subject, text, html = (self._part(language, part, values) for part in PARTS)
        return Rendered(language, one_line(subject), text.strip() + "\n", html)

    def _part(self, language: str, part: str, values: dict[str, object]) -> str:
        name = f"{language}/{part}"
        try:
            return self._env.get_template(name).render(values)
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateProblem(f"{name}, line {exc.lineno}: {exc.message}") from None
        except jinja2.TemplateNotFound:
            raise TemplateProblem(f"{name}: the template is missing") from None
        except jinja2.UndefinedError as exc:
            raise TemplateProblem(f"{name}: {exc.message}") from None
        except jinja2.TemplateError as exc:  # SecurityError and the rest: the sandbox said no
            raise TemplateProblem(f"{name}: {type(exc).__name__}: {exc.message}") from None
        except (ArithmeticError, TypeError, ValueError) as exc:  # {{ 1/0 }}, {{ "a" + 1 }} in a template
            raise TemplateProblem(f"{name}: {type(exc).__name__} while rendering") from None


def campaign_templates(data_dir: Path, chosen: Path | None = None) -> Templates:
    """``chosen`` (``--templates DIR``), else ``<data dir>/templates/notification/`` if present, else the
    defaults; checked (TemplateProblem) before it is returned."""
    own = data_dir / "templates" / TEMPLATE_FOLDER
    templates = Templates(chosen if chosen is not None else (own if own.is_dir() else None))
    templates.check()
    return templates


Renderer = Callable[[Notice], Rendered]
