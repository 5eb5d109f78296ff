"""Keep the current index loaded in a running server, and swap in newer ones as they land."""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from qa.core.errors import QAError
from qa.indexing.store import POINTER
from qa.search.searcher import Searcher
from web.memory import give_back_freed_memory

log = logging.getLogger(__name__)


class LiveIndex:
    """The searcher for the index's current generation, reloaded when CURRENT changes.

    A request takes one Searcher and uses only it, so it never mixes two generations; a new
    generation is loaded in the background and swapped in whole.
    """

    def __init__(self, index_dir: Path, reload_seconds: float = 2.0) -> None:
        self.index_dir = index_dir
        self.reload_seconds = reload_seconds
        self._searcher: Searcher | None = None
        self._checked = 0.0
        self._lock = threading.Lock()
        self._loading = False

    def searcher(self) -> Searcher:
        """Return the loaded searcher, loading or refreshing it as needed.

        Raises:
            IndexMissing: no index has been built yet.
        """
        current = self._searcher
        if current is None:
            with self._lock:
                if self._searcher is None:
                    self._searcher = Searcher.open(self.index_dir)
                    give_back_freed_memory()
                    self._checked = time.monotonic()
                return self._searcher
        if time.monotonic() - self._checked >= self.reload_seconds:
            self._checked = time.monotonic()
            if self._pointer() not in (None, current.generation.name) and not self._loading:
                self._loading = True
                threading.Thread(target=self._reload, daemon=True).start()
        return current

    def refresh(self) -> Searcher:
        """Load the current generation now (after an update made in this process)."""
        with self._lock:
            self._searcher = Searcher.open(self.index_dir)
            give_back_freed_memory()
            self._checked = time.monotonic()
            return self._searcher

    def _pointer(self) -> str | None:
        try:
            return (self.index_dir / POINTER).read_text().strip()
        except OSError:
            return None

    def _reload(self) -> None:
        try:
            fresh = Searcher.open(self.index_dir)
            give_back_freed_memory()
            with self._lock:
                # An update in this process may have loaded a newer generation meanwhile
                # (refresh): never go back to an older one (generation names sort in order).
                current = self._searcher
                if current is not None and current.generation.name >= fresh.generation.name:
                    return
                self._searcher = fresh
            log.info("serving %s", fresh.generation.name)
        except QAError as err:
            log.warning("kept the loaded index: %s", err)
        finally:
            self._loading = False
