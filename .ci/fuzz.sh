#!/usr/bin/env bash
# CI: each fuzz target for a short, fixed time (FUZZ_SECONDS, default 30),
# after installing cargo-fuzz where it is missing. The nightly toolchain that
# cargo-fuzz needs comes with the machine; without it this fails.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! rustup toolchain list | grep -q '^nightly'; then
  echo "the nightly toolchain is missing: cargo-fuzz needs it (rustup toolchain install nightly)" >&2
  exit 1
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked --quiet
fi
bash fuzz/run "${FUZZ_SECONDS:-30}"
