#!/usr/bin/env bash
# The main job: install what is missing, build both extensions, then show Backstory on the bundled
# sample article in Debian Chromium (headed with a display, headless with a screenshot without one).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm install
bash scripts/ensure-browsers.sh chromium
npm run build
npx tsx scripts/demo.ts "$@"
