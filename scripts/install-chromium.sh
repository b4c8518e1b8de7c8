#!/usr/bin/env bash
# Install Debian's chromium for the browser tests (tests/web/test_browser.py), only when
# /usr/bin/chromium is missing.  The tests drive it with the playwright Python package
# (executable_path=/usr/bin/chromium); `playwright install` is never run (it downloads a
# browser build of its own).  Needs root (or sudo) and the Debian package archive.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
    echo "chromium already installed: /usr/bin/chromium"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "install-chromium: not root and no sudo; the browser tests will be skipped" >&2
        exit 0
    fi
fi

export DEBIAN_FRONTEND=noninteractive
if ! { $SUDO apt-get update && $SUDO apt-get install -y --no-install-recommends chromium; }; then
    echo "install-chromium: apt-get failed; the browser tests will be skipped" >&2
    exit 0
fi
echo "installed: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
