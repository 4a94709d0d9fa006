#!/usr/bin/env bash
# Every number of the README's «Rendimiento» table, in one command: issue 11's targets measured on both providers and
# judged met or not, written to bench/results/<date>-rendimiento[-TAG].md (the summary first, then each run's table).
#   sudo bench/rendimiento.sh                 # everything: about 45 minutes on the 2-core machine
#   LARGE=0 sudo bench/rendimiento.sh         # without the 50 000-servant entities (about 30 minutes)
#   PROVIDERS=Sqlite bench/rendimiento.sh     # one provider (SQLite needs no root)
# It runs, for each provider of PROVIDERS ("Sqlite Postgres"):
#   1. bench/load.sh (reads, DURATION 8s) on 5 000 servants: every page's req/s, p50 and p99 beside /health's;
#   2. bench/xlsx.sh RUNS=60: the annual report's .xlsx of every period against MiniExcel writing the same rows;
#   3. bench/import.sh: 5 000 new servants through the real pages, twice (a first import after a start, a second one);
#   4. bench/window.sh: the last day of a window, every waiting write of the entity posted from 32 clients at once;
#   5. (LARGE=1) bench/load.sh on 50 000 servants, the evaluado's and the jefe's pages only (CONSOLIDATION=0);
# and on SQLite (LARGE=1) bench/import.sh ROWS=50000: a file of 50 000 rows accepted, followed through its progress.
# TAG names the results files of this run (default: rendimiento). Each step's own output is kept in
# bench/out/rendimiento-<TAG>/<step>.log (git-ignored), its last lines shown when a step fails; REUSE=1 skips the steps
# that succeeded in an earlier run of the same TAG today and writes the summary again.
# Needs what the scripts it runs need: the .NET SDK, curl, wrk; root for PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
PROVIDERS="${PROVIDERS:-Sqlite Postgres}"
LARGE="${LARGE:-1}"
TAG="${TAG:-rendimiento}"
work="bench/out/rendimiento-$TAG"
[ "${REUSE:-0}" = 1 ] || rm -rf "$work"
mkdir -p "$work"
fail() { echo "rendimiento.sh: $*" >&2; exit 1; }

# What the steps need from Debian's packages, installed when missing (as root).
need=(); command -v wrk >/dev/null || need+=(wrk)
[[ " $PROVIDERS " != *" Postgres "* ]] || [ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql)
if [ "${#need[@]}" -gt 0 ]; then
  [ "$(id -u)" = 0 ] || fail "missing: ${need[*]} (apt-get install ${need[*]}, or run as root)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y "${need[@]}" > /dev/null || fail "apt-get install ${need[*]} failed"
fi

# step <name> <command…>: runs one measurement, its output kept in $work/<name>.log; prints the results file it wrote.
step() {
  local name="$1"; shift
  if [ "${REUSE:-0}" = 1 ] && [ -f "$work/$name.ok" ]; then echo "== $name: kept from $(cat "$work/$name.ok")" >&2; return; fi
  echo "== $(date -u +%H:%M) $name" >&2
  if ! env "$@" > "$work/$name.log" 2>&1; then
    tail -40 "$work/$name.log" >&2
    fail "$name failed"
  fi
  date -u '+%Y-%m-%d %H:%M UTC' > "$work/$name.ok"
}
newest() { ls -t $1 2>/dev/null | head -1; }

loads=(); xlsxs=(); imports=(); larges=(); windows=()
for provider in $PROVIDERS; do
  p=$(echo "$provider" | tr '[:upper:]' '[:lower:]')
  step "load-$p" PROVIDER="$provider" WRITES=0 DURATION=8s TAG="$TAG" bench/load.sh
  loads+=("$provider	$(newest "bench/results/????-??-??-$p-$TAG.md")")
  step "xlsx-$p" PROVIDER="$provider" RUNS=60 TAG="$TAG" bench/xlsx.sh
  suffix=""; [ "$p" = sqlite ] || suffix="-postgres"
  xlsxs+=("$provider	$(newest "bench/results/????-??-??-xlsx-annual$suffix-$TAG.md")")
  step "import-$p" PROVIDER="$provider" ROWS=5000 bench/import.sh
  imports+=("$provider	$work/import-$p.log")
  step "window-$p" PROVIDER="$provider" TAG="$TAG" bench/window.sh
  windows+=("$provider	$(newest "bench/results/????-??-??-window-$p-$TAG.md")")
  if [ "$LARGE" = 1 ]; then
    step "load-$p-50000" PROVIDER="$provider" SERVANTS=50000 WRITES=0 CONSOLIDATION=0 DURATION=8s TAG="$TAG" bench/load.sh
    larges+=("$provider	$(newest "bench/results/????-??-??-$p-50000-$TAG.md")")
  fi
