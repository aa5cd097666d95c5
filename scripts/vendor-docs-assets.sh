#!/usr/bin/env bash
# Re-fetch the API docs' browser assets (Swagger UI and ReDoc) at their pinned versions from npm
# into src/coordina/api/static/, and check each file against the SHA-256 sums recorded in that
# folder (SHA256SUMS, also listed in its README). The docs pages then work offline: no CDN.
#
#   ./scripts/vendor-docs-assets.sh          fetch, copy, verify
#   ./scripts/vendor-docs-assets.sh --check  only verify the files already vendored
#
# To move to a new version: change the pin, run with UPDATE=1 to print the new sums, review the
# upstream changes; UPDATE=1 rewrites static/SHA256SUMS: copy the new sums into the README too.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

SWAGGER_UI=swagger-ui-dist@5.35.0  # Apache-2.0
REDOC=redoc@2.5.4                  # MIT; 2.x is the line FastAPI's get_redoc_html is written for
STATIC=src/coordina/api/static

# file in $STATIC  <- path inside the npm package, and its SHA-256
SUMS="$(cat <<'SUMS'
swagger-ui-bundle.js               swagger-ui-dist:swagger-ui-bundle.js
swagger-ui-bundle.js.LICENSE.txt   swagger-ui-dist:swagger-ui-bundle.js.LICENSE.txt
swagger-ui.css                     swagger-ui-dist:swagger-ui.css
favicon-32x32.png                  swagger-ui-dist:favicon-32x32.png
swagger-ui-dist.LICENSE            swagger-ui-dist:LICENSE
swagger-ui-dist.NOTICE             swagger-ui-dist:NOTICE
redoc.standalone.js                redoc:bundles/redoc.standalone.js
redoc.standalone.js.LICENSE.txt    redoc:bundles/redoc.standalone.js.LICENSE.txt
redoc.LICENSE                      redoc:LICENSE
SUMS
)"
SHA256SUMS="$STATIC/SHA256SUMS"  # sha256sum format, the reference the check uses

if [[ "${1:-}" != "--check" ]]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  for spec in "$SWAGGER_UI" "$REDOC"; do
    name=${spec%@*}
    mkdir -p "$work/$name"
    (cd "$work" && npm pack --silent "$spec" >/dev/null)
    tar -xzf "$work/${name}-${spec#*@}.tgz" -C "$work/$name"
  done
  while read -r target source; do
    [[ -n "$target" ]] || continue
    cp "$work/${source%%:*}/package/${source#*:}" "$STATIC/$target"
  done <<<"$SUMS"
  # ReDoc's footer shows a logo from cdn.redoc.ly: point it at the vendored icon instead (the one
  # change made to an upstream file; the recorded sum is that of the changed file).
  sed -i 's#https://cdn.redoc.ly/redoc/logo-mini.svg#static/favicon-32x32.png#' "$STATIC/redoc.standalone.js"
fi

if [[ "${UPDATE:-}" == "1" ]]; then
  (cd "$STATIC" && sha256sum $(awk '{print $1}' <<<"$SUMS")) >"$SHA256SUMS"
  cat "$SHA256SUMS"
  exit 0
fi
(cd "$STATIC" && sha256sum --check --strict SHA256SUMS)
