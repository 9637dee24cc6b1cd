#!/usr/bin/env bash
# Real photographs for the hub's image tests: the sample photos Debian's python3-skimage package ships
# (scikit-image's data set: public-domain / CC0 photos such as NASA's astronaut portrait, a cup of coffee,
# a cat). Only the package file is fetched (apt-get download) and unpacked; nothing is installed.
# Prints the directory; tests read it from PIXPORT_REAL_PHOTOS or this default.
set -euo pipefail
dest=${PIXPORT_REAL_PHOTOS:-${XDG_CACHE_HOME:-$HOME/.cache}/pixport/real-photos}
photos=(astronaut.png coffee.png chelsea.png camera.png rocket.jpg motorcycle_left.png)
missing=0
for photo in "${photos[@]}"; do [ -s "$dest/$photo" ] || missing=1; done
if [ "$missing" = 1 ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  chmod 777 "$work"
  (cd "$work" && { apt-get download python3-skimage >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get download python3-skimage >/dev/null; }; })
  dpkg-deb -x "$work"/python3-skimage_*.deb "$work/x"
  mkdir -p "$dest"
  for photo in "${photos[@]}"; do cp "$work/x/usr/lib/python3/dist-packages/skimage/data/$photo" "$dest/"; done
fi
echo "$dest"
