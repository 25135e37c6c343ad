#!/usr/bin/env bash
# Installs the real tools the end-to-end tests and `npm start` need, once:
#   - Debian's chromium and redis-server (apt-get, as root);
#   - livekit-server, built from its Go module at a pinned version into
#     ${RINGKIT_CACHE:-$HOME/.cache/ringkit}/bin/server.
# Idempotent and quiet: a second run installs nothing and prints nothing.
# Where it cannot install (not root, no Go), it prints what to install and exits 1.
set -euo pipefail

# Go may be installed without being on PATH (for example /usr/local/go).
command -v go >/dev/null 2>&1 || PATH="$PATH:/usr/local/go/bin"

LIVEKIT_VERSION="1.13.5"
LIVEKIT_MODULE="github.com/livekit/livekit-server/cmd/server@v${LIVEKIT_VERSION}"
CACHE_DIR="${RINGKIT_CACHE:-$HOME/.cache/ringkit}"
LIVEKIT_BIN="$CACHE_DIR/bin/server"

missing_apt=()
command -v chromium >/dev/null 2>&1 || missing_apt+=(chromium)
command -v redis-server >/dev/null 2>&1 || missing_apt+=(redis-server)

if ((${#missing_apt[@]})); then
  if [[ "$(id -u)" != "0" ]]; then
    echo "ringkit setup: missing ${missing_apt[*]}. Install them with:" >&2
    echo "  sudo apt-get install -y ${missing_apt[*]}" >&2
    exit 1
  fi
  echo "ringkit setup: installing ${missing_apt[*]} with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing_apt[@]}" >/dev/null
fi

livekit_installed_version() {
  [[ -x "$LIVEKIT_BIN" ]] || return 0
  "$LIVEKIT_BIN" --version 2>/dev/null | awk '{ print $NF }'
}

if [[ "$(livekit_installed_version)" != "$LIVEKIT_VERSION" ]]; then
  if ! command -v go >/dev/null 2>&1; then
    echo "ringkit setup: livekit-server v$LIVEKIT_VERSION is missing and Go is not installed." >&2
    echo "  Install Go 1.26 or newer (https://go.dev/dl/), then run: bash scripts/setup-tools.sh" >&2
    echo "  or build it yourself: GOBIN=$CACHE_DIR/bin go install $LIVEKIT_MODULE" >&2
    exit 1
  fi
  echo "ringkit setup: building livekit-server v$LIVEKIT_VERSION (go install, takes a few minutes)"
  mkdir -p "$CACHE_DIR/bin"
  GOBIN="$CACHE_DIR/bin" go install "$LIVEKIT_MODULE"
  if [[ "$(livekit_installed_version)" != "$LIVEKIT_VERSION" ]]; then
    echo "ringkit setup: $LIVEKIT_BIN does not report version $LIVEKIT_VERSION after the build" >&2
    exit 1
  fi
fi
