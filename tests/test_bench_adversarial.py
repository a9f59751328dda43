"""The adversarial growth inputs are what the bench table says they are."""

from bench.adversarial import CASES, write_cases


def test_each_case_is_written_at_each_size_and_grows(tmp_path):
    paths = write_cases(str(tmp_path), [500, 2000])
    assert list(paths) == list(CASES)
    for case, (small, large) in paths.items():
        words = [len(open(p, encoding="utf-8").read().split()) for p in (small, large)]
        assert 400 <= words[0] and 3 * words[0] <= words[1], (case, words)
    assert open(paths["huge paragraph"][1], encoding="utf-8").read().count("\n") == 1
    text = open(paths["one-word run"][1], encoding="utf-8").read()
    assert text.count(" the") >= 1999
