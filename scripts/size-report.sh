#!/usr/bin/env bash
# Prints the release bundle's sizes (raw and gzip -9) and one benchmark line against the
# first-load budget (250 KB gzip), and fails when the first load is over the budget or grows
# past the ratchet in scripts/size-ratchet, the lower of the two (a size is deterministic,
# unlike a time): the first load may shrink, never grow. Lower the ratchet after each cut.
set -euo pipefail
dist="${1:-dist}"
budget_kb="${SIZE_BUDGET_KB:-250}"
kb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1024 }'; }
raw() { stat -c%s "$1"; }
gz() { gzip -9c "$1" | wc -c; }
first_raw=0; first_gz=0
printf '%-44s %10s %10s\n' "file" "raw KB" "gzip KB"
# First load: index.html, the first load's JS + wasm (aftermath-web: dashboard and incidents),
# CSS and the favicon (the whole app and the worker load when they are needed).
for f in "$dist"/index.html "$dist"/aftermath-web-*.js "$dist"/aftermath-web-*_bg.wasm "$dist"/*.css "$dist"/favicon*; do
  [ -f "$f" ] || continue
  r=$(raw "$f"); g=$(gz "$f"); first_raw=$((first_raw + r)); first_gz=$((first_gz + g))
  printf '%-44s %10s %10s\n' "$(basename "$f")" "$(kb "$r")" "$(kb "$g")"
done
demo_gz=0
if [ -f "$dist/demo/archive.bin" ]; then demo_gz=$(gz "$dist/demo/archive.bin"); printf '%-44s %10s %10s  (data, fetched after start)\n' "demo/archive.bin" "$(kb "$(raw "$dist/demo/archive.bin")")" "$(kb "$demo_gz")"; fi
# The whole app (every page): loaded instead of the first load's bundle when a page that one
# leaves out is opened (import, review, report, by quarter, about).
whole_gz=0
for f in "$dist"/aftermath-full-*.js "$dist"/aftermath-full-*_bg.wasm; do
  [ -f "$f" ] || continue
  g=$(gz "$f"); whole_gz=$((whole_gz + g))
  printf '%-44s %10s %10s  (whole app, loaded for the rarer pages)\n' "$(basename "$f")" "$(kb "$(raw "$f")")" "$(kb "$g")"
done
worker_gz=0
for f in "$dist"/worker.js "$dist"/worker_bg.wasm; do
  [ -f "$f" ] || continue
  g=$(gz "$f"); worker_gz=$((worker_gz + g))
  printf '%-44s %10s %10s  (import worker, loaded on import)\n' "$(basename "$f")" "$(kb "$(raw "$f")")" "$(kb "$g")"
done
verdict="within"
[ "$first_gz" -gt $((budget_kb * 1024)) ] && verdict="OVER"
ratchet_kb=$(grep -v '^#' "$(dirname "${BASH_SOURCE[0]}")/size-ratchet" | head -1 | tr -d '[:space:]')
echo "bench: first-load bundle $(kb "$first_gz") KB gzip ($(kb "$first_raw") KB raw), budget ${budget_kb} KB: ${verdict}; ratchet ${ratchet_kb} KB; +demo data $(kb "$demo_gz") KB gzip; whole app $(kb "$whole_gz") KB gzip for import, review, report, by quarter and about; import worker $(kb "$worker_gz") KB gzip on demand"
if [ "$first_gz" -gt $((budget_kb * 1024)) ]; then
  echo "size: the first load is $(kb "$first_gz") KB gzip, over the budget of ${budget_kb} KB: cut it back"
  exit 1
fi
if [ "$first_gz" -gt $((ratchet_kb * 1024)) ]; then
  echo "size: the first load grew to $(kb "$first_gz") KB gzip, past the ratchet of ${ratchet_kb} KB (scripts/size-ratchet): cut it back"
  exit 1
fi
