"""The benchmark corpus generator: reproducible, annotations that point at
real text, lengths in range. No timing here: timings belong to bench/run.py."""
import os
import sys

import pytest

yaml = pytest.importorskip("yaml")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from checker.evaluate import occurrences  # noqa: E402
from bench.generate import main  # noqa: E402




def generate(tmp_path, name, *args):
    out = tmp_path / name
    assert main(["--out", str(out), *args]) == 0
    return out


def read_all(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("gen")
    return generate(tmp, "a", "--count", "120", "--seed", "7", "--fault-rate", "0.5")


def test_same_seed_same_bytes(corpus, tmp_path):
    again = generate(tmp_path, "b", "--count", "120", "--seed", "7", "--fault-rate", "0.5")
    assert read_all(corpus) == read_all(again)


def test_other_seed_other_stories(corpus, tmp_path):
    other = generate(tmp_path, "c", "--count", "5", "--seed", "8")
    assert (other / "story_00000.txt").read_bytes() != (corpus / "story_00000.txt").read_bytes()


def test_every_quote_is_in_its_story_at_nth_place(corpus):
    expected = yaml.safe_load((corpus / "expected.yaml").read_text(encoding="utf-8"))
    assert len(expected) == 120
    kinds = set()
    for name, entry in expected.items():
        text = (corpus / name).read_text(encoding="utf-8")
        for e in (entry or {}).get("must_flag", []):
            kinds.add(e["kind"])
            assert len(occurrences(text, e["quote"])) >= e.get("nth", 1), (name, e)
            if "related" in e:
                assert occurrences(text, e["related"]), (name, e)
        for trap in (entry or {}).get("must_not_flag", []):
            assert trap in text, (name, trap)
    assert kinds == {"repetition", "ordinal-conflict", "name-drift", "term-drift", "place-list",
                     "end-marker", "caption-in-body", "typography", "whitespace"}


def test_lengths_in_range(corpus, tmp_path):
    for p in corpus.glob("*.txt"):
        assert 300 <= len(p.read_text(encoding="utf-8").split()) <= 1500, p.name
    tight = generate(tmp_path, "t", "--count", "40", "--min-words", "400", "--max-words", "700",
                     "--fault-rate", "1")
    for p in tight.glob("*.txt"):
        assert 400 <= len(p.read_text(encoding="utf-8").split()) <= 700, p.name


def test_one_long_story_with_many_names(tmp_path):
    out = generate(tmp_path, "long", "--words", "5000", "--names", "200")
    (story,) = out.glob("*.txt")
    words = len(story.read_text(encoding="utf-8").split())
    assert 5000 <= words <= 6000
    assert yaml.safe_load((out / "expected.yaml").read_text(encoding="utf-8"))
