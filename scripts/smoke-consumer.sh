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
# The optional peers at the versions this repository tests with, so every subpath can load.
peers=$(node -p "const p = require('$root/package.json'); Object.keys(p.peerDependencies).map((name) => name + '@' + p.devDependencies[name]).join(' ')")
npm install --no-audit --no-fund "./$tarball" $peers >/dev/null

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

# The installed ledgerbridge-mcp binary answers the official MCP client over stdio, offline.
cat > mcp.json <<'JSON'
{ "provider": "quickbooks", "tenantId": "clinic-42", "connectionId": "qbo-main",
  "connection": { "mode": "simulator", "throttle": false }, "audit": { "file": "audit.jsonl" },
  "tools": { "allow": { "writes": ["record_payment"] }, "mode": "propose" } }
JSON
node --input-type=module -e "
  import { Client } from '@modelcontextprotocol/sdk/client/index.js';
  import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
  const client = new Client({ name: 'smoke', version: '1.0.0' });
  await client.connect(new StdioClientTransport({ command: 'node_modules/.bin/ledgerbridge-mcp', args: ['--config', 'mcp.json'] }));
  const { tools } = await client.listTools();
  const result = await client.callTool({ name: 'list_invoices', arguments: { status: 'open', contactId: null, updatedSince: null, pageSize: 5, cursor: null } });
  if (!tools.some((tool) => tool.name === 'record_payment') || result.isError) throw new Error('ledgerbridge-mcp misbehaved');
  console.log('bin ok  ledgerbridge-mcp', tools.length, 'tools');
  await client.close();
"

# The root entry must work without any optional peer installed (msw is only for the testing subpaths).
npm uninstall --no-audit --no-fund $(node -p "Object.keys(require('$root/package.json').peerDependencies).join(' ')") >/dev/null
node --input-type=module -e "const { createLedger } = await import('ledgerbridge'); if (typeof createLedger !== 'function') throw new Error('createLedger missing'); console.log('esm ok  ledgerbridge without msw');"
node -e "const { createLedger } = require('ledgerbridge'); if (typeof createLedger !== 'function') throw new Error('createLedger missing'); console.log('cjs ok  ledgerbridge without msw');"
