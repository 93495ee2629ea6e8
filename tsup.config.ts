import { defineConfig, type Options } from 'tsup';

/** One entry per public subpath; adding a provider adds its two lines here and in package.json. */
const entry = {
  index: 'src/index.ts',
  testing: 'src/testing/index.ts',
  quickbooks: 'providers/quickbooks/index.ts',
  'quickbooks-testing': 'providers/quickbooks/testing.ts',
};

const shared: Options = {
  entry,
  outDir: 'dist',
  target: 'node20',
  platform: 'node',
  sourcemap: true,
  dts: true,
  // Shared chunks keep one copy of each class across subpaths, so `instanceof` holds between entries.
  splitting: true,
  treeshake: true,
};

export default defineConfig([
  { ...shared, format: 'esm', clean: true },
  {
    ...shared,
    format: 'cjs',
    // ESM-only dependencies cannot be `require`d from Node 20's CJS, so the CJS build carries them inline.
    noExternal: ['ky', 'p-retry', 'is-network-error', '@noble/hashes', 'oauth4webapi'],
  },
]);
