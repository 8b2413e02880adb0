#!/usr/bin/env bash
# Packaging check: build every package, pack each published one exactly as `pnpm publish` would
# (workspace: ranges rewritten), then lint the tarball with publint --strict and
# "Are the Types Wrong?" (esm-only profile). Any problem fails the script.
#
# Usage: bash scripts/check-packages.sh            (from anywhere inside the repo)
#        SKIP_BUILD=1 bash scripts/check-packages.sh   (reuse an existing build)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# pnpm: a global one if present, otherwise the same pinned major CI uses.
if command -v pnpm >/dev/null 2>&1; then
  PNPM=(pnpm)
else
  PNPM=(npx -y pnpm@10)
fi

BIN="$ROOT/node_modules/.bin"
for tool in publint attw; do
  if [[ ! -x "$BIN/$tool" ]]; then
    echo "check-packages: $BIN/$tool not found; run 'npx -y pnpm@10 install' first" >&2
    exit 1
  fi
done

TMP="$(mktemp -d "${TMPDIR:-/tmp}/rapport-pack.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT

if [[ "${SKIP_BUILD:-}" != "1" ]]; then
  echo "check-packages: building all packages"
  "${PNPM[@]}" build
fi

checked=0
failed=()

for dir in "$ROOT"/packages/*/; do
  dir="${dir%/}"
  [[ -f "$dir/package.json" ]] || continue

  read -r name private < <(node -e '
    const p = require(process.argv[1]);
    console.log(p.name ?? "", p.private === true ? "private" : "public");
  ' "$dir/package.json")

  if [[ "$private" == "private" ]]; then
    echo "check-packages: skipping private package $name"
    continue
  fi

  echo
  echo "=== $name ($(basename "$dir"))"

  dest="$TMP/$(basename "$dir")"
  mkdir -p "$dest"
  (cd "$dir" && "${PNPM[@]}" pack --pack-destination "$dest" >/dev/null)

  shopt -s nullglob
  tarballs=("$dest"/*.tgz)
  shopt -u nullglob
  if [[ ${#tarballs[@]} -ne 1 ]]; then
    echo "check-packages: expected one tarball for $name, found ${#tarballs[@]}" >&2
    failed+=("$name (pack)")
    continue
  fi
  tarball="${tarballs[0]}"
  echo "packed $(basename "$tarball") ($(du -k "$tarball" | cut -f1) KiB)"

  echo "--- publint --strict"
  if ! "$BIN/publint" run --strict "$tarball"; then
    failed+=("$name (publint)")
  fi

  echo "--- attw --profile esm-only"
  # --no-definitely-typed: the packages ship their own types; do not look up @types/* on the registry.
  if ! "$BIN/attw" "$tarball" --profile esm-only --no-definitely-typed --no-emoji; then
    failed+=("$name (attw)")
  fi

  checked=$((checked + 1))
done

echo
if [[ $checked -eq 0 && ${#failed[@]} -eq 0 ]]; then
  echo "check-packages: no publishable packages found under packages/" >&2
  exit 1
fi
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "check-packages: FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "check-packages: OK ($checked packages)"
