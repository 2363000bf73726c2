#!/bin/sh
# Installs the Debian 12 packages needed to build, run and test Credit Repair.
# Idempotent; runs as root without prompts (uses sudo when not root).
set -eu

PKGS="build-essential meson ninja-build pkg-config
  libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev libjson-glib-dev libarchive-dev
  libpoppler-glib-dev libsodium-dev
  gettext itstool yelp-tools appstream desktop-file-utils
  xvfb xauth dbus-daemon dbus-x11 at-spi2-core
  fonts-noto-cjk glib-networking librsvg2-common adwaita-icon-theme
  imagemagick"

# Extra tools the test suite uses when present (linting, integration tests).
TEST_PKGS="flatpak-builder minisign nginx-light curl"

want="$PKGS"
if [ "${1:-}" = "--test" ]; then
  want="$PKGS $TEST_PKGS"
fi

missing=""
for p in $want; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done

if [ -z "$missing" ]; then
  echo "install-deps: all packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" != 0 ]; then
  SUDO="sudo"
fi

echo "install-deps: installing$missing"
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $missing
