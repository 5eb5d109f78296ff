#!/usr/bin/env bash
# Install everything the service and its tests need, offline-capable after the first run:
# a virtual environment in .venv with CPU PyTorch first, the project, the model exported to
# ONNX in models/, GOV.UK Frontend (npm, into node_modules/, its Sass compiled with this
# service's fonts into web/static/build/) and, with --test, the test tools, axe-core and
# Debian's Chromium for the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."

want_tests=0
[[ "${1:-}" == "--test" ]] && want_tests=1

python=${PYTHON:-python3}
if [[ ! -x .venv/bin/python ]]; then
    "$python" -m venv .venv
fi
pip=(.venv/bin/python -m pip install --quiet --disable-pip-version-check)

# CPU PyTorch before anything that depends on it: a bare "torch" would pull a CUDA build.
if ! .venv/bin/python -c "import torch" 2>/dev/null; then
    "${pip[@]}" torch==2.13.0
fi

if (( want_tests )); then
    "${pip[@]}" -e '.[test]'
else
    "${pip[@]}" -e .
fi

# ONNX Runtime runs the model (faster than PyTorch, same vectors): export it once, offline.
.venv/bin/python scripts/export_onnx.py

apt_install() {
    if [[ $(id -u) == 0 ]]; then
        apt-get update -qq && apt-get install -y -qq "$@" >/dev/null
    else
        sudo apt-get update -qq && sudo apt-get install -y -qq "$@" >/dev/null
    fi
}

# Versions are pinned in package.json and package-lock.json; npm ci only when they are not
# already what node_modules/ holds, so a second run costs a second, not a download.
command -v npm >/dev/null || apt_install npm
npm_scope=()
(( want_tests )) || npm_scope=(--omit=dev)
if ! npm ls --loglevel=silent "${npm_scope[@]}" >/dev/null 2>&1; then
    npm ci --loglevel=error --no-audit --no-fund "${npm_scope[@]}"
fi

# GOV.UK Frontend's styles with this service's own font stack (GDS Transport is GOV.UK's alone).
node_modules/.bin/sass --no-source-map --style=compressed --quiet-deps \
    --load-path=node_modules/govuk-frontend/dist \
    web/styles/frontend.scss web/static/build/frontend.css

if (( want_tests )) && ! command -v chromium >/dev/null; then
    apt_install chromium
fi
echo "setup done: $(.venv/bin/python -c 'import torch, sentence_transformers as s; print("torch", torch.__version__, "sentence-transformers", s.__version__)')"
