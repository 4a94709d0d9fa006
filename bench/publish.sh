#!/usr/bin/env bash
# Publishes the application as production does (src/Egi.Web/Properties/PublishProfiles/Production.pubxml: Release,
# ReadyToRun for linux-x64), so that every bench measures the build a server runs:
#   bench/publish.sh <output folder> [source root, default: this checkout]
# A source root of an older commit without that profile (bench/writes.sh REF=…) is published in plain Release, and
# the script says so. JIT=1 publishes plain Release for any source (to compare the two builds).
set -euo pipefail
out="${1:?usage: bench/publish.sh <output folder> [source root]}"
src="${2:-$(cd "$(dirname "$0")/.." && pwd)}"
if [ -z "${JIT:-}" ] && [ -f "$src/src/Egi.Web/Properties/PublishProfiles/Production.pubxml" ]; then
  dotnet publish "$src/src/Egi.Web" -p:PublishProfile=Production -o "$out" -v q -nologo >/dev/null
else
  echo "   (published in plain Release, compiled at run time: $([ -n "${JIT:-}" ] && echo 'JIT=1' || echo 'no production profile in that commit'))"
  dotnet publish "$src/src/Egi.Web" -c Release -o "$out" -v q -nologo >/dev/null
fi
