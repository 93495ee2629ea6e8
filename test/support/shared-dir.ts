import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Where the shared contracts and test vectors live: `LEDGERBRIDGE_SHARED_DIR`, or `../shared` beside the
 * checkout (as CI lays it out). They are read from there and never copied into the project.
 */
export const sharedDir = resolve(process.env.LEDGERBRIDGE_SHARED_DIR ?? join(projectRoot, '..', 'shared'));

/** Absolute path of a file under the shared directory. */
export function sharedPath(...segments: string[]): string {
  return join(sharedDir, ...segments);
}

/** True when the named shared file or folder exists. */
export function hasShared(...segments: string[]): boolean {
  return existsSync(sharedPath(...segments));
}

/** The message a suite prints when it skips because the shared data is absent. */
export function missingSharedMessage(...segments: string[]): string {
  return `skipped: ${sharedPath(...segments)} is absent. Put the shared contracts beside the checkout (../shared) or set LEDGERBRIDGE_SHARED_DIR.`;
}
