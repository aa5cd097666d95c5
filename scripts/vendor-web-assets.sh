#!/usr/bin/env bash
# Re-fetch the web application's browser assets at their pinned versions from npm and check
# each file against the SHA-256 sums recorded beside it: htmx into src/coordina/web/static/
# (shipped in the package), axe-core into tests/browser/ (the accessibility scan of the browser
# tests, never served to users). Nothing is fetched at run time: no CDN.
#
#   ./scripts/vendor-web-assets.sh          fetch, copy, verify
#   ./scripts/vendor-web-assets.sh --check  only verify the files already vendored
#
# To move to a new version: change the pin, run with UPDATE=1 to rewrite the SHA256SUMS files,
# and review the upstream changes.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

HTMX=htmx.org@2.0.11     # 0BSD; the 2.0.x line the pages are written for
AXE=axe-core@4.14.1      # MPL-2.0
WEB=src/coordina/web/static
TESTS=tests/browser

# folder  file  <- package:path inside the npm package
FILES="$(cat <<'FILES'
src/coordina/web/static  htmx.min.js    htmx.org:dist/htmx.min.js
src/coordina/web/static  htmx.LICENSE   htmx.org:LICENSE
tests/browser            axe.min.js     axe-core:axe.min.js
tests/browser            axe.LICENSE    axe-core:LICENSE
FILES
)"

if [[ "${1:-}" != "--check" ]]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  for spec in "$HTMX" "$AXE"; do
    name=${spec%@*}
    mkdir -p "$work/$name"
    (cd "$work" && npm pack --silent "$spec" >/dev/null)
    tar -xzf "$work/${name}-${spec#*@}.tgz" -C "$work/$name"
  done
  while read -r folder target source; do
    [[ -n "$target" ]] || continue
    cp "$work/${source%%:*}/package/${source#*:}" "$folder/$target"
  done <<<"$FILES"
fi

for folder in "$WEB" "$TESTS"; do
  names=$(awk -v f="$folder" '$1 == f {print $2}' <<<"$FILES")
  if [[ "${UPDATE:-}" == "1" ]]; then
    (cd "$folder" && sha256sum $names) >"$folder/SHA256SUMS"
  fi
  (cd "$folder" && sha256sum --check --strict SHA256SUMS)
done
