"""Build rules/data/english-words.txt.gz: common English words, to tell names from capitalised words.

Source: SCOWL via Debian's `wamerican` package (/usr/share/dict/american-english),
which lists proper nouns capitalised and common words in lower case. We keep
the lower-case entries only (no apostrophe forms), so `Tibet` and `Wang`
are not in the list while `enterprises`, `chamber` and `song` are.

    apt-get install wamerican && python scripts/build_english_words.py
"""

import gzip
from pathlib import Path

SOURCE = Path("/usr/share/dict/american-english")
TARGET = Path(__file__).resolve().parents[1] / "rules" / "data" / "english-words.txt.gz"
NOTICE = """\
# Common English words (lower-case entries of SCOWL's american-english list, Debian wamerican).
# Copyright 2000-2011 by Kevin Atkinson. Permission to use, copy, modify, distribute and sell
# these word lists, the associated scripts, the output created from the scripts, and its
# documentation for any purpose is hereby granted without fee, provided that the above
# copyright notice appears in all copies and that both that copyright notice and this
# permission notice appear in supporting documentation. Kevin Atkinson makes no
# representations about the suitability of this array for any purpose. It is provided
# "as is" without express or implied warranty.
"""


def main() -> None:
    words = sorted({w for w in SOURCE.read_text(encoding="utf-8").split() if w.isalpha() and w.islower() and w.isascii()})
    data = (NOTICE + "\n".join(words) + "\n").encode("utf-8")
    with open(TARGET, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as out:
        out.write(data)  # mtime=0: the same input gives the same bytes
    print(f"{len(words)} words -> {TARGET}")


if __name__ == "__main__":
    main()
