"""Search that finds the words readers type: the other forms of each section's words, added to the search index.

Material searches each word as a prefix ("letters" is "letters*") and lunr does not stem a prefix, so a
stemmed index would find nothing for a whole word ("triage*" against the stem "triag"), and a plain one
finds "letter" but not "letters", and nothing for "triaging". So the index stays plain, and each section
gains two fields beside its title and text (with their boosts), holding only forms it does not already
start: its title's words in every inflection (``title_forms``), and its text's words in the other forms the
site itself uses (``forms``: "letter" is also found as "letters"). A form belongs to a word when the two
share their stem under the inflectional steps of Porter's stemmer, the one lunr uses. Prefix search while
typing is unchanged.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

INDEX = Path("search") / "search_index.json"
"""Where Material's search plugin writes the index, in the built site."""
FIELDS = {"title_forms": "title", "forms": "text"}
"""Each added field and the field whose boost it takes."""
_VOWELS = frozenset("aeiou")
_SIBILANT = re.compile(r"(?:s|x|z|ch|sh)$")
_CONSONANT_Y = re.compile(r"[^aeiou]y$")


def _consonant(word: str, i: int) -> bool:
    if word[i] in _VOWELS:
        return False
    return word[i] != "y" or i == 0 or not _consonant(word, i - 1)


def _measure(stem: str) -> int:
    """Porter's m: how many vowel-consonant runs the stem has."""
    kinds = "".join("c" if _consonant(stem, i) else "v" for i in range(len(stem)))
    return len(re.findall(r"v+c+", kinds))


def _has_vowel(stem: str) -> bool:
    return any(not _consonant(stem, i) for i in range(len(stem)))


def _cvc(stem: str) -> bool:
    """Ends consonant-vowel-consonant, the last not w, x or y ("hop", not "snow")."""
    n = len(stem)
    return (
        n >= 3
        and _consonant(stem, n - 1)
        and not _consonant(stem, n - 2)
        and _consonant(stem, n - 3)
        and stem[-1] not in "wxy"
    )


@functools.cache
def stem(word: str) -> str:
    """The word without its inflection: Porter's steps 1 and 5 (plural, -ed, -ing, final y and e)."""
    if word.endswith("sses") or word.endswith("ies"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    if word.endswith("eed"):
        word = word[:-1] if _measure(word[:-3]) > 0 else word
    else:
        for suffix in ("ed", "ing"):
            if word.endswith(suffix) and _has_vowel(word[: -len(suffix)]):
                word = word[: -len(suffix)]
                if word.endswith(("at", "bl", "iz")):
                    word += "e"
                elif (
                    len(word) > 1 and word[-1] == word[-2] and _consonant(word, len(word) - 1) and word[-1] not in "lsz"
                ):
                    word = word[:-1]
                elif _measure(word) == 1 and _cvc(word):
                    word += "e"
                break
    if word.endswith("y") and _has_vowel(word[:-1]):
        word = word[:-1] + "i"
    if word.endswith("e"):
        m = _measure(word[:-1])
        if m > 1 or (m == 1 and not _cvc(word[:-1])):
            word = word[:-1]
    if word.endswith("ll") and _measure(word) > 1:
        word = word[:-1]
    return word


def _bases(word: str) -> set[str]:
    """What the word may be an inflection of, itself included; wrong guesses are left to ``stem``."""
    found = {word}
    if word.endswith("ies"):
        found.add(word[:-3] + "y")
    elif word.endswith("es") and _SIBILANT.search(word[:-2]):
        found.add(word[:-2])
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        found.add(word[:-1])
    for suffix in ("ed", "ing"):
        base = word.removesuffix(suffix)
        if base != word and len(base) >= 3:
            found |= {base[:-1] + "y"} if suffix == "ed" and base.endswith("i") else {base, base + "e"}
            if base[-1] == base[-2] and base[-1] not in _VOWELS:
                found.add(base[:-1])
    return found


def _inflections(base: str) -> set[str]:
    """The base with its plural, its -ed and its -ing, spelt by the usual rules."""
    if _SIBILANT.search(base):
        plural = base + "es"
    elif _CONSONANT_Y.search(base):
        plural = base[:-1] + "ies"
    else:
        plural = base + "s"
    if base.endswith("e"):
        past, ing = base + "d", base[:-1] + "ing"
    elif _CONSONANT_Y.search(base):
        past, ing = base[:-1] + "ied", base + "ing"
    elif len(base) <= 4 and _cvc(base):
        past, ing = base + base[-1] + "ed", base + base[-1] + "ing"
    else:
        past, ing = base + "ed", base + "ing"
    return {plural, past, ing}


@functools.cache
def forms(word: str) -> frozenset[str]:
    """The other forms of a word: "triage" gives "triages", "triaged" and "triaging". A word that is itself
    an inflection is not inflected again ("triaged", not "triageds"); words under four letters are left
    alone (most are lunr's stop words: "the", "and", "how")."""
    if not word.isascii() or not word.isalpha() or len(word) < 4:
        return frozenset()
    own = stem(word)
    bases = {base for base in _bases(word) if stem(base) == own}
    if bases != {word}:
        bases.discard(word)
    return frozenset(form for base in bases for form in _inflections(base) | {base} if stem(form) == own) - {word}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:  # the standard library's name
        self.parts.append(data)


def words(markup: str, separator: str) -> set[str]:
    """The words of an index field as lunr sees them: text only, split by the index's separator, trimmed of
    anything but letters and digits at either end, lower case."""
    text = _Text()
    text.feed(markup)
    text.close()
    tokens = (
        re.sub(r"^\W+|\W+$", "", token, flags=re.ASCII).lower() for token in re.split(separator, " ".join(text.parts))
    )
    return {token for token in tokens if token}


def _missing(candidates: Iterable[str], have: set[str]) -> str:
    """The candidates a prefix search of the section would not already find, in order, space-separated."""
    new = set(candidates) - have
    every = sorted(have | new)
    after = dict(zip(every, [*every[1:], ""], strict=True))
    return " ".join(form for form in sorted(new) if not after[form].startswith(form))


def add_forms(index: dict[str, Any]) -> dict[str, Any]:
    """Material's search index with the two fields of forms added to its configuration and its sections."""
    config, docs = index["config"], index["docs"]
    separator = config["separator"]
    seen = [(words(doc.get("title", ""), separator), words(doc.get("text", ""), separator)) for doc in docs]
    vocabulary = set().union(*(title | text for title, text in seen))
    for doc, (title, text) in zip(docs, seen, strict=True):
        added = {
            "title_forms": _missing((form for word in title for form in forms(word)), title),
            "forms": _missing((form for word in text for form in forms(word) if form in vocabulary), text | title),
        }
        for name, value in added.items():
            if value:
                doc[name] = value
            else:
                doc.pop(name, None)
    config["fields"] = {**config["fields"], **{name: config["fields"][source] for name, source in FIELDS.items()}}
    return index


def write(site_dir: str | Path) -> None:
    """Add the forms to the built site's search index (Material wrote it in its own ``on_post_build``)."""
    path = Path(site_dir) / INDEX
    index = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(add_forms(index), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
