"""The server's memory as glibc's allocator keeps it: few arenas, and what a load of the index
used for a moment given back."""

from __future__ import annotations

import ctypes
import sys
from functools import cache

# glibc's mallopt parameter for the most malloc arenas, and the number the server keeps.
_M_ARENA_MAX = -8
ARENAS = 2


def few_malloc_arenas() -> None:
    """Keep to ARENAS malloc arenas however many threads allocate."""
    # glibc gives each thread that allocates an arena of its own (up to eight a core) and keeps
    # what is freed there: each of waitress's threads held on to what one request's first
    # count of topics or misspelling check had used for a moment, and the server stayed 60 MB
    # larger (measured: docs/measurements.md). Python's own allocator is not affected.
    libc = _libc()
    if libc is not None:
        libc.mallopt(_M_ARENA_MAX, ARENAS)


def give_back_freed_memory() -> None:
    """Return to the system the pages malloc holds free, in every arena."""
    # Loading an index frees large temporaries (the principal axes' k-means, codes grouped
    # before adding): the arena a request thread loaded in otherwise keeps them (measured:
    # docs/measurements.md).
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)


@cache
def _libc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL("libc.so.6")
    except OSError:
        return None