done
if [ "$LARGE" = 1 ] && [[ " $PROVIDERS " == *" Sqlite "* ]]; then
  step "import-50000" PROVIDER=Sqlite ROWS=50000 IMPORTS=1 bench/import.sh
fi

# rows <load results file> <label regex>: "label<TAB>req/s<TAB>p99<TAB>ratio" of the pages whose label matches.
rows() {
  awk -F' *\\| *' -v re="$2" '$2 ~ re && $3 ~ /^[0-9.]+$/ { print $2 "\t" $3 "\t" $5 "\t" $6 }' "$1"
}
# judge <results file> <label regex> <min ratio or -> <max p99 ms or ->: "met" or "not met", then each page's figure (its
# share of /health's req/s, or its p99).
judge() {
  rows "$1" "$2" | awk -F'\t' -v minr="$3" -v maxp="$4" '
    BEGIN { all = 1 }
    { ok = (minr == "-" || $4 + 0 >= minr + 0) && (maxp == "-" || $3 + 0 < maxp + 0); all = all && ok; n++
      page = $1; sub(/^Talento Humano: /, "", page); sub(/^Evaluado: /, "evaluado ", page); sub(/^Jefe: /, "jefe ", page)
      sub(/ \(.*\)$/, "", page)
      figure = (minr == "-") ? $3 " ms" : sprintf("%.0f %%", $4 * 100)
      line = line (n > 1 ? "; " : "") page " " figure (ok ? "" : " ✗") }
    END { if (n == 0) print "no figures"; else printf "%s: %s\n", (all ? "**met**" : "**not met**"), line }'
}

