"""Datelines: the date an article prints about itself ("WASHINGTON, August 8 (Xinhua) --").

Patterns live in ``resources/datelines.toml``. A dateline found among an
article's first lines is read to a TIMEX3 value (no year: ``XXXX-08-08``) and
compared with the manifest's publish date; a disagreement becomes a warning,
and the manifest date wins.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from importlib import resources

from huawei_timeline.models import Article, Dateline, calendar_day


@dataclass(frozen=True)
class _DatelinePattern:
    name: str
    regex: re.Pattern[str]


@cache
def _dateline_rules() -> tuple[int, tuple[_DatelinePattern, ...]]:
    text = resources.files("huawei_timeline.resources").joinpath("datelines.toml").read_text()
    data = tomllib.loads(text)
    patterns = tuple(
        _DatelinePattern(p["name"], re.compile(p["regex"], re.IGNORECASE)) for p in data["pattern"]
    )
    return int(data["max_line"]), patterns


def parse_dateline(line: str) -> str | None:
    """Return the TIMEX3 value of a dateline line, or None if the line is not one."""
    _, patterns = _dateline_rules()
    stripped = line.strip()
    for pattern in patterns:
        match = pattern.regex.match(stripped)
        if match is None:
            continue
        value = _dateline_value(match)
        if value is not None:
            return value
    return None


def _dateline_value(match: re.Match[str]) -> str | None:
    parts = match.groupdict()
    month_text = parts["month"]
    year = parts.get("year")
    try:
        month = int(month_text) if month_text.isdigit() else _month_number(month_text)
        # Without a year, a leap year lets 29 February through.
        day = date(int(year) if year else 2000, month, int(parts["day"]))
    except ValueError:
        return None
    if year is None:
        return f"XXXX-{day.month:02d}-{day.day:02d}"
    if parts.get("hour") is None:
        return day.isoformat()
    hour, minute = int(parts["hour"]), int(parts["minute"])
    ampm = (parts.get("ampm") or "").replace(".", "").lower()
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    return f"{day.isoformat()}T{hour:02d}:{minute:02d}"


def _month_number(name: str) -> int:
    return datetime.strptime(name[:3].title(), "%b").month


def find_dateline(text: str) -> Dateline | None:
    """Find a dateline among the first lines of ``text``."""
    max_line, _ = _dateline_rules()
    offset = 0
    for index, line in enumerate(text.split("\n")):
        if index >= max_line:
            break
        value = parse_dateline(line) if line.strip() else None
        if value is not None:
            lead = len(line) - len(line.lstrip())
            stripped = line.strip()
            return Dateline(
                text=stripped, start=offset + lead, end=offset + lead + len(stripped), value=value
            )
        offset += len(line) + 1
    return None


def _day_words(value: str) -> str:
    return f"{value[5:]} (month-day, no year)" if value.startswith("XXXX") else value


def dateline_disagreement(article: Article) -> str | None:
    """Describe a disagreement between an article's dateline and its manifest date."""
    if article.dateline is None:
        return None
    published = article.meta.published
    dateline_day = article.dateline.value[:10]
    manifest_day = calendar_day(published)
    # A wire dateline gives no year ("XXXX-08-08"): compare the month and day.
    compared = manifest_day.isoformat()
    if dateline_day.startswith("XXXX"):
        compared = "XXXX" + compared[4:]
    if dateline_day != compared:
        return (
            f"{article.meta.id}: dateline {article.dateline.text!r} "
            f"says {_day_words(dateline_day)} "
            f"but the manifest says {manifest_day.isoformat()}; the manifest date is used"
        )
    return None
