"""Numbers in Chinese and English text, as values that can be compared across the two.

Chinese: Arabic digits (half- or full-width) with scale characters (3049万 =
30,490,000; 1080亿; 3亿2000万), Chinese numerals (二十五, 两, 〇, 十一万七千,
三点五), percentages in 成 (两成 = 20). Every part is kept as well (十九届四中全会:
19 and 4), because the English may give either the whole or a part; a value
set that is too generous only costs recall, never a false alarm.
English: digit tokens (1,200 / 3.5 / 25th / 1990s) with a scale word after
them (30.49 million). Number words are left alone there: "one" and "two"
stand for articles and pronouns too often to be flagged.
The other way round (zh_counted, en_digit_values, en_word_values): the source's
quantities, and every form the English may give one in, words and ordinals
included, since there a generous reading only costs recall.
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
    return list(_en_numbers(text, start, len(text) if end is None else end))


@lru_cache(maxsize=1024)
def _en_numbers(text: str, start: int, end: int) -> tuple[EnNumber, ...]:
    """Found once a span: the alignment, both number rules and their neighbours' look-ups read the same segments."""
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
    return tuple(out)


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


# ---------------------------------------------------------------- the other way: source numbers the copy lacks

# Measure words and units after which a Chinese numeral counts something (Chao, "A Grammar of Spoken
# Chinese", ch. 7, the common classifiers; with the calendar and metric units). A numeral before anything
# else is left alone: 四川, 一带一路, 三峡, 五一 and 十一 (holidays), 十分 ("very") are words, not quantities.
ZH_COUNTER = re.compile(r"个|名|位|人|次|周年|年|月|日|号|天|周|岁|元|块|家|所|项|条|种|件|届|批|座|辆|架|艘|台|部|场|起|例"
                        r"|只|头|张|本|份|层|米|公里|千米|吨|公斤|千克|克|平方|立方|小时|分钟|秒|时|点|度|%|％|枚|支|株|棵|户|栋"
                        r"|间|套|轮|期|篇|首|季度|版|多|余|万|亿")
