#!/usr/bin/env bash
# Fetch the web pages' front-end libraries from npm, at pinned versions, with their licences, into
# newsgraph/web/static/vendor/ (committed). Nothing is fetched when the server runs; rerun this
# only to change a version. Needs npm (it uses `npm pack`, which checks each tarball's integrity).
set -euo pipefail
cd "$(dirname "$0")/.."
DEST=newsgraph/web/static/vendor
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# package@version  files to keep (relative to the package root)
PACKAGES=(
  "leaflet@1.9.4 dist/leaflet.js dist/leaflet.css dist/images/marker-icon.png dist/images/marker-icon-2x.png dist/images/marker-shadow.png LICENSE"
  "leaflet.markercluster@1.5.3 dist/leaflet.markercluster.js dist/MarkerCluster.css dist/MarkerCluster.Default.css MIT-LICENCE.txt"
  "world-atlas@2.0.2 countries-110m.json LICENSE"
  "topojson-client@3.1.0 dist/topojson-client.min.js LICENSE"
  "chart.js@4.4.1 dist/chart.umd.js LICENSE.md"
  "swagger-ui-dist@5.17.14 swagger-ui-bundle.js swagger-ui.css LICENSE"
)

rm -rf "$DEST"
mkdir -p "$DEST"
for entry in "${PACKAGES[@]}"; do
  read -r spec files <<<"$entry"
  name=${spec%@*}
  (cd "$WORK" && npm pack --silent "$spec" >/dev/null)
  tarball=$(ls "$WORK"/*.tgz)
  mkdir -p "$WORK/$name"
  tar -xzf "$tarball" -C "$WORK/$name"
  rm "$tarball"
  mkdir -p "$DEST/$name"
  for file in $files; do
    mkdir -p "$DEST/$name/$(dirname "$file")"
    cp "$WORK/$name/package/$file" "$DEST/$name/$file"
  done
  echo "$spec" > "$DEST/$name/VERSION"
done
cat > "$DEST/README.md" <<'NOTE'
# Vendored front-end libraries

Fetched from npm by `scripts/vendor_assets.sh` (versions pinned there, each in its folder's
`VERSION`); each folder keeps the package's licence file. Served by `newsgraph serve` from
`/static/vendor/`; nothing is fetched from a CDN or at run time.

| package | licence | used for |
| --- | --- | --- |
| leaflet 1.9.4 | BSD-2-Clause | the map |
| leaflet.markercluster 1.5.3 | MIT | clustered place points |
| world-atlas 2.0.2 | ISC (data: Natural Earth, public domain) | country boundaries, the offline basemap |
| topojson-client 3.1.0 | ISC | world-atlas TopoJSON to GeoJSON |
| chart.js 4.4.1 | MIT | attention-over-time, mentions and Goldstein charts |
| swagger-ui-dist 5.17.14 | Apache-2.0 | the API explorer at `/docs` |
NOTE
du -sh "$DEST"
