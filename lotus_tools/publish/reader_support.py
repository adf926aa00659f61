"""Where a reader turns: help now, a contact for problems and accessibility, and what release they read.

All three are the site's own words, set in ``mkdocs.yml`` (``extra.help_now``,
``extra.contact``) or by the build (the release and build date), checked once
when the build starts so that a missing or malformed entry stops it with a
sentence naming ``mkdocs.yml`` and the fix.
"""

from __future__ import annotations

import datetime
import html
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError

from lotus_tools.publish.pyodide_runtime import ROOT

HELP_EXAMPLE = "- {name: Samaritans, how: 'someone to talk to, free, day or night', phone: '116 123'}"
HELP_KEYS = ("name", "how", "phone", "web")
CONTACT_EXAMPLE = "{name: NHS England, email: someone@nhs.net, phone: 0300 311 22 33}"
_PHONE = re.compile(r"[0-9]+( [0-9]+)*")


@dataclass(frozen=True)
class HelpRoute:
    """A well-established route to help now, e.g. Samaritans: what it offers, and a number to call or a site, or both."""

    name: str
    how: str
    phone: str = ""
    web: str = ""


@dataclass(frozen=True)
class Contact:
    """Whom a reader writes to about a problem with the site or its accessibility."""

    name: str
    email: str
    phone: str = ""


def _text(entry: Mapping[str, Any], key: str, where: str, example: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        article = "an" if key[0] in "aeiou" else "a"
        raise PluginError(f"mkdocs.yml, {where}: each entry needs {article} '{key}' (text). Write it like {example}.")
    return value.strip()


def _phone(entry: Mapping[str, Any], where: str) -> str:
    """An entry's number as readers dial it: digits, in groups (a number YAML reads as an integer, too)."""
    phone = entry.get("phone") or ""
    text = str(phone).strip() if isinstance(phone, (str, int)) and not isinstance(phone, bool) else ""
    if phone and not _PHONE.fullmatch(text):
        raise PluginError(
            f"mkdocs.yml, {where}: the phone number {str(phone)[:40]!r} must be digits, in groups "
            "separated by single spaces (like '116 123')."
        )
    return text


def _web(route: Mapping[str, Any]) -> str:
    web = str(route.get("web") or "").strip()
    if web and not (web.startswith("https://") and urlsplit(web).hostname):
        raise PluginError(f"mkdocs.yml, extra.help_now: the web address '{web[:60]}' must start with https://.")
    return web


def help_routes(extra: Mapping[str, Any]) -> tuple[HelpRoute, ...]:
    """``extra.help_now``, checked: a list of routes, each with a name, what it offers, and a phone number or a
    web address or both."""
    routes = extra.get("help_now")
    if not isinstance(routes, list) or not routes:
        raise PluginError(
            "mkdocs.yml, extra.help_now: list the routes to help now that the pages on mental health show, "
            f"one a line, like {HELP_EXAMPLE}."
        )
    found = []
    for route in routes:
        if not isinstance(route, dict):
            raise PluginError(f"mkdocs.yml, extra.help_now: each route is written like {HELP_EXAMPLE}.")
        unknown = sorted(set(map(str, route)) - set(HELP_KEYS))
        if unknown:
            raise PluginError(
                f"mkdocs.yml, extra.help_now: a route has '{unknown[0][:40]}', which the site does not use; "
                f"a route has {', '.join(HELP_KEYS)}, like {HELP_EXAMPLE}."
            )
        name = _text(route, "name", "extra.help_now", HELP_EXAMPLE)
        how = _text(route, "how", "extra.help_now", HELP_EXAMPLE)
        checked = HelpRoute(name, how, _phone(route, "extra.help_now"), _web(route))
        if not (checked.phone or checked.web):
            raise PluginError(
                f"mkdocs.yml, extra.help_now: give '{name[:40]}' a phone number (phone) or a web address (web), "
                "or both."
            )
        found.append(checked)
    return tuple(found)


def contact(extra: Mapping[str, Any]) -> Contact:
    """``extra.contact``, checked: a name and an email address, and a phone number if there is one."""
    entry = extra.get("contact")
    if not isinstance(entry, dict):
        raise PluginError(
            "mkdocs.yml, extra.contact: say whom readers write to about a problem or accessibility, "
            f"like contact: {CONTACT_EXAMPLE}."
        )
    email = _text(entry, "email", "extra.contact", CONTACT_EXAMPLE)
    if "@" not in email or " " in email:
        raise PluginError(f"mkdocs.yml, extra.contact: '{email[:60]}' is not an email address.")
    return Contact(_text(entry, "name", "extra.contact", CONTACT_EXAMPLE), email, _phone(entry, "extra.contact"))


@dataclass(frozen=True)
class Release:
    """What a reader is reading, for the footer: the site's release and the day it was built."""

    version: str
    built: datetime.date

    @property
    def built_words(self) -> str:
        """The build's date as people write it, e.g. "28 November 2026"."""
        return f"{self.built.day} {self.built:%B %Y}"


def release() -> Release:
    """The site's release (``pyproject.toml``'s version, not an installed copy's, which can be older) and the
    build's date; ``SOURCE_DATE_EPOCH`` fixes the date for a reproducible build."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = datetime.datetime.fromtimestamp(int(epoch), datetime.UTC) if epoch else datetime.datetime.now(datetime.UTC)
    return Release(str(project["version"]), when.date())


def _web_words(web: str) -> str:
    """A web address as people say it: 111.nhs.uk, practitionerhealth.nhs.uk."""
    parts = urlsplit(web)
    host = (parts.hostname or "").removeprefix("www.")
    return host + parts.path.rstrip("/")


def _route(route: HelpRoute) -> str:
    ways = []
    if route.phone:
        ways.append(f'call <a href="tel:{route.phone.replace(" ", "")}">{route.phone}</a>')
    if route.web:
        ways.append(f'go to <a href="{html.escape(route.web)}">{html.escape(_web_words(route.web))}</a>')
    return f"<li><strong>{html.escape(route.name)}</strong>, {html.escape(route.how)}: {' or '.join(ways)}.</li>"


def help_now_box(routes: tuple[HelpRoute, ...]) -> str:
    """The "If you need help now" box, in the site's own voice."""
    items = "".join(_route(route) for route in routes)
    return (
        '<aside class="admonition lotus-help-now lotus-site-words" aria-labelledby="lotus-help-now">'
        '<p class="admonition-title" id="lotus-help-now">If you need help now</p>'
        "<p>If reading this brings up something difficult for you or a colleague, you do not have to "
        'wait. If a life is at risk now, call <a href="tel:999">999</a>. Otherwise:</p>'
        f'<ul>{items}</ul><p class="lotus-help-now-note">This box is from this site, not the toolkit.</p></aside>'
    )


def contact_block(person: Contact) -> str:
    """How to reach the site's contact, for the accessibility statement and the footer."""
    phone = (
        f' or call <a href="tel:{html.escape(person.phone.replace(" ", ""))}">{html.escape(person.phone)}</a>'
        if person.phone
        else ""
    )
    return (
        f'<p class="lotus-contact lotus-site-words">To report a problem with this site, or to ask for '
        f"its content in another format, write to {html.escape(person.name)} at "
        f'<a href="mailto:{html.escape(person.email)}">{html.escape(person.email)}</a>{phone}, and '
        "say that it is about the L.O.T.U.S. toolkit site and which page.</p>"
    )
