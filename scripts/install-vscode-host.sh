#!/usr/bin/env bash
# Installs a real VS Code (code-server from the npm registry, VS Code 1.100) into .vscode-test/code-server,
# offline. Idempotent: a complete install is left alone; a partial one (an interrupted run, a missing
# marker) is removed and done again. Nothing is fetched but npm packages.
#   scripts/install-vscode-host.sh           install if needed
#   scripts/install-vscode-host.sh --check   exit 0 when installed and complete, 1 otherwise
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
HOST_DIR="$ROOT/.vscode-test/code-server"
MARKER="$HOST_DIR/.installed"
VSCODE_DIR="$HOST_DIR/node_modules/code-server/lib/vscode"

# Files a working install must have: the marker alone could survive a half-deleted folder.
is_complete() {
  [[ -f "$MARKER" ]] && [[ "$(cat "$MARKER")" == "code-server@$CODE_SERVER_VERSION" ]] &&
    [[ -f "$HOST_DIR/node_modules/code-server/out/node/entry.js" ]] &&
    [[ -e "$VSCODE_DIR/node_modules.asar" ]] &&
    [[ -x "$VSCODE_DIR/node_modules/@vscode/ripgrep/bin/rg" ]] &&
    [[ -d "$VSCODE_DIR/extensions/node_modules" ]] &&
    compgen -G "$VSCODE_DIR/node_modules/node-pty/build/Release/*.node" >/dev/null
}

if [[ "${1:-}" == "--check" ]]; then
  if is_complete; then exit 0; else exit 1; fi
fi

if is_complete; then
  echo "code-server $CODE_SERVER_VERSION already installed in ${HOST_DIR#"$ROOT"/}"
  exit 0
fi

# Debian packages the native modules build against, and ripgrep (code-server's own postinstall would
# download it). .ci/run installs them on a bare machine; here we only say what is missing.
missing=()
for pkg in ripgrep libkrb5-dev libxkbfile-dev libsecret-1-dev libx11-dev pkg-config make g++ python3; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "installing Debian packages: ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  else
    echo "missing Debian packages: ${missing[*]} (sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
fi

started=$(date +%s)
echo "installing code-server $CODE_SERVER_VERSION into ${HOST_DIR#"$ROOT"/} (about 4 minutes)"
rm -rf "$HOST_DIR"
mkdir -p "$HOST_DIR"
cd "$HOST_DIR"
export npm_config_yes=true npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
npm init -y >/dev/null
# --ignore-scripts: its postinstall would fetch ripgrep from GitHub (and refuses to run as root).
npm install --ignore-scripts --no-save "code-server@$CODE_SERVER_VERSION"
npm rebuild argon2

cd "$VSCODE_DIR"
npm install --omit=dev --ignore-scripts
npm rebuild node-pty @vscode/spdlog kerberos native-watchdog @vscode/deviceid @parcel/watcher
ln -sfn node_modules node_modules.asar
mkdir -p node_modules/@vscode/ripgrep/bin && ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
(cd bin/remote-cli && ln -sf code-linux.sh code-server)
(cd bin/helpers && ln -sf browser-linux.sh browser.sh)
(cd extensions && npm install --omit=dev --ignore-scripts)

echo "code-server@$CODE_SERVER_VERSION" >"$MARKER"
is_complete || { echo "install finished but the host is incomplete" >&2; exit 1; }
echo "code-server $CODE_SERVER_VERSION installed in $(( $(date +%s) - started )) s"
