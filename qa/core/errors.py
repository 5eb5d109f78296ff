"""Exceptions the library raises; each message says what to do next."""

from __future__ import annotations

from pathlib import Path


class QAError(Exception):
    """Base class of every error the library raises on purpose."""


class LetterError(QAError):
    """A letter file that cannot be read as a letter."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path.name}: {reason}")

    def __reduce__(self) -> tuple[type[LetterError], tuple[Path, str]]:
        # Keep path and reason when sent back from a reading process.
        return (type(self), (self.path, self.reason))


class NotALetter(LetterError):
    """A file that is readable but is not an inspection letter (e.g. a saved error page)."""


class IndexMissing(QAError):
    """No usable index in the given folder."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        super().__init__(
            f'No index at {self.path}/ — run "python -m qa index --letters DIR '
            f'--index {self.path}" first'
        )


class IndexMismatch(QAError):
    """The index on disk was built in a way this code cannot use."""


class BadQuery(QAError):
    """A search request with a parameter that is missing or out of range."""

    def __init__(self, parameter: str, message: str) -> None:
        self.parameter = parameter
        super().__init__(message)


class UnknownLetter(QAError):
    """A letter id that is not in the index."""

    def __init__(self, letter_id: str) -> None:
        self.letter_id = letter_id
        super().__init__(f"No letter with id {letter_id!r} in the index")


class UnknownRemovedLetter(UnknownLetter):
    """A letter id that is not among the removed letters."""

    def __init__(self, letter_id: str) -> None:
        super().__init__(letter_id)
        self.args = (f"No removed letter with id {letter_id!r}; /admin lists the removed letters",)


class UnknownAuthority(QAError):
    """No indexed letter is about the authority an address names."""

    def __init__(self, slug: str) -> None:
        super().__init__(
            f"No indexed letters are about an authority at {slug!r}; see /authorities for the list"
        )
        self.slug = slug


class UpdateBusy(QAError):
    """Another update holds the index's update lock."""


class CannotStore(QAError):
    """A letter file could not be written to or removed from the letters folder."""
