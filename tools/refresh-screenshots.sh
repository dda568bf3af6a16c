#!/usr/bin/env bash
# Refreshes the user guide's pictures in docs/screenshots: builds in Release and runs the browser suite
# with LETOPIS_SCREENSHOTS=docs (an ordinary test run writes its pictures under the test output).
# Installs nothing: it needs the .NET 10 SDK and Debian's chromium at /usr/bin/chromium.
#   tools/refresh-screenshots.sh                      every journey
#   tools/refresh-screenshots.sh --filter SignInTests  only some (a dotnet test filter)
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  echo "/usr/bin/chromium is missing: install Debian's chromium (apt-get install chromium fonts-liberation)." >&2
  exit 1
fi

dotnet build Letopis.slnx -c Release -nologo -v q
LETOPIS_SCREENSHOTS=docs dotnet test tests/Letopis.Browser.Tests -c Release --no-build --nologo \
  --logger "console;verbosity=minimal" "$@"
git status --short docs/screenshots
