import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BINARY = fileURLToPath(new URL('../../../src/bin/ledgerbridge-mcp.ts', import.meta.url));
/** tsx's loader, so the binary runs from source exactly as `npx tsx` would run it. */
const TSX = createRequire(import.meta.url).resolve('tsx');

const NODE_ARGS = ['--import', TSX, BINARY];

/** A running server and the official MCP client connected to it over its stdio. */
export interface RunningMcpServer {
  readonly client: Client;
  /** Everything the server wrote to stderr so far. */
  stderr(): string;
  close(): Promise<void>;
}

/** Spawns `ledgerbridge-mcp` (from source, under tsx) and connects the official client over stdio. */
export async function spawnMcpServer(args: readonly string[]): Promise<RunningMcpServer>;
/** Spawns it expecting it to exit (a bad configuration): its exit code and stderr. */
export async function spawnMcpServer(
  args: readonly string[],
  options: { expectExit: true },
): Promise<{ exitCode: number | null; stderr: string }>;
export async function spawnMcpServer(
  args: readonly string[],
  options?: { expectExit: true },
): Promise<RunningMcpServer | { exitCode: number | null; stderr: string }> {
  if (options?.expectExit) {
    const child = spawn(process.execPath, [...NODE_ARGS, ...args], {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const exitCode = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    return { exitCode, stderr };
  }
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [...NODE_ARGS, ...args],
    cwd: ROOT,
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const client = new Client({ name: 'ledgerbridge-test', version: '0.0.0' });
  await client.connect(transport);
  return {
    client,
    stderr: () => stderr,
    close: () => client.close(),
  };
}
