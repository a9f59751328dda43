"""`html`: one self-contained page per run for an editor: each story with its findings marked in place.

The story text is cut at every finding and related-mention boundary, so
overlapping findings need no nested tags: each piece is one `<mark>` that
lists the findings covering it (`data-f`, 0-based in report order) and the
findings it is a related mention of (`data-r`). Colour follows the worst
severity on the piece; hovering shows the messages, clicking opens them and
lights up the related mentions. No external assets: styles and script are
inline, and every piece of copy goes through `html.escape`.
Sections are kept until the end because the run's totals head the page.
"""

from __future__ import annotations

import html
from collections import Counter
from itertools import pairwise

from checker.finding import Finding, Severity
from checker.reporters.base import ReportContext, group_findings


STYLE = """
body{font:15px/1.5 system-ui,"Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0 auto;max-width:60rem;padding:1rem 1.5rem;color:#1a1a1a}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem;border-bottom:1px solid #ccc}
.totals td,.totals th{padding:.1rem .8rem;text-align:left}
pre.story{font:16px/1.7 Georgia,"Noto Serif CJK SC","Noto Sans CJK SC","Source Han Serif SC","SimSun",serif;white-space:pre-wrap;background:#fafafa;border:1px solid #e5e5e5;padding:1rem}
mark{background:none;border-bottom:2px solid;cursor:pointer;color:inherit}
mark.error{background:#fdd5d5;border-color:#c62828}
mark.warning{background:#fff0b3;border-color:#b7791f}
mark.info{background:#dbeafe;border-color:#1d4ed8}
mark.related{background:#eee;border-bottom:2px dotted #777}
mark.point::after{content:"\\2038";color:#c62828;font-weight:bold}
mark.focus{outline:2px solid #111}
mark.off{background:none;border-bottom:none;cursor:auto}mark.off.point::after{content:none}
#filters{margin:.5rem 0 1rem;display:flex;gap:1rem;flex-wrap:wrap;align-items:center}
ol.findings li[hidden]{display:none}
.sev{font-size:.8em;font-weight:bold;text-transform:uppercase;padding:0 .3em;border-radius:3px}
.sev.error{background:#c62828;color:#fff}.sev.warning{background:#b7791f;color:#fff}.sev.info{background:#1d4ed8;color:#fff}
ol.findings li{margin:.3rem 0}ol.findings li:target{background:#ffffcc}
.input-error{color:#c62828}
table.bitext{border-collapse:collapse;width:100%;font:15px/1.6 Georgia,serif}
table.bitext td{vertical-align:top;border:1px solid #e5e5e5;padding:.3rem .5rem;width:50%;white-space:pre-wrap}
table.bitext th{text-align:left;font:bold 13px system-ui,sans-serif;padding:.2rem .5rem}
#detail{position:absolute;max-width:32rem;background:#fff;border:1px solid #888;box-shadow:0 2px 8px #0003;padding:.5rem .8rem;z-index:2}
#detail ul{margin:0;padding-left:1rem}
"""

SCRIPT = """
(function(){
  var detail = document.getElementById('detail');
  function focus(section, ids){
    document.querySelectorAll('mark.focus').forEach(function(m){m.classList.remove('focus')});
    section.querySelectorAll('mark').forEach(function(m){
      var mine = (m.dataset.f||'').split(' '), rel = (m.dataset.r||'').split(' ');
      if (ids.some(function(i){return mine.indexOf(i)>=0 || rel.indexOf(i)>=0})) m.classList.add('focus');
    });
  }
  function item(section, i){ return section.querySelector('li[data-f~="' + i + '"]'); }
  function open(mark){
    var section = mark.closest('section');
    var ids = mark.dataset.f.split(' ').filter(function(i){ return !item(section, i).hidden; });
    if (!ids.length) return;
    var seen = [];
    detail.innerHTML = '<ul>' + ids.map(function(i){
      var li = item(section, i);
      if (seen.indexOf(li) >= 0) return '';
      seen.push(li);
      return '<li>' + li.innerHTML + '</li>';
    }).join('') + '</ul>';
    var box = mark.getBoundingClientRect();
    detail.style.left = (window.scrollX + box.left) + 'px';
    detail.style.top = (window.scrollY + box.bottom + 6) + 'px';
    detail.hidden = false;
    focus(section, ids);
  }
  document.addEventListener('click', function(e){
    var mark = e.target.closest('mark[data-f]');
    if (mark) { open(mark); } else if (!e.target.closest('#detail')) { detail.hidden = true; }
  });
  function filter(){
    var sevs = Array.prototype.map.call(document.querySelectorAll('#filters input:checked'), function(c){ return c.value; });
    var rule = document.getElementById('rule-filter').value;
    document.querySelectorAll('section').forEach(function(section){
      section.querySelectorAll('ol.findings li').forEach(function(li){
        li.hidden = sevs.indexOf(li.dataset.sev) < 0 || (rule && li.dataset.rule !== rule);
      });
      section.querySelectorAll('mark[data-f]').forEach(function(m){
        var on = m.dataset.f.split(' ').some(function(i){ return !item(section, i).hidden; });
        m.classList.toggle('off', !on);
        if (on) m.setAttribute('tabindex', '0'); else m.removeAttribute('tabindex');
      });
    });
    detail.hidden = true;
  }
  var filters = document.getElementById('filters');
  if (filters) filters.addEventListener('change', filter);
  document.addEventListener('keydown', function(e){
    if (e.key === 'Enter' && e.target.matches('mark[data-f]')) open(e.target);
    if (e.key === 'Escape') detail.hidden = true;
  });
})();
"""


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1 and word != 'info')}"


