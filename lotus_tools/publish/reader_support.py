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
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.metadata import version
from typing import Any

from mkdocs.exceptions import PluginError

HELP_EXAMPLE = "- {name: Samaritans, how: 'call 116 123, free, day or night', href: 'tel:116123'}"
CONTACT_EXAMPLE = "{name: NHS England, email: someone@nhs.net, phone: 0300 311 22 33}"


@dataclass(frozen=True)
class HelpRoute:
    """A well-established route to help now, e.g. Samaritans, with how to reach it."""

    name: str
    how: str
    href: str


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


def help_routes(extra: Mapping[str, Any]) -> tuple[HelpRoute, ...]:
    """``extra.help_now``, checked: a list of routes, each with a name, how to reach it and a link."""
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
        href = _text(route, "href", "extra.help_now", HELP_EXAMPLE)
        if not href.startswith(("tel:", "https://")):
            raise PluginError(f"mkdocs.yml, extra.help_now: the link '{href[:60]}' must start with tel: or https://.")
        found.append(
            HelpRoute(
                _text(route, "name", "extra.help_now", HELP_EXAMPLE),
                _text(route, "how", "extra.help_now", HELP_EXAMPLE),
                href,
            )
        )
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
    phone = entry.get("phone") or ""
    return Contact(_text(entry, "name", "extra.contact", CONTACT_EXAMPLE), email, str(phone))


def release() -> str:
    """The site's release, from the package's version."""
    return version("lotus_tools")


def built() -> str:
    """The build's date in words; ``SOURCE_DATE_EPOCH`` fixes it for a reproducible build."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = datetime.datetime.fromtimestamp(int(epoch), datetime.UTC) if epoch else datetime.datetime.now(datetime.UTC)
    return f"{when.day} {when:%B %Y}"


def help_now_box(routes: tuple[HelpRoute, ...]) -> str:
    """The "If you need help now" box, in the site's own voice."""
    items = "".join(
        f'<li><a href="{html.escape(route.href)}">{html.escape(route.name)}</a>: {html.escape(route.how)}</li>'
        for route in routes
    )
    return (
        '<aside class="admonition lotus-help-now lotus-site-words" aria-labelledby="lotus-help-now">'
        '<p class="admonition-title" id="lotus-help-now">If you need help now</p>'
        "<p>If reading this brings up something difficult for you or a colleague, you do not have to "
        "wait. In an emergency call 999. Otherwise:</p>"
        f"<ul>{items}</ul></aside>"
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
