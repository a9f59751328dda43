"""Build hook: the wheel (and an editable install) carries the cache entries of its own rule packs
(checker.cache.ship), built by the code being packaged, so a first run with an empty cache reads them
instead of parsing and validating the rules and tables (issue 16). Entries are keyed by the bytes of
the code and the files, so they are never read by other code; if they cannot be built here the build
goes on without them (a first run then builds its cache as before)."""

import subprocess
import sys

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class ShipCache(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version, build_data):
        # sys.path, not PYTHONPATH: pip's isolated build environment filters PYTHONPATH out of it
        ship = "import sys; sys.path.insert(0, sys.argv[1]); from checker.cache import ship; sys.exit(ship())"
        try:
            run = subprocess.run([sys.executable, "-c", ship, self.root], cwd=self.root, capture_output=True, text=True,
                                 timeout=600)
        except (OSError, subprocess.SubprocessError) as exc:
            self.app.display_warning(f"checker: cache entries not shipped: {exc}")
            return
        if run.returncode != 0:
            self.app.display_warning("checker: cache entries not shipped: " + (run.stderr.strip().splitlines() or ["?"])[-1])
