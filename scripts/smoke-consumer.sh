#!/usr/bin/env bash
# Packs the library, installs the tarball into a fresh project and imports every public subpath from both
# ESM and CommonJS, the way a user's project would.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

tarball="$(cd "$root" && npm pack --silent --pack-destination "$work" | tail -n 1)"
cd "$work"
npm init -y >/dev/null
msw_version="$(node -p "require('$root/package.json').devDependencies.msw")"
npm install --no-audit --no-fund "./$tarball" "msw@$msw_version" >/dev/null

subpaths=$(node -p "Object.keys(require('$root/package.json').exports).filter((key) => key !== './package.json').map((key) => key === '.' ? 'ledgerbridge' : 'ledgerbridge' + key.slice(1)).join(' ')")

for subpath in $subpaths; do
  node --input-type=module -e "
    const m = await import('$subpath');
    if (Object.keys(m).length === 0) throw new Error('$subpath (ESM) exports nothing');
    console.log('esm ok  $subpath', Object.keys(m).length, 'exports');
  "
  node -e "
    const m = require('$subpath');
    if (Object.keys(m).length === 0) throw new Error('$subpath (CJS) exports nothing');
    console.log('cjs ok  $subpath', Object.keys(m).length, 'exports');
  "
done

# The root entry must work without any optional peer installed (msw is only for the testing subpaths).
npm uninstall --no-audit --no-fund msw >/dev/null
node --input-type=module -e "const { createLedger } = await import('ledgerbridge'); if (typeof createLedger !== 'function') throw new Error('createLedger missing'); console.log('esm ok  ledgerbridge without msw');"
node -e "const { createLedger } = require('ledgerbridge'); if (typeof createLedger !== 'function') throw new Error('createLedger missing'); console.log('cjs ok  ledgerbridge without msw');"
