#!/usr/bin/env bash
# Installs what ApiDojo needs to build and test on Debian 12 / Ubuntu 24.04 or newer: Qt 6.4 or
# later with its QHttpServer package (Ubuntu 22.04 has Qt 6.2 and no qt6-httpserver-dev).
set -euo pipefail

packages=(
    cmake ninja-build g++ pkg-config ccache
    qt6-base-dev qt6-httpserver-dev qt6-websockets-dev libqt6svg6 fonts-dejavu-core
    libssl-dev
    curl
)

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
        || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing: ${missing[*]}"
$sudo apt-get update -q
if ! apt-cache show qt6-httpserver-dev >/dev/null 2>&1; then
    echo "This system has no qt6-httpserver-dev package: ApiDojo needs Qt 6.4 or later with" >&2
    echo "QHttpServer (Debian 12, Ubuntu 24.04 or newer), or Qt from qt.io (see README.md)." >&2
    exit 1
fi
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