def _pieces(text: str, findings) -> list[tuple[int, int, list[int], list[int]]]:
    """The text cut at every span boundary: (start, end, findings covering it, findings it is related to)."""
    spans = [(f.start, f.end, i, False) for i, f in enumerate(findings)]
    spans += [(r.position.start, r.position.end, i, True) for i, f in enumerate(findings) for r in f.related if not r.path]
    cuts = sorted({0, len(text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    out = []
    for a, b in pairwise(cuts):
        own = sorted({i for s, e, i, rel in spans if not rel and s <= a and b <= e})
        rel = sorted({i for s, e, i, r in spans if r and s <= a and b <= e})
        out.append((a, b, own, rel))
    return out


def render_story(text: str, findings, section: str) -> str:
    """The story as HTML, each finding and related mention marked, with anchors for the list's links."""
    anchors: dict[int, list[str]] = {}
    for i, f in enumerate(findings):
        anchors.setdefault(f.start, []).append(f"{section}-m{i}")
        for j, r in enumerate(f.related):
            if not r.path:  # a span of the Chinese original is listed, not marked in the story
                anchors.setdefault(r.position.start, []).append(f"{section}-m{i}-r{j}")
    points: dict[int, list[int]] = {}
    for i, f in enumerate(findings):
        if f.start == f.end:
            points.setdefault(f.start, []).append(i)
    parts: list[str] = []
    for a, b, own, rel in _pieces(text, findings) + [(len(text), len(text), [], [])]:
        parts.extend(f'<a id="{aid}"></a>' for aid in anchors.get(a, []))
        parts.extend(_mark("", [i], [], findings) for i in points.get(a, []))
        if a < b:
            parts.append(_mark(text[a:b], own, rel, findings) if own or rel else esc(text[a:b]))
    return "".join(parts)


def _mark(piece: str, own: list[int], rel: list[int], findings) -> str:
    if own:
        worst = str(max(findings[i].severity for i in own))
        title = "\n".join(f"{findings[i].severity} {findings[i].rule_id}: {findings[i].message}" for i in own)
        classes = worst + (" point" if not piece else "")
        data = f' data-f="{" ".join(map(str, own))}"' + (f' data-r="{" ".join(map(str, rel))}"' if rel else "")
        return f'<mark class="{classes}" tabindex="0" title="{esc(title)}"{data}>{esc(piece)}</mark>'
    title = "\n".join(f"related to: {findings[i].message}" for i in rel)
    return f'<mark class="related" title="{esc(title)}" data-r="{" ".join(map(str, rel))}">{esc(piece)}</mark>'


def render_bitext(result, section: str) -> str:
    """Source and copy side by side, one row per aligned segment, findings marked on both sides.

    A finding marks its span in the copy and, where it points into the original
    (a related span with the original's path), that span in the source column.
    """
    findings = result.findings
    target = [(f.start, f.end, i, False) for i, f in enumerate(findings)]
    target += [(r.position.start, r.position.end, i, True) for i, f in enumerate(findings) for r in f.related if not r.path]
    source = [(r.position.start, r.position.end, i, False) for i, f in enumerate(findings) for r in f.related if r.path]
    anchors = {f.start: [f"{section}-m{i}"] for i, f in reversed(list(enumerate(findings)))}
    rows = "".join(
        f"<tr><td lang=\"zh\">{_cell(result.source_text, source, {}, findings, ss, se)}</td>"
        f"<td>{_cell(result.text, target, anchors, findings, ts, te)}</td></tr>"
        for ts, te, ss, se in result.alignment or []
    )
    return (f'<table class="bitext"><tr><th>source: {esc(result.source_path or "")}</th><th>copy</th></tr>{rows}</table>')


def _cell(text: str, spans, anchors: dict, findings, lo: int, hi: int) -> str:
    """text[lo:hi] with the spans that fall in it marked (cut at every boundary, as render_story does)."""
    inside = [sp for sp in spans if sp[0] < hi and lo < sp[1]]
    cuts = sorted({lo, hi, *(max(lo, s) for s, _, _, _ in inside), *(min(hi, e) for _, e, _, _ in inside)})
    parts: list[str] = []
    for a, b in pairwise(cuts):
        parts.extend(f'<a id="{aid}"></a>' for aid in anchors.get(a, []))
        own = sorted({i for s, e, i, rel in inside if not rel and s <= a and b <= e})
        rel = sorted({i for s, e, i, r in inside if r and s <= a and b <= e})
        parts.append(_mark(text[a:b], own, rel, findings) if own or rel else esc(text[a:b]))
    return "".join(parts)


def _finding_item(group: list[tuple[int, Finding]], section: str) -> str:
    """One list item for a group of like findings (checker.reporters.base.group_findings), linking each place."""
    i, f = group[0]
    p = f.position
    related = "".join(
        f' <span class="rel">source {esc(r.path)} {r.position.line}:{r.position.column} &ldquo;{esc(r.position.text)}&rdquo;</span>'
        if r.path else
        f' <a class="rel" href="#{section}-m{i}-r{j}">see {r.position.line}:{r.position.column}'
        + (f' &ldquo;{esc(r.position.text)}&rdquo;' if r.position.text else "")
        + (f" ({esc(r.label)})" if r.label and r.label != r.position.text else "")
        + "</a>"
        for j, r in enumerate(f.related)
    )
    suggestion = ""
    if f.suggestion is not None and f.suggestion != p.text:
        shown = f"&ldquo;{esc(f.suggestion)}&rdquo;" if f.suggestion else "delete it"
        suggestion = f' <span class="suggestion">(suggestion: {shown})</span>'
    places = ", ".join(f'<a href="#{section}-m{k}">{g.position.line}:{g.position.column}</a>' for k, g in group)
    return (
        f'<li data-f="{" ".join(str(k) for k, _ in group)}" data-sev="{f.severity}" data-rule="{esc(f.rule_id)}" '
        f'id="{section}-f{i}">{places} '
        f'<span class="sev {f.severity}">{f.severity}</span> <code>{esc(f.rule_id)}</code> '
        f'{esc(f.message)}{suggestion}{related}</li>'
    )


class Reporter:
    def __init__(self, stream, context: ReportContext):
        self.out = stream
        self.context = context
        self.sections: list[str] = []
        self.by_rule: Counter = Counter()
        self.severity_of: dict[str, str] = {}

    def start(self) -> None:
        pass

    def file(self, result) -> None:
        section = f"s{len(self.sections) + 1}"
        head = f'<section id="{section}" data-path="{esc(result.path)}"><h2>{esc(result.path)}'
        if result.error:
            self.sections.append(f'{head}</h2><p class="input-error">{esc(result.error)}</p></section>')
            return
        counts = Counter(str(f.severity) for f in result.findings)
        for f in result.findings:
            self.by_rule[f.rule_id] += 1
            self.severity_of[f.rule_id] = str(f.severity)
        summary = ", ".join(_plural(counts[s], s) for s in map(str, sorted(Severity, reverse=True)) if counts[s]) or "no findings"
        index = {id(f): i for i, f in enumerate(result.findings)}
        items = "".join(_finding_item([(index[id(g)], g) for g in group], section) for group in group_findings(result.findings))
        body = (render_bitext(result, section) if result.source_text is not None
                else f'<pre class="story">{render_story(result.text, result.findings, section)}</pre>')
        failed = "".join(f'<p class="input-error">rule <code>{esc(x.rule_id)}</code> could not finish: {esc(x.message)}</p>'
                         for x in result.failures)  # never a clean-looking story when a rule did not run to the end
        self.sections.append(
            f'{head} <small>({summary})</small></h2>'
            f'{failed}{body}'
            + (f'<ol class="findings">{items}</ol>' if items else "")
            + "</section>"
        )

    def finish(self, summary) -> None:
        sev = summary.by_severity
        totals = (
            f"{_plural(summary.findings, 'finding')} ({_plural(sev['error'], 'error')}, "
            f"{_plural(sev['warning'], 'warning')}, {sev['info']} info) in {_plural(summary.files, 'file')}"
        )
        if summary.errors:
            totals += f"; {_plural(summary.errors, 'input')} could not be checked"
        rows = "".join(
            f'<tr><td><code>{esc(rule)}</code></td><td><span class="sev {self.severity_of[rule]}">'
            f'{self.severity_of[rule]}</span></td><td>{n}</td></tr>'
            for rule, n in sorted(self.by_rule.items(), key=lambda kv: (-kv[1], kv[0]))
        )
        table = f'<table class="totals"><tr><th>rule</th><th>severity</th><th>findings</th></tr>{rows}</table>' if rows else ""
        filters = ""
        if rows:
            boxes = "".join(f'<label><input type="checkbox" value="{s}" checked> {s}</label>' for s in map(str, sorted(Severity, reverse=True)))
            options = "".join(f'<option value="{esc(rule)}">{esc(rule)}</option>' for rule in sorted(self.by_rule))
            filters = (f'<form id="filters" aria-label="filter findings">{boxes}<label>rule <select id="rule-filter">'
                       f'<option value="">all rules</option>{options}</select></label></form>')
        self.out.write(
            '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>checker report</title><style>{STYLE}</style></head><body>"
            f'<h1>checker report</h1><p id="totals">{totals} &middot; checker {esc(self.context.tool_version)}</p>'
            f"{table}{filters}{''.join(self.sections)}"
            f'<div id="detail" hidden></div><script>{SCRIPT}</script></body></html>\n'
        )
