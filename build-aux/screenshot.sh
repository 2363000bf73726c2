#!/bin/sh
# Takes a screenshot of the main window under Xvfb with ImageMagick.
# Usage: screenshot.sh BUILD_DIR OUT.png [LANGUAGE] [WIDTHxHEIGHT]
#   LANGUAGE: e.g. zh_CN or en (default en)
set -eu
build=$(cd "$1" && pwd)
out=$2
lang=${3:-en}
size=${4:-1100x720}
w=${size%x*}
h=${size#*x}
top=$(cd "$(dirname "$0")/.." && pwd)
outabs=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")

xvfb-run -a -s "-screen 0 $((w + 200))x$((h + 200))x24" sh -c '
  export LANG=C.UTF-8 LANGUAGE="$1" GSK_RENDERER=cairo GTK_A11Y=none GSETTINGS_BACKEND=memory
  export GSETTINGS_SCHEMA_DIR="$2/data" CREDIT_REPAIR_LOCALEDIR="$2/po"
  export CREDIT_REPAIR_RULES_DIR="$3/data/rules" CREDIT_REPAIR_SAMPLES_DIR="$3/data/samples"
  "$2/src/credit-repair" & pid=$!
  sleep 3
  import -window root "$4.full.png"
  kill $pid
' sh "$lang" "$build" "$top" "$outabs" "$w" "$h"
# Without a window manager the window sits at the top-left corner; keep the
# window and drop the empty screen around it.
convert "$outabs.full.png" -trim +repage "$outabs"
rm -f "$outabs.full.png"
echo "$outabs"
