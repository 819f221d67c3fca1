#!/usr/bin/env bash
# Renders resources/icons/apidojo.svg into the icon files the installers use: PNGs in the hicolor
# sizes (Linux), apidojo.ico (Windows) and apidojo.icns (macOS). The results are committed, so a
# build never needs these tools; run this again after changing the SVG.
# Needs: librsvg2-bin (rsvg-convert), imagemagick (convert), icnsutils (png2icns).
set -euo pipefail
cd "$(dirname "$0")/../resources/icons"

for tool in rsvg-convert convert png2icns; do
    command -v "$tool" >/dev/null || {
        echo "render-icons.sh: $tool is missing (apt-get install librsvg2-bin imagemagick icnsutils)" >&2
        exit 1
    }
done

sizes=(16 22 24 32 48 64 128 256 512)
for size in "${sizes[@]}"; do
    rsvg-convert --width "$size" --height "$size" --output "apidojo-$size.png" apidojo.svg
done

# Windows shows 16-48 px in lists and menus and 256 px in large views; ImageMagick keeps 256 as PNG.
convert apidojo-16.png apidojo-24.png apidojo-32.png apidojo-48.png apidojo-64.png \
    apidojo-128.png apidojo-256.png apidojo.ico

# png2icns accepts 16, 32, 48, 128, 256 and 512 px images.
png2icns apidojo.icns apidojo-16.png apidojo-32.png apidojo-48.png apidojo-128.png \
    apidojo-256.png apidojo-512.png >/dev/null

echo "Rendered: ${sizes[*]/%/ px}, apidojo.ico, apidojo.icns in resources/icons/"
