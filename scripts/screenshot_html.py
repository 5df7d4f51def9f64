"""Screenshot the HTML export in headless Chromium, for reviewers.

    .venv/bin/python scripts/screenshot_html.py OUT.png                 # the seed corpus
    .venv/bin/python scripts/screenshot_html.py OUT.png --html page.html
    .venv/bin/python scripts/screenshot_html.py OUT.png --corpus my-folder --width 800

Needs Debian's chromium (``apt-get install chromium``) and the dev extra (playwright,
which drives the system browser; no browser is downloaded). Console errors and any
request that leaves the page are printed and make the exit code 1.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="PNG file to write")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--html", type=Path, help="an existing export (default: build one)")
    source.add_argument("--corpus", type=Path, default=Path("data/manifest.json"))
    parser.add_argument("--width", type=int, default=1200, help="viewport width in pixels")
    parser.add_argument("--viewport-only", action="store_true", help="not the full page")
    args = parser.parse_args()

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("error: chromium not found; apt-get install chromium", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        page_file = args.html
        if page_file is None:
            from huawei_timeline import build_timeline
            from huawei_timeline.output.page import to_html

            page_file = Path(tmp) / "timeline.html"
            page_file.write_text(to_html(build_timeline(args.corpus)), encoding="utf-8")
        problems: list[str] = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": args.width, "height": 900})
            page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}"))
            page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
            page.on(
                "request",
                lambda r: (
                    None
                    if r.url.startswith(("file:", "data:"))
                    else problems.append(f"request: {r.url}")
                ),
            )
            page.goto(page_file.resolve().as_uri())
            page.screenshot(path=str(args.out), full_page=not args.viewport_only)
            browser.close()
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"wrote {args.out}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
