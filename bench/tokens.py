"""Placeholders and fault markers inside a story under construction.

A story is built as text holding placeholders (a person, a batch number, a
place, a term, ...) so that the fault injector can render any one occurrence
differently, and markers that bracket each injected fault so that its exact
offset in the finished text is known rather than searched for.
"""
import re

_TOKEN = re.compile("\x02([A-Z])\x1f([^\x03]*)\x03")
_MARK = re.compile("([\ue000\ue001])([\ue100-\uefff])")
_FIELD = re.compile(r"\{([A-Za-z_]+)(?::([^}]*))?\}")


def token(kind, key):
    """A placeholder of one kind (P person, B batch, L place, T term, ...)."""
    return f"\x02{kind}\x1f{key}\x03"


def fill(template, values):
    """Fill {name} fields from values and turn {K:key} into placeholders.

    In {K:key}, key is looked up in values first (so {L:city} is the story's
    city) and used as written otherwise. A value may be a callable, called
    once per field, so that every {num} draws a fresh number.
    """
    def one(m):
        name, key = m.group(1), m.group(2)
        if key is None:
            v = values[name]
            return str(v() if callable(v) else v)
        v = values.get(key, key)
        return token(name, v() if callable(v) else v)
    return _FIELD.sub(one, template)


def render(text, default, overrides):
    """Replace placeholders in order; overrides maps (kind, key, nth0) to text."""
    seen = {}

    def one(m):
        k = (m.group(1), m.group(2))
        n = seen.get(k, 0)
        seen[k] = n + 1
        alt = overrides.get((k[0], k[1], n))
        return alt if alt is not None else default(k[0], k[1])
    return _TOKEN.sub(one, text)


def occurrences(text):
    """Count placeholders by (kind, key), in text order."""
    counts = {}
    for m in _TOKEN.finditer(text):
        k = (m.group(1), m.group(2))
        counts[k] = counts.get(k, 0) + 1
    return counts


def mark(fault_id, text):
    """Bracket text as the span of one injected fault."""
    tag = chr(0xE100 + fault_id)
    return f"\ue000{tag}{text}\ue001{tag}"


def strip_marks(text):
    """Return (clean text, {fault_id: (start, end)}) with markers removed."""
    out, spans, opened, pos, last = [], {}, {}, 0, 0
    for m in _MARK.finditer(text):
        out.append(text[last:m.start()])
        pos += m.start() - last
        last = m.end()
        fid = ord(m.group(2)) - 0xE100
        if m.group(1) == "\ue000":
            opened[fid] = pos
        else:
            spans[fid] = (opened.pop(fid), pos)
    out.append(text[last:])
    return "".join(out), spans