md="bench/results/$(date +%Y-%m-%d)-rendimiento.md"
[ "$TAG" = rendimiento ] || md="bench/results/$(date +%Y-%m-%d)-rendimiento-$TAG.md"
evaluado_jefe='^(Evaluado|Jefe): /(Pending|Evaluations/(Mine|Details|ToApprove))'
consolidation='^Talento Humano: /(Dashboard|Control|Reports/(Stage1|Stage2|Annual)|Directory/Servants)'
{
  echo "# Issue 11's targets, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo
  echo "- Machine: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo); \`bench/rendimiento.sh\` (PROVIDERS=\"$PROVIDERS\", LARGE=$LARGE)"
  echo "- Its steps ended between $(cat "$work"/*.ok 2>/dev/null | sort | sed -n '1p;$p' | paste -sd '|' | sed 's/|/ and /'); each page: its share of \`/health\`'s req/s in the same run, or its p99; ✗ marks a page that misses the target"
  echo
  echo "| Target | Provider | Result |"
  echo "|---|---|---|"
  for entry in "${loads[@]}"; do
    IFS=$'\t' read -r provider file <<< "$entry"
    health=$(rows "$file" '^/health' | awk -F'\t' '{ printf "%.0f", $2 }')
    floor=$(rows "$file" '^Floor: /Help signed in' | awk -F'\t' '{ printf "%.0f %% of it (p99 %s ms)", $4 * 100, $3 }')
    echo "| the ceiling, \`/health\`; the floor under every signed-in page, «Ayuda» | $provider | $health req/s; the floor $floor |"
    echo "| evaluado's and jefe's pages ≥ 25 % of \`/health\` | $provider | $(judge "$file" "$evaluado_jefe" 0.25 -) |"
    echo "| evaluado's and jefe's pages: p99 < 50 ms | $provider | $(judge "$file" "$evaluado_jefe" - 50) |"
    echo "| the consolidation pages ≥ 25 % of \`/health\` | $provider | $(judge "$file" "$consolidation" 0.25 -) |"
    echo "| the consolidation pages: p99 < 100 ms | $provider | $(judge "$file" "$consolidation" - 100) |"
  done
  for entry in "${xlsxs[@]}"; do
    IFS=$'\t' read -r provider file <<< "$entry"
    awk -F' *\\| *' -v p="$provider" '$3 ~ /^[0-9]+$/ {
        ok = ($5 + 0 < 2000) && ($9 + 0 < 200); fast = ok && ($7 + 0 <= 1.5)
        printf "| annual .xlsx of %s: < 2 s, < 200 MB more; ≤ 1.5× MiniExcel | %s | %s; %s: %s rows in %s ms, +%s MB; MiniExcel %s ms, ×%s |\n",
          $2, p, (ok ? "**met**" : "**not met**"), (fast ? "×1.5 **met**" : "×1.5 **not met**"), $3, $5, $9, $6, $7 }' "$file"
  done
  for entry in "${imports[@]}"; do
    IFS=$'\t' read -r provider file <<< "$entry"
    grep '^| .* rows | ' "$file" | awk -F' *\\| *' -v p="$provider" '{
        t = $7; sub(/^total /, "", t); sub(/ s$/, "", t)
        printf "| import of 5 000 servants (%s): < 5 s | %s | %s: %s, %s |\n", $4, p, (t + 0 < 5 ? "**met**" : "**not met**"), $5, $6 }'
  done
  for entry in "${windows[@]}"; do
    IFS=$'\t' read -r provider file <<< "$entry"
    awk -F' *\\| *' -v p="$provider" '$2 == "A" && $6 ~ /^[0-9]+$/ { sub(/ .*/, "", $4)
        printf "| the last day of a window: %s writes from 32 clients at once, after %s one at a time (no target: measured) | %s | %s saves/s, p50 %s ms, p99 %s ms; CPU per save %s ms (application)%s |\n",
          $5, $4, p, $9, $10, $12, $14, ($16 == "-" ? "" : " + " $16 " ms (PostgreSQL)") }' "$file"
  done
  for entry in "${larges[@]}"; do
    IFS=$'\t' read -r provider file <<< "$entry"
    echo "| 50 000 servants: evaluado's and jefe's pages p99 < 100 ms | $provider | $(judge "$file" "$evaluado_jefe" - 100) |"
  done
  if [ -f "$work/import-50000.log" ]; then
    line=$(grep '^| .* rows | ' "$work/import-50000.log" | head -1 | awk -F' *\\| *' '{ print $5 ", " $6 }')
    echo "| a file of 50 000 rows accepted, with its progress | Sqlite | **met**: $line |"
  fi
  # Every page of the 5 000-servant runs side by side: req/s, p99, share of /health, CPU per request.
  echo
  printf '| Page (5 000 servants) |'; for entry in "${loads[@]}"; do printf ' %s: req/s · p99 ms · %% of `/health` · CPU ms/req |' "${entry%%	*}"; done; echo
  printf '|---|'; for _ in "${loads[@]}"; do printf -- '---|'; done; echo
  files=(); for entry in "${loads[@]}"; do files+=("${entry#*	}"); done
  awk -F' *\\| *' '
    FNR == 1 { f++ }
    $3 ~ /^[0-9.]+$/ { if (!($2 in seen)) { seen[$2] = 1; order[++n] = $2 }
      cpu = ($9 == "-" || $9 == "") ? $8 : $8 " + " $9
      cell[$2, f] = sprintf("%.0f · %s · %.1f · %s", $3, $5, $6 * 100, cpu) }
    END { for (i = 1; i <= n; i++) { printf "| %s |", order[i]; for (j = 1; j <= f; j++) printf " %s |", ((order[i], j) in cell) ? cell[order[i], j] : "–"; print "" } }' "${files[@]}"
  for entry in "${loads[@]}" "${larges[@]}" "${xlsxs[@]}" "${windows[@]}"; do
    IFS=$'\t' read -r provider file <<< "$entry"
    echo
    echo "---"
    echo
    sed 's/^# /## /' "$file"
  done
  for entry in "${imports[@]}"; do
    IFS=$'\t' read -r provider file <<< "$entry"
    echo
    echo "## bench/import.sh, $provider, 5 000 rows"
    echo
    grep -E '^   (Preview|Confirmation|Applied)|^\| ' "$file" | sed 's/^   /- /'
  done
} > "$md"
cat "$md" | sed -n '1,/^---$/p'
echo "Written to $md"
