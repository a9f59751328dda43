"""Report formats, registered by name. A new format is one module plus one line here.

Each module has a `Reporter` class built as Reporter(stream, context) with
methods start(), file(result) and finish(summary); results stream in as
files are checked, so a reporter that can write as it goes never holds
the whole run.
"""

from checker.reporters.base import Reporter
from checker.reporters import github, gitlab, html, json_report, junit, rdjson, sarif, text

REPORTERS: dict[str, type[Reporter]] = {
    "text": text.Reporter,
    "json": json_report.Reporter,
    "sarif": sarif.Reporter,
    "junit": junit.Reporter,
    "github": github.Reporter,
    "gitlab": gitlab.Reporter,
    "rdjson": rdjson.Reporter,
    "html": html.Reporter,
}
