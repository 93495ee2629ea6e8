import { defineConfig, type Options } from 'tsup';

/** One entry per public subpath; adding a provider adds its two lines here and in package.json. */
const entry = {
  index: 'src/index.ts',
  testing: 'src/testing/index.ts',
  quickbooks: 'providers/quickbooks/index.ts',
  'quickbooks-testing': 'providers/quickbooks/testing.ts',
  xero: 'providers/xero/index.ts',
  'xero-testing': 'providers/xero/testing.ts',
  tools: 'src/tools/index.ts',
  'ai-sdk': 'src/adapters/ai-sdk/index.ts',
  openai: 'src/adapters/openai/index.ts',
  anthropic: 'src/adapters/anthropic/index.ts',
  langchain: 'src/adapters/langchain/index.ts',
  mcp: 'src/adapters/mcp/index.ts',
};

const shared: Options = {
  outDir: 'dist',
  target: 'node20',
  platform: 'node',
  sourcemap: true,
  // Shared chunks keep one copy of each class across subpaths, so `instanceof` holds between entries.
  splitting: true,
  treeshake: true,
};

export default defineConfig([
  { ...shared, entry, format: 'esm', dts: true },
  {
    ...shared,
    entry,
    format: 'cjs',
    dts: true,
    // ESM-only dependencies cannot be `require`d from Node 20's CJS, so the CJS build carries them inline.
    noExternal: ['ky', 'p-retry', 'is-network-error', '@noble/hashes', 'oauth4webapi'],
  },
  {
    // The MCP server binary: ESM only, its own folder so its shebang and chunks stay apart. It imports the
    // public subpaths by name; they stay external and resolve to this package's own dist at run time.
    ...shared,
    entry: { 'ledgerbridge-mcp': 'src/bin/ledgerbridge-mcp.ts' },
    outDir: 'dist/bin',
    format: 'esm',
    external: [/^ledgerbridge(\/|$)/],
  },
]);
