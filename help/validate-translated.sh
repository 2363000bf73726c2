#!/bin/sh
# Builds the translated help pages for one language the way `gnome.yelp`
# installs them (msgfmt + itstool) and validates them with yelp-check.
# Usage: validate-translated.sh HELP_SRC_DIR OUT_DIR LANG
set -eu
src=$1
out=$2
lang=$3
rm -rf "$out"
mkdir -p "$out"
msgfmt --check -o "$out/$lang.mo" "$src/$lang/$lang.po"
stats=$(msgfmt --statistics -o /dev/null "$src/$lang/$lang.po" 2>&1)
case "$stats" in
  *untranslated*|*fuzzy*) echo "help/$lang/$lang.po is incomplete: $stats" >&2; exit 1 ;;
esac
for page in "$src"/C/*.page "$src"/C/*.xml; do
  itstool -m "$out/$lang.mo" -o "$out/" "$page"
done
yelp-check validate "$out"
