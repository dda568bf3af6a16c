#!/usr/bin/env bash
# Adds a migration of the same name to both providers' projects.
# Usage: tools/add-migration.sh Name
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: tools/add-migration.sh MigrationName}
dotnet tool restore >/dev/null

for p in Sqlite Postgres; do
  dotnet build "src/Letopis.Migrations.$p" -v q
  dotnet ef migrations add "$name" --project "src/Letopis.Migrations.$p" --startup-project "src/Letopis.Migrations.$p" \
    --context LetopisDb --output-dir Migrations --no-build
done
