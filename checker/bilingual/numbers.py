"""Numbers in Chinese and English text, as values that can be compared across the two.

Chinese: Arabic digits (half- or full-width) with scale characters (3049万 =
30,490,000; 1080亿; 3亿2000万), Chinese numerals (二十五, 两, 〇, 十一万七千,
三点五), percentages in 成 (两成 = 20). Every part is kept as well (十九届四中全会:
19 and 4), because the English may give either the whole or a part; a value
set that is too generous only costs recall, never a false alarm.
English: digit tokens (1,200 / 3.5 / 25th / 1990s) with a scale word after
them (30.49 million). Number words are left alone: "one" and "two" stand for
articles and pronouns too often.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

WIDE = str.maketrans("０１２３４５６７８９．％", "0123456789.%")  # not the full-width comma: 211，985 is a list
CN_DIGIT = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNIT = {"十": 10, "百": 100, "千": 1000}
CN_BIG = {"万": 10**4, "亿": 10**8}
SCALE_CHARS = {"万亿": 10**12, "亿": 10**8, "万": 10**4, "千": 1000, "百": 100}
ZH_ARABIC = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?)(?:[多余])?(万亿|亿|万|千|百)?(?:(?<=[亿万])(\d+(?:\.\d+)?)(万|千|百)?)?")
ZH_RANGE = re.compile(r"(\d+(?:\.\d+)?)\s*[至到~～\-—－]\s*\d+(?:\.\d+)?\s*(万亿|亿|万)")  # 600至850亿: 600亿 to 850亿
ZH_VAGUE = re.compile(r"(?<=[十百千])[几多余](?=[万亿])")
ZH_ROUGH = re.compile(r"([一二三四五六七八九])([一二三四五六七八九])([十百千万])")  # 四五十: forty or fifty
ZH_NUMERAL = re.compile(r"[零〇○一二两三四五六七八九十百千万亿]+(?:点[零〇○一二三四五六七八九]+)?(成)?")
ZH_EXTRA = {"双": 2, "俩": 2, "仨": 3, "半": 0.5, "倍": 2}
ZH_YEAR = re.compile(r"(?:1[89]|20)\d\d(?!\d)|[一二〇○零九八]{4}年")
RELATIVE_DAY = re.compile(r"当日|当天|今天|昨天|今日|昨日|日前|近日|同日|次日|前一天|本周|上周")
RELATIVE_YEAR = re.compile(r"今年|去年|明年|前年|后年|同年|当年|本年|年内|年初|年底|年末|本届|上届|次年")

EN_SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12,
             "mn": 10**6, "bn": 10**9, "m": 10**6, "b": 10**9, "k": 1000}
EN_NUMBER = re.compile(
    r"(?<![A-Za-z\d.,:/+])(?<![A-Za-z]-)(\d+(?:,\d{3})+|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,])|\d+)(\.\d+)?"
    r"(?:(st|nd|rd|th|s)\b|[\s-]*(hundred|thousand|million|billion|trillion|mn|bn|m|b|k)\b)?(?![A-Za-z\d]|[.,]\d|:\s?\d)",
    re.I,
)
CLOCK_BEFORE = re.compile(r"\d:\s$")
DIGIT_GROUP_BEFORE = re.compile(r"\d{3,} $")
DIGIT_GROUP_AFTER = re.compile(r" \d{3,}(?!\d|[.,]\d)")
RANGE_TO = re.compile(r"\s*(?:to|-|–|—|and|or)\s*")  # "60 to 85 billion": the first number takes the scale of the second
EN_MONTH = re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\b\.?")
MONTHS = {m: i + 1 for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split())}


def en_months(text: str, start: int, end: int) -> set[float]:
    """Months named in the English (November -> 11): the counterpart of a source's 11月."""
    return {float(MONTHS[m.group(1)[:3].lower()]) for m in EN_MONTH.finditer(text, start, end)}


class ZhNumber(NamedTuple):
    start: int
    end: int
    value: float  # the whole number as written (3049万 -> 30490000)


