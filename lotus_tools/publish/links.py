"""The toolkit's external resources: one address each, written once.

Pages name a resource as ``[link text](ext:ID)``; :func:`resolve` replaces it
with the address from ``data/external-links.yml``, or with the plain link text
where no address is known yet (never a dead link).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

DATA = Path(__file__).parent / "data" / "external-links.yml"
_EXT_LINK = re.compile(r"\[(?P<text>[^\]]+)\]\(ext:(?P<id>[a-z0-9-]+)\)")


@dataclass(frozen=True)
class Resource:
    """An external resource the toolkit names."""

    id: str
    text: str
    where: str
    url: str | None


def resources() -> dict[str, Resource]:
    """Every resource in the data file, by id."""
    entries = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return {e["id"]: Resource(e["id"], e["text"], e["where"], e["url"]) for e in entries}


def resolve(markdown: str, page: str = "") -> str:
    """Replace each ``[text](ext:ID)`` with a link to its address, or its text alone."""
    known = resources()

    def replace(match: re.Match[str]) -> str:
        ident = match["id"]
        if ident not in known:
            raise PluginError(
                f"{page}: no external resource has the id 'ext:{ident}'. Add it to "
                "lotus_tools/publish/data/external-links.yml (id, text, where, url), or correct the id."
            )
        url = known[ident].url
        return f"[{match['text']}]({url})" if url else match["text"]

    return _EXT_LINK.sub(replace, markdown)


def unaddressed() -> list[Resource]:
    """The resources that still have no known address, in the data file's order."""
    return [r for r in resources().values() if r.url is None]


def unaddressed_table() -> str:
    """An HTML table of the resources with no address yet, for maintainers."""
    rows = "\n".join(
        f"<tr><td>{html.escape(r.text)}</td><td>{html.escape(r.where)}</td><td><code>{r.id}</code></td></tr>"
        for r in unaddressed()
    )
    return (
        f"<p>{len(unaddressed())} of {len(resources())} resources have no address yet.</p>\n"
        '<table>\n<thead><tr><th scope="col">Resource</th><th scope="col">Where the toolkit names it</th>'
        '<th scope="col">Id in the data file</th></tr></thead>\n'
        f"<tbody>\n{rows}\n</tbody>\n</table>"
    )
