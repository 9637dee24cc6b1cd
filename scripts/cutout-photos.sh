#!/usr/bin/env bash
# The real-photo evaluation set for background removal (hub/src/processing/fixtures/real-photos/README.md):
# sample photographs that Debian packages ship (scikit-image, OpenCV's examples, matplotlib, scikit-learn).
# Only the package files are fetched (apt-get download) and the listed photos unpacked; nothing is installed.
# Prints the directory; the bench and the tests read it from PIXPORT_CUTOUT_PHOTOS or this default.
set -euo pipefail
dest=${PIXPORT_CUTOUT_PHOTOS:-${XDG_CACHE_HOME:-$HOME/.cache}/pixport/cutout-photos}
# package|path inside it
files=(
  "python3-skimage|usr/lib/python3/dist-packages/skimage/data/coffee.png"
  "python3-skimage|usr/lib/python3/dist-packages/skimage/data/camera.png"
  "python3-skimage|usr/lib/python3/dist-packages/skimage/data/astronaut.png"
  "opencv-doc|usr/share/doc/opencv-doc/examples/data/apple.jpg"
  "opencv-doc|usr/share/doc/opencv-doc/examples/data/orange.jpg"
  "opencv-doc|usr/share/doc/opencv-doc/examples/data/smarties.png"
  "opencv-doc|usr/share/doc/opencv-doc/examples/data/stuff.jpg"
  "opencv-doc|usr/share/doc/opencv-doc/examples/data/box.png"
  "opencv-doc|usr/share/doc/opencv-doc/examples/data/butterfly.jpg"
  "opencv-doc|usr/share/doc/opencv-doc/examples/data/messi5.jpg"
  "python-matplotlib-data|usr/share/matplotlib/mpl-data/sample_data/grace_hopper.jpg"
  "python3-sklearn|usr/lib/python3/dist-packages/sklearn/datasets/images/flower.jpg"
)
missing=()
for entry in "${files[@]}"; do
  [ -s "$dest/$(basename "${entry#*|}")" ] || missing+=("$entry")
done
if [ ${#missing[@]} -gt 0 ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  chmod 777 "$work"
  packages=$(printf '%s\n' "${missing[@]}" | cut -d'|' -f1 | sort -u)
  # shellcheck disable=SC2086
  (cd "$work" && { apt-get download $packages >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get download $packages >/dev/null; }; })
  mkdir -p "$dest"
  for package in $packages; do
    paths=$(printf '%s\n' "${missing[@]}" | grep "^$package|" | cut -d'|' -f2 | sed 's#^#./#')
    # shellcheck disable=SC2086
    dpkg-deb --fsys-tarfile "$work/${package}"_*.deb | tar -x -C "$work" $paths
    for file in $paths; do cp "$work/$file" "$dest/"; done
  done
fi
echo "$dest"
