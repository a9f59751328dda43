"""Bilingual files (XLIFF 1.2 and 2.x, TMX, PO) as a story and its original, one unit a line.

Read with translate-toolkit (the `bilingual` extra), the maintained library
the localisation tools share. Unit i becomes line i of both texts, so line
and column of every finding name the unit and the offset within it (a line
break inside a unit is read as a space, which keeps the offsets). The file
must say, or leave unsaid, that its source is Chinese and its target English.
"""

from __future__ import annotations

from pathlib import Path

BILINGUAL_SUFFIXES = (".xlf", ".xliff", ".xlf2", ".tmx", ".po")
LINE_BREAKS = str.maketrans({"\n": " ", "\r": " ", "\u2028": " ", "\u2029": " "})


class BilingualFileError(Exception):
    """A bilingual file that cannot be read or is not Chinese -> English; the message says why."""


def is_bilingual(path: Path | None) -> bool:
    return path is not None and path.suffix.lower() in BILINGUAL_SUFFIXES


def read_units(path: Path) -> tuple[str, str, list[str]]:
    """(English text, Chinese text, unit ids) of a bilingual file, unit i on line i of both."""
    try:
        from translate.storage import factory
    except ImportError:
        raise BilingualFileError("reading XLIFF, TMX and PO needs translate-toolkit: pip install 'checker[bilingual]'") from None
    try:
        store = _open(path, factory)
    except Exception as exc:  # the toolkit raises many kinds (lxml, its own parse errors, ValueError)
        raise BilingualFileError(f"not a readable bilingual file ({type(exc).__name__}: {exc})") from None
    source_lang = _lang(store, "getsourcelanguage", "srclang", "sourcelanguage")
    target_lang = _lang(store, "gettargetlanguage", "targetlanguage")
    if source_lang and not source_lang.lower().startswith("zh") or target_lang and not target_lang.lower().startswith("en"):
        raise BilingualFileError(f"languages are {source_lang or '?'} -> {target_lang or '?'}; checker reads Chinese (zh) -> English (en)")
    english: list[str] = []
    chinese: list[str] = []
    ids: list[str] = []
    for unit in store.units:
        if unit.isheader() or not unit.source:
            continue
        chinese.append(str(unit.source).translate(LINE_BREAKS))
        english.append(str(unit.target or "").translate(LINE_BREAKS))
        ids.append(str(unit.getid() or len(ids) + 1))
    if not ids:
        raise BilingualFileError("holds no translation units")
    return "\n".join(english) + "\n", "\n".join(chinese) + "\n", ids


def _open(path: Path, factory):
    suffix = path.suffix.lower()
    data = path.read_bytes()
    if suffix in (".xlf", ".xliff", ".xlf2") and b"urn:oasis:names:tc:xliff:document:2" in data[:4096]:
        from translate.storage import xliff2

        return xliff2.Xliff2File.parsestring(data)
    if suffix == ".tmx":
        from translate.storage import tmx

        store = tmx.tmxfile.parsestring(data)
        return _tmx_zh_en(store, data)
    return factory.getobject(str(path))


def _tmx_zh_en(store, data: bytes):
    """TMX keeps languages per variant: read zh as source and en as target whatever the header says."""
    from lxml import etree

    root = etree.fromstring(data)
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    langs = {(tuv.get(xml_lang) or tuv.get("lang") or "").lower() for tuv in root.iter("tuv")}
    if not any(l.startswith("zh") for l in langs) or not any(l.startswith("en") for l in langs):
        raise BilingualFileError(f"TMX languages are {', '.join(sorted(langs)) or '?'}; checker reads Chinese (zh) -> English (en)")

    class Unit:
        def __init__(self, tu, n):
            texts = {}
            for tuv in tu.iter("tuv"):
                lang = (tuv.get(xml_lang) or tuv.get("lang") or "").lower()
                seg = tuv.find("seg")
                texts[lang[:2]] = "".join(seg.itertext()) if seg is not None else ""
            self.source, self.target, self.id = texts.get("zh", ""), texts.get("en", ""), tu.get("tuid") or str(n)

        def isheader(self):
            return False

        def getid(self):
            return self.id

    class Store:
        units = [Unit(tu, n) for n, tu in enumerate(root.iter("tu"), 1)]

        def getsourcelanguage(self):
            return "zh"

        def gettargetlanguage(self):
            return "en"

    return Store()


def _lang(store, *names) -> str | None:
    for name in names:
        value = getattr(store, name, None)
        if callable(value):
            try:
                value = value()
            except Exception:
                value = None
        if isinstance(value, str) and value:
            return value
    return None
