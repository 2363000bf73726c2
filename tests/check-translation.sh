#!/bin/sh
# Fails when po/LANG.po lacks a translation for any string in the sources
# (untranslated or fuzzy after merging with a freshly extracted template).
# Usage: check-translation.sh SOURCE_ROOT LANG
set -eu
src=$1
lang=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The same keywords as meson's i18n.gettext(preset: 'glib').
xgettext --directory="$src" --files-from="$src/po/POTFILES.in" --from-code=UTF-8 \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --add-comments=Translators -o "$tmp/template.pot"

msgmerge --quiet --no-fuzzy-matching -o "$tmp/merged.po" "$src/po/$lang.po" "$tmp/template.pot"
msgfmt --check -o /dev/null "$tmp/merged.po"
stats=$(LC_ALL=C msgfmt --statistics -o /dev/null "$tmp/merged.po" 2>&1)
echo "po/$lang.po: $stats"

case "$stats" in
  *untranslated*|*fuzzy*)
    echo "These strings need a $lang translation in po/$lang.po:" >&2
    msgattrib --untranslated --no-obsolete "$tmp/merged.po" | grep -A1 '^msgid' | grep -v '^--' >&2 || true
    msgattrib --only-fuzzy --no-obsolete "$tmp/merged.po" | grep -A1 '^msgid' | grep -v '^--' >&2 || true
    exit 1
    ;;
esac
exit 0
