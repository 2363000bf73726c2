#!/bin/sh
# Takes the screenshot of the main window that the README and the AppStream
# metadata show: the three sample cases in a fresh library, one open on its
# Overview page. The UI test /ui/library/samples-overview drives the real
# window and renders it (CREDIT_REPAIR_TEST_SCREENSHOTS), under Xvfb.
# Usage: screenshot.sh BUILD_DIR OUT.png [LANGUAGE]
#   LANGUAGE: e.g. zh_CN or en (default en)
set -eu
build=$(cd "$1" && pwd)
out=$2
lang=${3:-en}
top=$(cd "$(dirname "$0")/.." && pwd)
shots=$(mktemp -d)
trap 'rm -rf "$shots"' EXIT

ninja -C "$build" tests/test-library-ui >/dev/null
env LANG=C.UTF-8 LANGUAGE="$lang" GSK_RENDERER=cairo GTK_A11Y=none NO_AT_BRIDGE=1 \
    GDK_DEBUG=gl-disable GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$build/data" \
    CREDIT_REPAIR_LOCALEDIR="$build/po" CREDIT_REPAIR_RULES_DIR="$top/data/rules" \
    CREDIT_REPAIR_SAMPLES_DIR="$top/data/samples" CREDIT_REPAIR_TEST_SCREENSHOTS="$shots" \
  dbus-run-session -- xvfb-run -a -s "-screen 0 1600x1000x24" \
    "$build/tests/test-library-ui" -p /ui/library/samples-overview >/dev/null
cp "$shots/main-window.png" "$out"
echo "$out"
