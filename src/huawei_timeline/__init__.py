"""huawei-timeline: document-grounded timelines from bundles of news articles.

>>> from huawei_timeline import build_timeline
>>> timeline = build_timeline("data/manifest.json")  # doctest: +SKIP
>>> [e.date.value for e in timeline.events]  # doctest: +SKIP

Importing the package is cheap: spaCy loads only when a timeline is built.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["__version__", "build_timeline"]

if TYPE_CHECKING:
    from huawei_timeline.pipeline import build_timeline


def __getattr__(name: str) -> Any:
    if name == "build_timeline":
        from huawei_timeline.pipeline import build_timeline

        return build_timeline
    raise AttributeError(f"module 'huawei_timeline' has no attribute {name!r}")
