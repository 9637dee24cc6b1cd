#!/usr/bin/env bash
# Fetches Shopify's official Admin GraphQL introspection dump for the version the connector pins,
# once, into a cache outside git: node_modules/.cache/shopify-admin-schema/admin_<version>.json.
# The dump ships in npm @shopify/dev-mcp; it is packed (not installed: its dependencies are heavy).
# Usage: scripts/shopify-admin-schema.sh [version]   (default: the pinned 2026-10)
set -euo pipefail
VERSION="${1:-2026-10}"
PACKAGE="@shopify/dev-mcp@1.16.0"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="$ROOT/node_modules/.cache/shopify-admin-schema"
OUT="$CACHE/admin_$VERSION.json"
if [ -s "$OUT" ]; then echo "$OUT"; exit 0; fi
mkdir -p "$CACHE"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
TARBALL="$(cd "$WORK" && npm pack "$PACKAGE" --silent --pack-destination "$WORK" | tail -1)"
tar -xzf "$WORK/$TARBALL" -C "$WORK" "package/dist/data/admin_$VERSION.json.gz"
gunzip -c "$WORK/package/dist/data/admin_$VERSION.json.gz" > "$OUT.tmp"
mv "$OUT.tmp" "$OUT"
echo "$OUT"
