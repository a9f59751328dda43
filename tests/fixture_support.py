"""Shared by the fixture and seed tests: find quoted spans and match findings to them."""

from __future__ import annotations

from checker.evaluate import inside, occurrences, overlaps

__all__ = ["entry_spans", "inside", "nth_span", "occurrences", "overlaps"]


def nth_span(text: str, quote: str, nth: int = 1) -> tuple[int, int] | None:
    spans = occurrences(text, quote)
    return spans[nth - 1] if len(spans) >= nth else None


def entry_spans(text: str, entry: dict) -> list[tuple[int, int]]:
    """The annotated span of a must_flag entry plus every occurrence of its `related` quote."""
    span = nth_span(text, entry["quote"], entry.get("nth", 1))
    spans = [span] if span else []
    if entry.get("related"):
        spans += occurrences(text, entry["related"])
    return spans
