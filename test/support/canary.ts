import { inspect } from 'node:util';
import { vi } from 'vitest';

/** A recognisable fake PHI value for one field; tests assert none of these escapes. */
export function canary(field: string): string {
  return `CANARY${field.replace(/[^A-Za-z0-9]/g, '')}Q7Z`;
}

/** Every canary in a text, for an assertion message that shows which leaked. */
export function findCanaries(text: string): string[] {
  return [...text.matchAll(/CANARY[A-Za-z0-9]*Q7Z/g)].map((match) => match[0]);
}

/** Every way an error can be rendered: message, stack, cause chain, JSON and util.inspect. */
export function renderError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 10; depth += 1) {
    if (current instanceof Error) parts.push(current.message, String(current.stack));
    parts.push(String(current));
    try {
      parts.push(JSON.stringify(current));
    } catch {
      parts.push('[unserialisable]');
    }
    parts.push(inspect(current, { depth: Number.POSITIVE_INFINITY, showHidden: true }));
    current = (current as { cause?: unknown }).cause;
  }
  return parts.join('\n');
}

/** Captures everything written to the console and to stdout/stderr while `run` executes. */
export async function captureOutput<T>(run: () => Promise<T>): Promise<{ result: T; output: string }> {
  const chunks: string[] = [];
  const record = (...args: unknown[]) => {
    chunks.push(args.map((arg) => (typeof arg === 'string' ? arg : inspect(arg, { depth: 10 }))).join(' '));
  };
  const spies = (['log', 'info', 'warn', 'error', 'debug', 'trace'] as const).map((method) =>
    vi.spyOn(console, method).mockImplementation(record),
  );
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  try {
    const result = await run();
    return { result, output: chunks.join('\n') };
  } finally {
    for (const spy of [...spies, stdout, stderr]) spy.mockRestore();
  }
}
