#!/usr/bin/env bash
# Fuzzes every importer entry point, the URL's view and the worker's codec with cargo-fuzz
# (libFuzzer, nightly toolchain), a given number of executions each, and writes
# fuzz/REPORT.md (target, executions, executions per second, coverage, crashes).
#   scripts/fuzz.sh [RUNS_PER_TARGET] [TARGET...]   (default 1000000, every target)
#   scripts/fuzz.sh --report                         (only write the report from the last logs)
# Installs cargo-fuzz from crates.io if missing. Not part of scripts/test.sh (it needs nightly
# and minutes per target). A crash input found is kept as a regression test: copy it to
# tests/fixtures/fuzz/<target>/ (tests/fuzz_regressions.rs replays each through its target).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
logs="fuzz/logs"
if [ "${1:-}" = "--report" ]; then REPORT_ONLY=1; else REPORT_ONLY=; fi
runs="${1:-1000000}"; shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(import_any prose archive statuspage json csv frontmatter zip bulletin view_query codec)
# The report, from every target's last log (a statistic a log lacks shows as `?`).
write_report() {
  {
    echo "# Fuzzing report"
    echo
    echo "Written by \`scripts/fuzz.sh\` ($(date -u +%Y-%m-%d), $(nproc) cores, no sanitizer, \`-max_len\` 1024 for prose, 4096 otherwise, import limits scaled down:"
    echo "files 1 MB, zips 64 entries / 4 MB). Crash inputs land in \`fuzz/artifacts/<target>/\`; each one"
    echo "fixed is kept in \`tests/fixtures/fuzz/<target>/\` and replayed through its target by \`tests/fuzz_regressions.rs\`."
    echo
    echo "| target | executions | executions/s | coverage (edges) | features | crashes |"
    echo "|---|---:|---:|---:|---:|---:|"
    for log in "$logs"/*.log; do
      t=$(basename "$log" .log)
      execs=$({ grep -oE 'stat::number_of_executed_units: +[0-9]+' "$log" || true; } | tail -1 | awk '{print $2}')
      rate=$({ grep -oE 'stat::average_exec_per_sec: +[0-9]+' "$log" || true; } | tail -1 | awk '{print $2}')
      cov=$({ grep -oE ' cov: [0-9]+' "$log" || true; } | tail -1 | awk '{print $2}')
      ft=$({ grep -oE ' ft: [0-9]+' "$log" || true; } | tail -1 | awk '{print $2}')
      crashes=$(find "fuzz/artifacts/$t" -type f \( -name 'crash-*' -o -name 'oom-*' -o -name 'timeout-*' \) 2>/dev/null | wc -l)
      echo "| $t | ${execs:-?} | ${rate:-?} | ${cov:-?} | ${ft:-?} | $crashes |"
    done
  } > fuzz/REPORT.md
  cat fuzz/REPORT.md
}
[ -n "$REPORT_ONLY" ] && { write_report; exit 0; }
rustup toolchain list | grep -q '^nightly' || { echo "fuzz: needs the nightly toolchain (rustup toolchain install nightly)"; exit 1; }
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
# Seeds: our own fixtures, by what each target reads.
logs="fuzz/logs"; mkdir -p "$logs"
# Copies fixture files into a target's corpus, named by folder and file (`gcp-incidents.json`):
# fixtures of different folders share names.
seed() {
  local target="$1"; shift
  local f
  for f in "$@"; do
    [ -f "$f" ] && cp -f "$f" "fuzz/corpus/$target/$(basename "$(dirname "$f")")-$(basename "$f")"
  done
  return 0
}
for target in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$target"
  case "$target" in
    import_any) mapfile -t small < <(find tests/fixtures -type f -size -16k); seed "$target" "${small[@]}" ;;
    prose|bulletin) seed "$target" tests/fixtures/freetext/* tests/fixtures/bulletin/* ;;
    frontmatter) seed "$target" tests/fixtures/cstate/* tests/fixtures/frontmatter/* ;;
    csv) seed "$target" tests/fixtures/csv/* ;;
    json|statuspage) seed "$target" tests/fixtures/statuspage/* tests/fixtures/gcp/* tests/fixtures/pagerduty/* ;;
    zip) seed "$target" tests/fixtures/zip/* ;;
  esac
  # Prose is read line by line with every rule: shorter inputs keep thousands of runs a second.
  case "$target" in import_any|prose|bulletin|frontmatter) len=1024 ;; *) len=4096 ;; esac
  echo "== fuzzing $target for $runs executions (-max_len=$len)"
  # No sanitizer: safe Rust gains nothing from AddressSanitizer, and it runs twice as fast.
  (cd fuzz && cargo +nightly fuzz run -s none "$target" -- -runs="$runs" -max_len="$len" -print_final_stats=1 -rss_limit_mb=2048) \
    > "$logs/$target.log" 2>&1 || true
  tail -n 3 "$logs/$target.log"
done
write_report
