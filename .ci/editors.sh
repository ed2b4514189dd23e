#!/usr/bin/env bash
# Installs what the editor tests (tests/editor_*.rs) need, builds the VS Code
# extension and runs its grammar tests. Called by .ci/run with CI=true before
# `cargo test`; safe to run again, and by hand on a developer's machine.
#
#   - Debian packages: neovim (0.7), emacs-nox + elpa-eglot, python3 (the
#     stand-in server), and through shared/tools/install-code-server.sh:
#     chromium and code-server for the VS Code end-to-end test
#   - editors/vscode: npm ci, npm run package (clerk-minutes.vsix), npm test
#     (tests/editor_vscode_e2e.rs builds the Linux x64 .vsix itself, around
#     the clerk that `cargo test` built, with the vsce that npm ci installs)
#
# CLERK_CODE_SERVER_DIR says where code-server goes (default
# $TMPDIR/clerk-code-server, where tests/editor_vscode_e2e.rs looks).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
code_server_dir=${CLERK_CODE_SERVER_DIR:-${TMPDIR:-/tmp}/clerk-code-server}
install_code_server=$repo/../shared/tools/install-code-server.sh
export DEBIAN_FRONTEND=noninteractive
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

step_started=0
step() { step_started=$(date +%s); echo "editors.sh: $*"; }
done_step() { echo "editors.sh:   done in $(( $(date +%s) - step_started ))s"; }
all_started=$(date +%s)

missing=()
for package in neovim emacs-nox elpa-eglot; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
command -v python3 >/dev/null || missing+=(python3)
# The build itself needs a C compiler: mimalloc is compiled from C.
command -v cc >/dev/null || missing+=(gcc)
if [ ${#missing[@]} -gt 0 ]; then
  step "apt-get install ${missing[*]}"
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}" >/dev/null
  done_step
else
  echo "editors.sh: neovim, emacs-nox, elpa-eglot, python3 and a C compiler already installed"
fi
echo "editors.sh:   $(nvim --version | head -n 1); $(emacs --version | head -n 1)"

step "code-server and chromium into $code_server_dir (shared/tools/install-code-server.sh)"
if [ -f "$install_code_server" ]; then
  # The script's own apt-get has no lock timeout: wait for other installs.
  for _ in $(seq 1 120); do
    fuser /var/lib/dpkg/lock-frontend >/dev/null 2>&1 || break
    sleep 5
  done
  bash "$install_code_server" "$code_server_dir"
  done_step
else
  echo "editors.sh:   $install_code_server is missing: the VS Code end-to-end tests will fail under CI=true" >&2
fi

cd "$repo/editors/vscode"
step "npm ci in editors/vscode"
npm ci --no-audit --no-fund --loglevel=error
done_step

step "npm run package (clerk-minutes.vsix)"
npm run --silent package >/dev/null
ls -l clerk-minutes.vsix
done_step

step "npm test (TextMate grammar and folding)"
npm test --silent
done_step

echo "editors.sh: ready in $(( $(date +%s) - all_started ))s"
