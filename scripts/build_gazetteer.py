"""Generate rules/data/names/gazetteer.yaml from cpca's administrative codes.

The matcher needs to know that two romanised names belong to two different
Chinese places (Shanxi/Shaanxi, Xining/Yining), so the gazetteer is keyed by
Chinese characters. cpca ships about 3,500 administrative names with codes;
pypinyin romanises them. Neither is a runtime dependency: re-run this script
by hand when the source data or the overrides change.

    python3 -m venv /tmp/gazvenv
    /tmp/gazvenv/bin/pip install cpca pypinyin PyYAML
    /tmp/gazvenv/bin/python scripts/build_gazetteer.py

The 34 provincial-level divisions are written out below (names, level and
one-character abbreviations from transliteration-tables.md, section (d)), not
generated: a place-list rule relies on them being exact. Spellings of places
that rules/data/names/places.yaml links to Chinese characters (Shigatse, Xigaze for
日喀则) are merged into the generated lower-level entries.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import cpca
import yaml
from pypinyin import Style, lazy_pinyin

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "rules" / "data" / "names" / "gazetteer.yaml"
PLACES = ROOT / "rules" / "data" / "names" / "places.yaml"
CPCA_RESOURCES = Path(cpca.__file__).parent / "resources"

# key, names (canonical first), level, abbreviations (简称)
PROVINCES = [
    ("北京", ["Beijing"], "municipality", ["京"]),
    ("天津", ["Tianjin"], "municipality", ["津"]),
    ("河北", ["Hebei"], "province", ["冀"]),
    ("山西", ["Shanxi"], "province", ["晋"]),
    ("内蒙古", ["Inner Mongolia", "Nei Mongol"], "autonomous-region", ["蒙"]),
    ("辽宁", ["Liaoning"], "province", ["辽"]),
    ("吉林", ["Jilin"], "province", ["吉"]),
    ("黑龙江", ["Heilongjiang"], "province", ["黑"]),
    ("上海", ["Shanghai"], "municipality", ["沪"]),
    ("江苏", ["Jiangsu"], "province", ["苏"]),
    ("浙江", ["Zhejiang"], "province", ["浙"]),
    ("安徽", ["Anhui"], "province", ["皖"]),
    ("福建", ["Fujian"], "province", ["闽"]),
    ("江西", ["Jiangxi"], "province", ["赣"]),
    ("山东", ["Shandong"], "province", ["鲁"]),
    ("河南", ["Henan"], "province", ["豫"]),
    ("湖北", ["Hubei"], "province", ["鄂"]),
    ("湖南", ["Hunan"], "province", ["湘"]),
    ("广东", ["Guangdong"], "province", ["粤"]),
    ("广西", ["Guangxi"], "autonomous-region", ["桂"]),
    ("海南", ["Hainan"], "province", ["琼"]),
    ("重庆", ["Chongqing"], "municipality", ["渝"]),
    ("四川", ["Sichuan"], "province", ["川", "蜀"]),
    ("贵州", ["Guizhou"], "province", ["贵", "黔"]),
    ("云南", ["Yunnan"], "province", ["云", "滇"]),
    ("西藏", ["Xizang", "Tibet"], "autonomous-region", ["藏"]),
    ("陕西", ["Shaanxi"], "province", ["陕", "秦"]),
    ("甘肃", ["Gansu"], "province", ["甘", "陇"]),
    ("青海", ["Qinghai"], "province", ["青"]),
    ("宁夏", ["Ningxia"], "autonomous-region", ["宁"]),
    ("新疆", ["Xinjiang"], "autonomous-region", ["新"]),
    ("香港", ["Hong Kong"], "sar", ["港"]),
    ("澳门", ["Macao", "Macau"], "sar", ["澳"]),
    ("台湾", ["Taiwan"], "province", ["台"]),
]

# pypinyin's default readings that are wrong in place names: the five in
# transliteration-tables.md (header note), plus 长 and 朝, which pypinyin
# reads zhang / zhao in place names (长治 Changzhi, 朝阳 Chaoyang).
READING_OVERRIDES = {
    "勒": "le", "都": "du", "什": "shi", "藏": "zang", "卜": "bu", "长": "chang", "朝": "chao",
}
# Whole names with a local reading that no per-character rule gives.
NAME_OVERRIDES = {
    "长子": "Zhangzi", "闵行": "Minhang", "洪洞": "Hongtong", "珲春": "Hunchun",
    "涡阳": "Guoyang", "繁峙": "Fanshi", "筠连": "Junlian",
}

GENERIC_SUFFIXES = ["特别行政区", "自治区", "地区", "林区", "省", "市", "盟", "县", "区", "旗", "州"]
SKIPPED = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


def ethnic_autonomy_pattern() -> re.Pattern[str]:
    """Matches '(藏族)(羌族)自治州/县/旗' so 甘孜藏族自治州 keeps only 甘孜."""
    rows = (CPCA_RESOURCES / "56_nations.csv").read_text(encoding="utf-8").split()
    groups = sorted({r.removesuffix("族") for r in rows if r}, key=len, reverse=True)
    return re.compile(f"(?:(?:{'|'.join(groups)})族?)+自治[州县旗]$")


def base_name(full: str, ethnic: re.Pattern[str]) -> str | None:
    """Strip the administrative suffix; None for one-character bases (too ambiguous)."""
    base = ethnic.sub("", full)
    if base == full:
        for suffix in GENERIC_SUFFIXES:
            if base.endswith(suffix) and len(base) > len(suffix):
                base = base[: -len(suffix)]
                break
    return base if len(base) >= 2 else None


def romanise(chars: str) -> str:
    """Pinyin without tones, syllables joined, apostrophe before a/e/o (Xi'an)."""
    if chars in NAME_OVERRIDES:
        return NAME_OVERRIDES[chars]
    syllables = lazy_pinyin(chars, style=Style.NORMAL, errors="ignore")
    syllables = [READING_OVERRIDES.get(c, s) for c, s in zip(chars, syllables)]
    if lazy_pinyin(chars[0], style=Style.TONE3)[0] == "shan3":
        syllables[0] = "shaan"  # 陕 Shǎn is spelled Shaanxi to differ from 山西 Shanxi
    word = syllables[0]
    for s in syllables[1:]:
        word += ("'" if s[0] in "aeo" else "") + s
    return word.capitalize()


def places_spellings() -> dict[str, list[str]]:
    """Spellings from places.yaml for classes linked to Chinese characters."""
    data = yaml.safe_load(PLACES.read_text(encoding="utf-8"))
    return {c["zh"]: c["names"] for c in data["classes"] if c.get("zh")}


def main() -> None:
    ethnic = ethnic_autonomy_pattern()
    province_keys = {key for key, *_ in PROVINCES}
    extra = places_spellings()
    lower: dict[str, list[str]] = {}
    with open(CPCA_RESOURCES / "adcodes.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["adcode"][2:] == "0" * 10 or row["name"] in SKIPPED:
                continue
            base = base_name(row["name"], ethnic)
            if base and base not in province_keys:
                lower.setdefault(base, [romanise(base)])
    for key, names in extra.items():
        if key not in province_keys:
            spellings = lower.setdefault(key, [])
            spellings += [n for n in names if n not in spellings]
    header = (
        "# Gazetteer of Chinese places, keyed by Chinese characters.\n"
        "# Two names under different keys are different places and are never merged.\n"
        "# GENERATED by scripts/build_gazetteer.py (see its docstring to re-run):\n"
        "#   provinces: the 34 provincial-level divisions, hand-written in the script\n"
        "#     (abbreviations from transliteration-tables.md (d));\n"
        "#   places: prefecture- and county-level names from cpca's adcodes.csv,\n"
        "#     romanised with pypinyin plus the overrides in transliteration-tables.md,\n"
        "#     plus the spellings rules/data/names/places.yaml links to the same characters.\n"
    )
    body = {
        "provinces": [
            {"key": key, "names": names, "level": level, "abbr": abbr}
            for key, names, level, abbr in PROVINCES
        ],
        "places": dict(sorted(lower.items())),
    }
    text = yaml.safe_dump(body, allow_unicode=True, sort_keys=False, default_flow_style=None, width=100)
    OUT.write_text(header + text, encoding="utf-8")
    print(f"wrote {OUT}: {len(PROVINCES)} provinces, {len(lower)} places")


if __name__ == "__main__":
    main()