class EnNumber(NamedTuple):
    start: int
    end: int
    value: float  # base x scale
    base: float  # the digits as written (30.49 in "30.49 million")
    scale: int  # 1, or the scale word's value
    decimals: int
    suffix: str  # ordinal or plural ending, or " million"...
    grouped: bool = False  # written with thousands separators (1,200)


def cn_int(s: str) -> int | None:
    """A Chinese numeral -> int: 二〇二〇 = 2020, 一千二百万 = 12000000, 十一万七千 = 117000; None if not one."""
    if not s:
        return None
    if all(c in CN_DIGIT for c in s):
        return CN_DIGIT[s] if len(s) == 1 else int("".join(str(CN_DIGIT[c]) for c in s))
    total, section, num = 0, 0, None
    for c in s:
        if c in CN_DIGIT:
            num = CN_DIGIT[c]
        elif c in CN_UNIT:
            section += (1 if num is None else num) * CN_UNIT[c]
            num = None
        elif c in CN_BIG:
            section += num or 0
            section = section or 1
            if CN_BIG[c] == 10**8:
                total = (total + section) * 10**8
            else:
                total += section * 10**4
            section, num = 0, None
        else:
            return None
    return total + section + (num or 0)


def zh_numbers(text: str, start: int = 0, end: int | None = None) -> tuple[list[ZhNumber], frozenset[float]]:
    """The numbers written in text[start:end] and every value the English may give for them."""
    end = len(text) if end is None else end
    found, values = _zh_numbers(text[start:end])
    return [z._replace(start=z.start + start, end=z.end + start) for z in found], values


@lru_cache(maxsize=4096)
def _zh_numbers(piece: str) -> tuple[list[ZhNumber], frozenset[float]]:
    start = 0
    t = piece.translate(WIDE)
    found: list[ZhNumber] = []
    values: set[float] = set()
    taken = [False] * len(t)
    for m in ZH_ARABIC.finditer(t):
        base = float(m.group(1).replace(",", ""))
        value = base
        values.add(base)
        if m.group(2):
            value = base * SCALE_CHARS[m.group(2)]
            if m.group(3):
                value += float(m.group(3)) * (SCALE_CHARS[m.group(4)] if m.group(4) else 1)
                values.add(float(m.group(3)))
            values.add(value)
        found.append(ZhNumber(start + m.start(), start + m.end(), value))
        for i in range(m.start(), m.end()):
            taken[i] = True
    for m in ZH_NUMERAL.finditer(t):
        if taken[m.start()]:
            continue
        s = m.group(0).removesuffix("成")
        whole, _, frac = s.partition("点")
        integer = cn_int(whole)
        if integer is None:
            continue
        value = float(integer)
        if frac:
            value = float(f"{integer}.{''.join(str(CN_DIGIT[c]) for c in frac)}")  # 三点五 = 3.5
            values.add(float(integer))
        if m.group(1):
            values.add(float(value))
            value *= 10  # 两成 = 20 percent
        values.add(float(value))
        for part in re.findall(r"[零〇○一二两三四五六七八九十百千]+", whole):
            pv = cn_int(part)
            if pv is not None:
                values.add(float(pv))
        values.update(float(CN_DIGIT[c]) for c in whole if c in CN_DIGIT)
        if any(c in CN_DIGIT or c == "十" for c in whole) and (len(s) > 1 or s not in "一两"):  # a lone 一/两 is mostly "a", "both"
            found.append(ZhNumber(start + m.start(), start + m.start() + len(m.group(0)), float(value)))
    for m in ZH_RANGE.finditer(t):
        values.add(float(m.group(1)) * SCALE_CHARS[m.group(2)])
    for m in ZH_NUMERAL.finditer(ZH_VAGUE.sub("", t)):  # 十几万 reads as 十万: "more than 100,000"
        vague = cn_int(m.group(0).removesuffix("成").partition("点")[0])
        if vague is not None:
            values.add(float(vague))
    for m in ZH_ROUGH.finditer(t):
        values.update(float(CN_DIGIT[m.group(i)] * CN_UNIT.get(m.group(3), CN_BIG.get(m.group(3), 1))) for i in (1, 2))
    for c, v in ZH_EXTRA.items():
        if c in t:
            values.add(float(v))
    return found, frozenset(values)


