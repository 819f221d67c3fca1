#!/usr/bin/env bash
# Proof that the .deb installs and runs on a clean Debian 12: builds the package, creates a bare
# bookworm root with debootstrap in a temporary folder, installs the package there with apt (so
# apt resolves its Depends), then runs `apidojo --version` and `apidojo --headless --port 0` in it,
# with no display, and asks the server for /health over HTTP.
#
# Run as root on Debian/Ubuntu; it downloads about 290 packages (over 108 MB) from the Debian
# mirror, so it is not part of CI. Needs: debootstrap, dpkg-dev, curl and ApiDojo's build dependencies
# (scripts/install-deps.sh).
# Usage: packaging/test-deb-in-bookworm.sh [BUILD_DIR]   (default: a temporary folder)
# Environment: MIRROR (default http://deb.debian.org/debian), KEEP_ROOT=1 keeps the chroot.
set -euo pipefail

source_dir=$(cd "$(dirname "$0")/.." && pwd)
mirror=${MIRROR:-http://deb.debian.org/debian}
[ "$(id -u)" -eq 0 ] || { echo "test-deb-in-bookworm.sh: run as root (debootstrap, chroot)" >&2; exit 1; }
for tool in debootstrap dpkg-shlibdeps curl cmake ninja; do
    command -v "$tool" >/dev/null || { echo "test-deb-in-bookworm.sh: $tool is missing" >&2; exit 1; }
done

work=$(mktemp -d /tmp/apidojo-deb-proof.XXXXXX)
build_dir=${1:-$work/build}
root=$work/bookworm
server_pid=""
started=$SECONDS

cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
    umount -R "$root/proc" 2>/dev/null || true
    # Never through a mount a failed debootstrap may have left in the root.
    if [ "${KEEP_ROOT:-0}" = 1 ]; then echo "Kept $work"; else rm -rf --one-file-system "$work"; fi
}
trap cleanup EXIT

step() { echo; echo "== $* ($((SECONDS - started)) s)"; }

step "Building the .deb in $build_dir"
cmake -S "$source_dir" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DAPIDOJO_BUILD_TESTS=OFF -DAPIDOJO_BUILD_BENCH=OFF >/dev/null
cmake --build "$build_dir"
(cd "$build_dir" && cpack -G DEB >/dev/null)
deb=$(ls "$build_dir"/apidojo_*.deb)
echo "Package: $deb"
dpkg-deb --field "$deb" Package Version Architecture Section Priority Depends Recommends
echo "Files:"
dpkg-deb --contents "$deb" | awk '{print "  " $NF}' | grep -v '/$'

step "Creating a clean Debian bookworm root with debootstrap ($mirror)"
debootstrap --variant=minbase bookworm "$root" "$mirror" >"$work/debootstrap.log" 2>&1 \
    || { tail -20 "$work/debootstrap.log"; exit 1; }
echo "debootstrap: $(grep -c '^I: Validating' "$work/debootstrap.log") packages downloaded"
cp /etc/resolv.conf "$root/etc/resolv.conf"
mount -t proc proc "$root/proc"

step "apt-get install ./$(basename "$deb") in the chroot"
cp "$deb" "$root/tmp/"
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root "$@"; }
in_root apt-get update -q >/dev/null
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "./tmp/$(basename "$deb")" \
    >"$work/apt.log" 2>&1 || { tail -30 "$work/apt.log"; exit 1; }
grep -E '^[0-9]+ upgraded|^Need to get|^After this operation' "$work/apt.log"
# shellcheck disable=SC2016 # dpkg-query's own ${…} format, not the shell's
in_root dpkg-query -W -f='Installed: ${Package} ${Version}\n' apidojo

step "apidojo --version (no DISPLAY, no WAYLAND_DISPLAY)"
in_root apidojo --version

step "apidojo --headless --port 0"
in_root apidojo --headless --port 0 >"$work/server.log" 2>&1 &
server_pid=$!
url=""
for _ in $(seq 50); do
    url=$(grep -o 'listening on http://[0-9.:]*' "$work/server.log" | cut -d' ' -f3 || true)
    [ -n "$url" ] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log"; exit 1; }
    sleep 0.2
done
[ -n "$url" ] || { echo "The server printed no URL:"; cat "$work/server.log"; exit 1; }
head -1 "$work/server.log"
echo "GET $url/health:"
health=$(curl --silent --show-error --fail --max-time 10 "$url/health")
echo "$health"
echo "$health" | grep -q '"healthy"' || { echo "Unexpected /health answer" >&2; exit 1; }
kill "$server_pid"
wait "$server_pid" || true
server_pid=""

step "PASS: the .deb installs on a clean bookworm with apt and serves /health"