# Units the English converts (亩 to hectares, 斤 to kilograms, 里 to kilometres, 尺/寸/丈 to metres; Chinese
# units of measurement, Wikipedia) and forms it words otherwise (三分之一 "a third", 3倍 "tripled"):
# a number before them has no digit counterpart to look for.
ZH_CONVERTED = re.compile(r"\s*(?:亩|斤|(?<!公)里|尺|寸|丈|分之|倍|个百分点)")
ZH_GLUED = re.compile(r"[A-Za-zＡ-Ｚａ-ｚ][\w.\-－+]*\Z")  # COVID-19, G20, Ｓ-400, Au.999: the digits of a name
ZH_PHONE_AFTER, ZH_PHONE_BEFORE = re.compile(r"[ \u00a0]\d{3,}"), re.compile(r"\d{3,}[ \u00a0]\Z")  # 2833 8181: a telephone number
ZH_VAGUE_BEFORE = re.compile(r"[数几]\Z")  # 数十次: "dozens of"
# A count that sums up what the sentence names (中、英、法…等8个语种, 这三条, 其他4人): the English lists them.
ZH_SUMMING = re.compile(r"(?:等|这|那|其他|其余|以上|上述|前述)\Z")
ZH_METRIC = re.compile(r"[千百]\Z")  # 34.538千米, 1100千伏: 千 of kilometre or kilovolt is no scale
METRIC_UNIT = "米克瓦伏"
# The reporting date of a wire story (记者27日获悉, 北京26日电): translators leave it out as the dateline gives it.
ZH_REPORTING_DAY = re.compile(r"(?:月[0-9０-９一二三四五六七八九十]+)?日(?:从|在|获悉|电|讯|了解|表示|发布|宣布|\s*[-－—])")  # 路透巴黎9月26日 -
ZH_TIME = re.compile(r"\s*(?:时|点(?![\d零〇一二三四五六七八九]))")
EN_WORDS = {w: float(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen".split())}
EN_WORDS.update({w: float(10 * i) for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if i > 1})
EN_ORDINALS = {w: float(i) for i, w in enumerate(
    "_ first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split()) if i}
EN_ORDINALS.update({w + "ly": v for w, v in list(EN_ORDINALS.items()) if v <= 5})  # firstly, secondly
EN_ORDINALS.update({"thirtieth": 30.0, "fortieth": 40.0, "fiftieth": 50.0, "sixtieth": 60.0, "seventieth": 70.0,
                    "eightieth": 80.0, "ninetieth": 90.0, "hundredth": 100.0})
EN_EXTRA = {"once": 1.0, "single": 1.0, "twice": 2.0, "double": 2.0, "doubled": 2.0, "both": 2.0, "pair": 2.0, "couple": 2.0,
            "triple": 3.0, "tripled": 3.0, "thrice": 3.0, "dozen": 12.0, "dozens": 12.0, "half": 0.5, "quarter": 0.25,
            "next": 2.0, "secondary": 2.0, "tertiary": 3.0, "decade": 10.0, "decades": 10.0, "century": 100.0, "hundred": 100.0, "hundreds": 100.0, "thousand": 1000.0,
            "thousands": 1000.0, "million": 1e6, "millions": 1e6, "billion": 1e9}
TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
# Words, looked up in a table: one regex alternation of every number word cost ten times as much.
EN_WORDISH = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)?")
UNIT_AFTER = re.compile(r" (one|two|three|four|five|six|seven|eight|nine)\b", re.I)  # sixty five
EN_CLOCK = re.compile(r"\b(\d{1,2})[:.](\d\d)(?!\d)|\b(\d{1,2})\s*(?:a\.?m\b|p\.?m\b|o'clock)", re.I)
EN_YEAR_WORD = re.compile(r"\byears?\b|\bannual|\banniversary", re.I)
EN_DIGITS = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?)(?:\s*(million|billion|trillion|thousand|mn|bn)\b)?", re.I)  # 22mm, USD7.64 million, 3:1
EN_SPACED = re.compile(r"\b\d{3,}(?: \d{3,})+\b")
ROMAN = re.compile(r"\b(?=[IVX]{1,5}\b)(X{0,3})(IX|IV|V?I{0,3})\b")  # Chapter VI
ROMAN_VALUE = {"": 0, "I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9}
EN_SCALE_AFTER = re.compile(r"(?:[\s-]+(hundred|thousand|million|billion|trillion|decades?|dozen))+\b", re.I)
EN_SCALE_WORDS = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12, "decade": 10, "decades": 10, "dozen": 12}
EN_DAY_WORD = re.compile(r"\b(?:today|yesterday|tomorrow|tonight|(?:mon|tues|wednes|thurs|fri|satur|sun)day|recently|earlier|"
                         r"this (?:week|month)|last (?:week|month)|the same day|that day)\b", re.I)


EN_WORD_VALUE = {**EN_EXTRA, **EN_ORDINALS, **EN_WORDS}


def regex_words(text: str) -> list[str]:
    return [w.lower() for w in re.findall(r"[A-Za-z]+", text)]


class Counted(NamedTuple):
    start: int
    end: int
    value: float
    accept: frozenset[float]  # every value the English may give for it (parts of 十四五, 600 of 600至850亿 scaled...)
    unit: str  # the measure word after it ("年", "月", "日", "时"...), "" when none


def zh_counted(text: str, start: int, end: int) -> list[Counted]:
    """The quantities of text[start:end] whose counterpart the English should hold: every Arabic number
    (not the digits of a Latin name), and Chinese numerals with a measure word after them or 第 before."""
    found, _ = zh_numbers(text, start, end)
    out = []
    for z in found:
        written = text[z.start : z.end].translate(WIDE)
        after = text[z.end : z.end + 4]
        arabic = written[:1].isdigit()
        if z.value == 1:
            continue  # 1名, 一个: "a", "an"
        if arabic and (ZH_GLUED.search(text, max(start, z.start - 12), z.start) or ZH_PHONE_AFTER.match(text, z.end)
                       or ZH_PHONE_BEFORE.search(text, max(start, z.start - 8), z.start)):
            continue
        if ZH_VAGUE_BEFORE.search(text, max(start, z.start - 1), z.start) or ZH_SUMMING.search(text, max(start, z.start - 2), z.start):
            continue
        if ZH_CONVERTED.match(after) or text[z.end : z.end + 1] in ("%", "％") and "分之" in text[max(start, z.start - 4) : z.start]:
            continue
        unit = ZH_COUNTER.match(after)
        if not arabic and not unit and text[z.start - 1 : z.start] != "第":
            continue
        if not arabic and 2 <= len(written) <= 3 and all(c in CN_DIGIT for c in written):
            continue  # 一一, 三一 (集团), 九一八: a word or a name, not a count
        if ZH_REPORTING_DAY.match(text, z.end) or text[max(start, z.start - 2) : z.start] == "记者":
            continue
        if written == "十" and after.startswith("分") and text[z.start - 1 : z.start] not in ("点", "时"):
            continue  # 十分: "very"
        accept = {z.value}
        metric = ZH_METRIC.search(written)
        if metric and text[z.end : z.end + 1] in METRIC_UNIT:
            accept.add(float(written[: metric.start()]))  # 34.538千米: 34.538 km
        digits = written.rstrip("多余")
        if not arabic:
            for i in range(1, len(digits)):
                accept.update(v for v in (cn_int(digits[:i]), cn_int(digits[i:])) if v is not None)  # 十四五: 14 and 5
        rng = ZH_RANGE.match(text[z.start : min(end, z.end + 20)].translate(WIDE))
        if rng:
            accept.add(float(rng.group(1)) * SCALE_CHARS[rng.group(2)])  # 600 of 600至850亿
        unit_text = unit.group() if unit else ""
        if ZH_TIME.match(after):
            unit_text = "时"
            accept.add(z.value - 12)  # 18时: 6 p.m.
        out.append(Counted(z.start, z.end, z.value, frozenset(accept), unit_text))
    return out


def en_digit_values(text: str, start: int, end: int) -> tuple[list[EnNumber], set[float]]:
    """The English numbers of text[start:end] (as en_numbers), and every digit run's value however glued
    (22mm, USD7.64 million, 3:1, S-400) and clock times: what a source quantity is mostly rendered as."""
    values: set[float] = set()
    for m in EN_DIGITS.finditer(text, start, end):
        value = float(m.group(1).replace(",", ""))
        values.update((value, value * EN_SCALES[m.group(2).lower()]) if m.group(2) else (value,))
        if "," in m.group(1):
            values.update(float(piece) for piece in m.group(1).split(","))  # 211,985: a list written as one number
        if 1900 <= value < 2100:
            values.add(value % 100)  # the 1980's for 80后
    for m in EN_SPACED.finditer(text, start, end):
        values.add(float(m.group().replace(" ", "")))  # 8599 3119: a telephone number in groups
    for m in EN_CLOCK.finditer(text, start, end):
        values.update((float(m.group(1)), float(m.group(2))) if m.group(1) else (float(m.group(3)),))
    return en_numbers(text, start, end), values


def en_word_values(text: str, start: int, end: int) -> set[float]:
    """The values of text[start:end]'s number words (five hundred thousand, twenty-first, secondly, twice),
    Roman numerals (Chapter VI) and month names: the rest of what a source quantity may be rendered as."""
    words: set[float] = set()
    for m in EN_WORDISH.finditer(text, start, end):
        w = m.group().lower()
        tens, _, unit = w.partition("-")
        if unit and tens in TENS and (unit in EN_ORDINALS or unit in EN_WORDS) and (EN_ORDINALS.get(unit) or EN_WORDS[unit]) < 10:
            value = EN_WORDS[tens] + (EN_ORDINALS.get(unit) or EN_WORDS[unit])  # twenty-first, sixty-five
        elif unit:
            words.update(EN_WORD_VALUE[x] for x in (tens, unit) if x in EN_WORD_VALUE)  # one-third
            continue
        elif w in EN_WORD_VALUE:
            value = EN_WORD_VALUE[w]
            if w in TENS:
                more = UNIT_AFTER.match(text, m.end(), end)
                if more:
                    words.add(value)
                    value += EN_WORDS[more.group(1).lower()]
        else:
            continue
        words.add(value)
        scaled = EN_SCALE_AFTER.match(text, m.end(), end)
        if scaled:  # five hundred thousand, seven decades
            for x in regex_words(scaled.group()):
                value *= EN_SCALE_WORDS[x]
            words.add(value)
    for m in ROMAN.finditer(text, start, end):
        words.add(float(10 * len(m.group(1)) + ROMAN_VALUE[m.group(2)]))
    return words | en_months(text, start, end)


def rendered(number: Counted, english: list[EnNumber], values: set[float]) -> bool:
    """Does the English give this source quantity: a number of the same value (rounded as written), or
    a value of `values` (en_digit_values', en_word_values')?"""
    if number.accept & values:
        return True
    return any(n.value in number.accept or n.base in number.accept or matches(n, {number.value}) for n in english)
