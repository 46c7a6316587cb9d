#!/bin/sh
# Runs three independently written Wrike clients from PyPI (WrikePy 1.0.4, py-wrike-v4 0.15, PyWrike 1.955)
# against `wrike-tui sandbox serve`, through the calls they offer for tasks, comments, time logs,
# dependencies, folders and contacts. Prints one line per check and `N passed, M failed`; exits 1 if any
# check failed. Needs python3 (with venv) and PyPI; takes about a minute, most of it installing the
# clients into a temporary venv (PyWrike pulls in pandas). See docs/sandbox.md.
#
#   scripts/third-party-clients.sh              # builds wrike-tui if needed
#   WRIKE_TUI=/path/to/wrike-tui scripts/third-party-clients.sh
set -eu
cd "$(dirname "$0")/.."

if [ -n "${WRIKE_TUI:-}" ]; then
    bin=$WRIKE_TUI
else
    swift build --product wrike-tui >/dev/null
    bin="$(swift build --show-bin-path)/wrike-tui"
fi

work=$(mktemp -d)
server=""
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

echo "installing the clients into a temporary venv..."
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check \
    "WrikePy==1.0.4" "py-wrike-v4==0.15" "PyWrike==1.955" beautifulsoup4 requests

# A sandbox test token (not a secret), given through the environment, not argv.
token="third-party-$$"
WRIKE_SANDBOX_TOKEN=$token "$bin" sandbox serve --port 0 --rate-limit 0 >"$work/url" 2>"$work/server.log" &
server=$!
tries=0
while [ ! -s "$work/url" ]; do
    tries=$((tries + 1))
    if [ "$tries" -gt 100 ] || ! kill -0 "$server" 2>/dev/null; then
        echo "the sandbox did not start:" >&2
        cat "$work/server.log" >&2
        exit 1
    fi
    sleep 0.1
done
base=$(head -n 1 "$work/url")
echo "sandbox at $base"

"$work/venv/bin/python" scripts/third-party-clients/run.py "$base" "$token"
