#!/bin/sh
# Sets up a Debian 12 machine (apt packages), builds Credit Repair and runs
# every test: unit tests, UI tests in a real window under Xvfb, data and
# translation checks. Idempotent; works as root without prompts.
#
# Environment:
#   BUILD_DIR   build directory (default: _build)
#   MESON_ARGS  extra `meson setup` arguments (e.g. -Dwerror=true)
#   SKIP_DEPS=1 do not check or install apt packages
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
BUILD_DIR=${BUILD_DIR:-_build}
MESON_ARGS=${MESON_ARGS:-}

if [ "${SKIP_DEPS:-0}" != 1 ]; then
  sh build-aux/install-deps.sh --test
fi

export LANG=C.UTF-8
export GTK_A11Y=none
export GSETTINGS_BACKEND=memory
export GSK_RENDERER=cairo
unset LANGUAGE LC_ALL

# A stale log must never look like a green run.
rm -f "$BUILD_DIR/meson-logs/testlog.json"

summary () {
  if [ -f "$BUILD_DIR/meson-logs/testlog.json" ]; then
    /usr/bin/python3 -c 'import json,sys;r=[json.loads(l)["result"] for l in open(sys.argv[1]) if l.strip()];p=sum(x in("OK","EXPECTEDFAIL") for x in r);s=r.count("SKIP");print(f"{p} passed, {len(r)-p-s} failed" + (f", {s} skipped" if s else ""))' "$BUILD_DIR/meson-logs/testlog.json"
  else
    echo "0 passed, 1 failed"
  fi
}

if [ -f "$BUILD_DIR/build.ninja" ]; then
  # shellcheck disable=SC2086
  meson setup --reconfigure "$BUILD_DIR" $MESON_ARGS >/dev/null || { summary; exit 1; }
else
  rm -rf "$BUILD_DIR"
  # shellcheck disable=SC2086
  meson setup "$BUILD_DIR" $MESON_ARGS >/dev/null || { summary; exit 1; }
fi
meson compile -C "$BUILD_DIR" || { summary; exit 1; }

rc=0
dbus-run-session -- xvfb-run -a -s '-screen 0 1280x800x24' \
  meson test -C "$BUILD_DIR" --print-errorlogs --timeout-multiplier 3 || rc=$?
summary
exit $rc
