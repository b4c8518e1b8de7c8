#!/usr/bin/env bash
# Create .venv-anchors: a separate interpreter for anchor tools that newsprism is measured
# against (quantulum3 for `newsprism eval figures`).  quantulum3 0.10.0 ships a classifier
# pickled with scikit-learn 1.8.0; newer scikit-learn fails to unpickle it (ModuleNotFoundError:
# '_loss'), so that version is pinned here, away from the main venv.
# Usage: bash scripts/anchors-venv.sh [PYTHON]   (default python3; idempotent)
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${1:-python3}"
if [ ! -x .venv-anchors/bin/python ]; then
    "$PY" -m venv .venv-anchors
fi
.venv-anchors/bin/pip install -q "quantulum3[classifier]==0.10.0" "scikit-learn==1.8.0"
.venv-anchors/bin/python -c "from quantulum3 import parser; parser.parse('2 km')" >/dev/null
echo "anchors ready: .venv-anchors/bin/python"
