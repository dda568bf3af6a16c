#!/usr/bin/env bash
# Runs every Letopis test suite: unit, API integration on SQLite and PostgreSQL, components, browser.
# As root it installs what is missing (PostgreSQL, Chromium, LibreOffice, poppler-utils) from
# Debian's packages; it always starts a throwaway PostgreSQL cluster of its own and removes it afterwards.
#   ./test.sh              everything
#   ./test.sh --no-browser skip the Playwright suite
set -euo pipefail
cd "$(dirname "$0")"

browser=1
for arg in "$@"; do
  case "$arg" in
    --no-browser) browser=0 ;;
    *) echo "unknown option: $arg" >&2; exit 2 ;;
  esac
done

log() { printf '\n== %s\n' "$*"; }
is_root() { [ "$(id -u)" = 0 ]; }

apt_updated=0
apt_install() {
  if [ $apt_updated = 0 ]; then apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# --- PostgreSQL -------------------------------------------------------------
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$pg_bin" ] && is_root; then
  log "installing PostgreSQL (apt-get)"
  apt_install postgresql
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

pg_root=""
cleanup() {
  if [ -n "$pg_root" ] && [ -d "$pg_root/data" ]; then
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_root/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$pg_root"
  fi
}
trap cleanup EXIT

if [ -n "$pg_bin" ] && is_root; then
  log "starting a throwaway PostgreSQL cluster"
  pg_root=$(mktemp -d /tmp/letopis-pg.XXXXXX)
  mkdir -p "$pg_root/sock"
  chown -R postgres:postgres "$pg_root"
  port=$((55000 + RANDOM % 400))
  runuser -u postgres -- "$pg_bin/initdb" -D "$pg_root/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_root/data" -l "$pg_root/server.log" -w \
    -o "-p $port -k $pg_root/sock -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=300" start >/dev/null
  export LETOPIS_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=40"
elif [ -n "${LETOPIS_TEST_POSTGRES:-}" ]; then
  log "using the PostgreSQL server named by LETOPIS_TEST_POSTGRES"
else
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
  echo "!! PostgreSQL pass SKIPPED: not root and LETOPIS_TEST_POSTGRES is not set.       !!"
  echo "!! Integration tests run on SQLite only. Run as root, or point the variable at a  !!"
  echo "!! server: LETOPIS_TEST_POSTGRES='Host=127.0.0.1;Port=5432;Username=postgres'    !!"
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
fi

# --- System packages: PDF engines (Web tests) and the browser suite -------------
# chromium prints HTML to PDF and drives the browser suite; LibreOffice converts DOCX to PDF;
# poppler-utils (pdftoppm) pictures PDFs in the browser suite. The Web tests need the first two.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium fonts-liberation)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
fc-list 2>/dev/null | grep -qi dejavu || missing+=(fonts-dejavu-core)
if [ ${#missing[@]} -gt 0 ]; then
  if is_root; then
    log "installing ${missing[*]} (apt-get)"
    apt_install "${missing[@]}"
  else
    echo "!! Not root, so not installed: ${missing[*]}. PDF tests fail without chromium and LibreOffice."
    if [ ! -x /usr/bin/chromium ]; then
      echo "!! Browser suite SKIPPED: /usr/bin/chromium is missing."
      browser=0
    fi
  fi
fi

# --- Build and test ----------------------------------------------------------
log "restore and build (warnings are errors)"
dotnet tool restore >/dev/null
dotnet build Letopis.slnx -c Release -warnaserror -nologo -v q

log "code style (dotnet format --verify-no-changes)"
dotnet format Letopis.slnx --verify-no-changes --no-restore -v q

log "migrations match the model on both providers"
for p in Sqlite Postgres; do
  dotnet ef migrations has-pending-model-changes --project "src/Letopis.Migrations.$p" \
    --startup-project "src/Letopis.Migrations.$p" --context LetopisDb --no-build --configuration Release >/dev/null
done

run_suite() {
  local project=$1
  log "tests: $project"
  dotnet test "tests/$project" -c Release --no-build --nologo --logger "console;verbosity=minimal"
}
run_suite Letopis.Core.Tests
run_suite Letopis.Web.Tests
if [ $browser = 1 ]; then
  run_suite Letopis.Browser.Tests
fi

log "all suites passed"
