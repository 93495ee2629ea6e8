import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('limiter liveness', () => {
  it('a request waiting for its window keeps the process alive until it is granted', () => {
    // A waiting acquire is pending work: if its timer did not hold the event loop, Node would exit with
    // code 13 (unsettled top-level await) before the second request is granted.
    const script = `
      import { createLimiter } from './src/http/limiter.ts';
      const limiter = createLimiter({ windows: [{ limit: 1, windowMs: 300 }] });
      (await limiter.acquire())();
      (await limiter.acquire())();
      process.stdout.write('granted');
    `;
    const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(output).toBe('granted');
  });
});
