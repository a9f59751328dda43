"""Progress for long runs: one line on stderr, redrawn in place, only when a person is watching.

Off when stderr is not a terminal (CI logs, pipes) and with `--quiet`; it
appears only once a run reaches MIN_FILES files, so checking one story never
flickers. The line is cleared before anything else is written to the terminal.
"""

from __future__ import annotations

import time

from checker.safety import terminal_safe

MIN_FILES = 20
INTERVAL = 0.1  # seconds between redraws; a redraw per file would slow fast runs


class Progress:
    def __init__(self, stream, quiet: bool = False, report=None):
        self.stream = stream
        self.report = report  # the report's stream, flushed first so its lines land above the progress line
        self.enabled = not quiet and hasattr(stream, "isatty") and stream.isatty()
        self.count = 0
        self.shown = False
        self.last = float("-inf")

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False

    def advance(self, path: str) -> None:
        self.count += 1
        now = time.monotonic()
        if not self.enabled or self.count < MIN_FILES or now - self.last < INTERVAL:
            return
        if self.report is not None:
            self.report.flush()
        import shutil  # here: shutil imports bz2 and lzma, 2 ms of every start, and most runs never draw

        width = shutil.get_terminal_size().columns - 1
        line = f"checker: {self.count} files checked: {terminal_safe(path)}"
        if len(line) > width:
            line = line[: max(0, width - 1)] + "…"
        self.stream.write("\r\x1b[K" + line)
        self.stream.flush()
        self.shown = True
        self.last = now
