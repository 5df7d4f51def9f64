"""Typed errors. Each message names the bad value and what would be accepted.

The CLI prints ``str(error)`` as a single line on stderr and exits with
``error.exit_code``; library users catch :class:`TimelineError`.
"""

from __future__ import annotations


class TimelineError(Exception):
    """Base class for every error this package raises on bad input."""

    exit_code = 2


class ManifestError(TimelineError):
    """The corpus manifest is missing, malformed or inconsistent."""


class ArticleError(TimelineError):
    """An article file is missing, empty, binary or undecodable."""


class ModelError(TimelineError):
    """The spaCy model named by the user cannot be loaded."""


class OutputError(TimelineError):
    """An output file cannot be written."""
