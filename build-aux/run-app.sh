#!/bin/sh
# Sets up a Debian 12 machine (apt packages), builds Credit Repair and runs
# it from the build tree (no install needed). Idempotent; works as root
# without prompts. Arguments are passed to the application.
#
# Environment: BUILD_DIR (default: _build), SKIP_DEPS=1 to skip apt.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
BUILD_DIR=${BUILD_DIR:-_build}

if [ "${SKIP_DEPS:-0}" != 1 ]; then
  sh build-aux/install-deps.sh
fi

if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  rm -rf "$BUILD_DIR"
  meson setup "$BUILD_DIR" >/dev/null
fi
meson compile -C "$BUILD_DIR" >/dev/null

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "run-app: no display (DISPLAY or WAYLAND_DISPLAY) to open the window on." >&2
  echo "run-app: on a server, try: xvfb-run -a $0" >&2
  exit 1
fi

export GSETTINGS_SCHEMA_DIR="$top/$BUILD_DIR/data"
export CREDIT_REPAIR_LOCALEDIR="$top/$BUILD_DIR/po"
export CREDIT_REPAIR_RULES_DIR="$top/data/rules"
export CREDIT_REPAIR_SAMPLES_DIR="$top/data/samples"
case "${LANG:-}" in ""|C|POSIX) export LANG=C.UTF-8 ;; esac
exec "$BUILD_DIR/src/credit-repair" "$@"
