#!/usr/bin/env bash
# Adds a migration for BOTH providers (SQLite and PostgreSQL) after a model change.
#   scripts/add-migration.sh AddEvaluations
# With --reset, deletes every migration and recreates a single "Initial" one (only before the first release).
set -euo pipefail
cd "$(dirname "$0")/.."
exec 9>/tmp/egi-migrations.lock
flock 9
dotnet tool restore >/dev/null
name="${1:?usage: scripts/add-migration.sh <Name> | --reset}"
if [ "$name" = "--reset" ]; then
  rm -rf src/Egi.Web/Data/Migrations
  name="Initial"
fi
dotnet build src/Egi.Web -v q -nologo >/dev/null
for ctx in Sqlite Postgres; do
  dotnet ef migrations add "$name" --no-build --project src/Egi.Web --context "${ctx}EgiDbContext" --output-dir "Data/Migrations/${ctx}"

done
rm -f src/Egi.Web/design.db
dotnet format src/Egi.Web/Egi.Web.csproj --include src/Egi.Web/Data/Migrations/ >/dev/null 2>&1 || true