def en_numbers(text: str, start: int = 0, end: int | None = None) -> list[EnNumber]:
    """Digit numbers in text[start:end]; digits glued to letters (COVID-19, G20, 5G) are names, not numbers."""
    end = len(text) if end is None else end
    out = []
    for m in EN_NUMBER.finditer(text, start, end):
        digits = m.group(1)
        if len(m.group(0)) <= 2 and text[m.end() : m.end() + 1] == ")" and "(" not in text[max(0, m.start() - 2) : m.start()]:
            continue  # a list marker: 1) 2)
        if CLOCK_BEFORE.search(text[max(0, m.start() - 4) : m.start()]):
            continue  # the minutes of "6: 00 pm", "9: 30"
        if DIGIT_GROUP_BEFORE.search(text[max(0, m.start() - 6) : m.start()]) or DIGIT_GROUP_AFTER.match(text, m.end()):
            continue  # one group of a telephone or account number ("+853 8599 3119"): not a quantity
        base = float(re.sub(r"[,\s\u00a0\u202f]", "", digits) + (m.group(2) or ""))
        scale_word = (m.group(4) or "").lower()
        scale = EN_SCALES.get(scale_word, 1)
        decimals = len(m.group(2)) - 1 if m.group(2) else 0
        suffix = m.group(0)[m.end(2 if m.group(2) else 1) - m.start():]
        if scale == 1 and not m.group(3):
            after = RANGE_TO.match(text, m.end())
            nxt = EN_NUMBER.match(text, after.end()) if after else None
            if nxt and nxt.group(4) and len(digits) <= 3:
                scale = EN_SCALES[nxt.group(4).lower()]
                suffix = ""
        out.append(EnNumber(m.start(), m.end(), base * scale, base, scale, decimals, suffix, not digits.isdigit()))
    return out


def matches(number: EnNumber, values: set[float]) -> bool:
    """Does the source hold this English number (exactly, or rounded as the English writes it)?"""
    if number.value in values or number.base in values:
        return True
    if number.suffix.lower() == "s" and 1900 <= number.base < 2100 and number.base % 100 in values:
        return True  # the 1990s for 90年代
    if number.base.is_integer() and number.base >= 1000 and number.scale == 1:
        # 1,200 for 1200; 13,000 for 1.3万 were caught above; 120,000 for 12万 too
        return False
    tolerance = 0.5 * 10**-number.decimals + 1e-9
    if number.scale == 1 and number.decimals == 0:
        return any(not v.is_integer() and abs(v - number.base) <= tolerance for v in values)
    return any(abs(v / number.scale - number.base) <= tolerance for v in values if v)


def is_day(number: EnNumber) -> bool:
    return number.scale == 1 and number.decimals == 0 and 1 <= number.base <= 31


def is_year(number: EnNumber) -> bool:
    return number.scale == 1 and number.decimals == 0 and 1900 <= number.base <= 2100 and not number.suffix


def written_like(value: float, like: EnNumber) -> str:
    """`value` written in the English number's own form: its scale word, ordinal ending, thousands commas."""
    base = value / like.scale
    if base.is_integer():
        digits = f"{int(base):,}" if like.grouped else str(int(base))
    else:
        digits = f"{base:.{max(like.decimals, 1)}f}".rstrip("0").rstrip(".") if like.decimals == 0 else f"{base:.{like.decimals}f}"
    suffix = like.suffix
    if suffix.lower() in ("st", "nd", "rd", "th"):
        suffix = ordinal_suffix(int(base)) if base.is_integer() else suffix
    return digits + suffix


def ordinal_suffix(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
