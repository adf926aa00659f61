"""The toolkit's links: external resources, one address each, written once; and the site's own addresses.

Pages name a resource as ``[link text](ext:ID)``; :func:`resolve` replaces it
with the address from ``data/external-links.yml``, or with the plain link text
where no address is known yet (never a dead link). MkDocs checks Markdown links
but not those written in raw HTML: :func:`check_addresses` stops the build on
any link in a page that leads to no file of the site.
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import yaml
from mkdocs.exceptions import PluginError

DATA = Path(__file__).parent / "data" / "external-links.yml"
_EXT_LINK = re.compile(r"\[(?P<text>[^\]]+)\]\(ext:(?P<id>[a-z0-9-]+)\)")
_ADDRESS = re.compile(r"""<(?:a|img|source)\b[^>]*?\s(?:href|src)=(?P<q>["'])(?P<address>.*?)(?P=q)""", re.S)
_HERE = "https://site.invalid/"
"""A stand-in for the site's address, so that a link is resolved from its page as a browser resolves it."""


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


def site_files(paths: Iterable[str]) -> frozenset[str]:
    """The files of a built site, by their paths inside it (a folder's address ``x/`` counts as ``x/index.html``)."""
    return frozenset(f"{path}index.html" if path.endswith("/") or not path else path for path in paths)


def _leads_somewhere(path: str, files: Collection[str]) -> bool:
    """Whether a browser at ``path`` (inside the site) gets one of ``files``, as a static host serves them."""
    if not path or path.endswith("/"):
        return f"{path}index.html" in files
    return path in files or f"{path}/index.html" in files


def check_addresses(content: str, page_url: str, page: str, files: Collection[str]) -> None:
    """Stop the build if a link or image in ``content`` (the page at ``page_url``) leads to none of ``files``."""
    for found in _ADDRESS.finditer(content):
        address = html.unescape(found["address"])
        target = urlsplit(urljoin(_HERE + page_url, address))
        if f"{target.scheme}://{target.netloc}/" != _HERE:
            continue  # another site, mail, a telephone number, data
        path = unquote(target.path).lstrip("/")
        if address.strip() and _leads_somewhere(path, files):
            continue
        raise PluginError(
            f"{page}: the link '{address}' leads to nothing on this site (from this page it is /{path}). "
            "MkDocs does not check or convert links written in HTML: point it at a built page's address "
            "(such as '../triage/') or a file the site has, or write it as a Markdown link to the .md file."
        )
