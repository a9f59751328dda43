"""Shared by the fixture and seed tests: find quoted spans and match findings to them."""

from __future__ import annotations


def occurrences(text: str, quote: str) -> list[tuple[int, int]]:
    spans, i = [], text.find(quote)
    while i >= 0:
        spans.append((i, i + len(quote)))
        i = text.find(quote, i + 1)
    return spans


def nth_span(text: str, quote: str, nth: int = 1) -> tuple[int, int] | None:
    spans = occurrences(text, quote)
    return spans[nth - 1] if len(spans) >= nth else None


def overlaps(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def inside(a, b) -> bool:
    return b[0] <= a[0] and a[1] <= b[1]


def entry_spans(text: str, entry: dict) -> list[tuple[int, int]]:
    """The annotated span of a must_flag entry plus every occurrence of its `related` quote."""
    span = nth_span(text, entry["quote"], entry.get("nth", 1))
    spans = [span] if span else []
    if entry.get("related"):
        spans += occurrences(text, entry["related"])
    return spans
