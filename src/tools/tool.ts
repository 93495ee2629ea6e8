import type { z } from 'zod';
import type { Actor } from '../executor/policy.js';
import type { ToolResult } from './tool-result.js';

/**
 * Hints about a tool's behaviour, as the Model Context Protocol defines them. Clients use them to decide
 * what to show a person before a call; they are hints, never a security boundary (the toolkit's allow list
 * and the connection's policy are).
 */
export interface LedgerToolAnnotations {
  /** A human-readable title. */
  readonly title: string;
  /** True when the tool does not change the ledger. */
  readonly readOnlyHint: boolean;
  /** True when the tool may overwrite or void existing records (not only add new ones). */
  readonly destructiveHint: boolean;
  /** True when calling again with the same input has no further effect. */
  readonly idempotentHint: boolean;
  /** True when the tool reaches an external system (the connected ledger) that others also change. */
  readonly openWorldHint: boolean;
}

/** Per-call facts a framework adapter passes to {@link LedgerTool.execute}. */
export interface ToolCallOptions {
  /**
   * The framework's tool-call id (AI SDK `toolCallId`, OpenAI `tool_call.id`, Anthropic `tool_use.id`). It
   * goes into every audit record of the call, so the audit trail joins the agent transcript. An id that
   * is not identifier syntax is replaced by its SHA-256 digest.
   */
  readonly callId?: string | undefined;
  /** Aborts the provider calls of this tool call. */
  readonly signal?: AbortSignal | undefined;
  /** Overrides fields of the toolkit's actor for this call (for example a per-conversation session id). */
  readonly actor?: Actor | undefined;
  /** Where the host keeps the agent's reasoning for this call (an id, never the reasoning). */
  readonly rationaleRef?: string | undefined;
}

/** A JSON Schema object describing a tool's input: always an object at the root. */
export interface ToolInputJsonSchema {
  readonly type: 'object';
  readonly properties: Readonly<Record<string, unknown>>;
  readonly required: readonly string[];
  readonly additionalProperties: false;
  readonly description?: string | undefined;
  readonly [keyword: string]: unknown;
}

/**
 * One agent tool: a name and description written for a model, a strict input schema, MCP annotations
 * and `execute`, which never throws. Adapters turn these into each framework's tool shape.
 *
 * @example
 * ```ts
 * const tool = toolkit.get('list_invoices');
 * const result = await tool?.execute({ status: 'open', contactId: null, updatedSince: null, cursor: null, pageSize: 10 }, { callId: 'call_1' });
 * if (result?.ok) console.log(result.items);
 * ```
 */
export interface LedgerTool {
  /** Matches `^[a-zA-Z0-9_-]{1,64}$`, the strictest rule among the frameworks. */
  readonly name: string;
  readonly description: string;
  /** Whether the tool reads or writes the ledger. */
  readonly kind: 'read' | 'write';
  /**
   * Strict-first zod schema of the input: every key required, an absent value is `null`, unknown keys
   * refused. For writes it is the intent schema without its `intent` discriminator (the tool name is it).
   */
  readonly inputSchema: z.ZodType;
  /** The same schema as JSON Schema (draft 2020-12 vocabulary, no `$schema` keyword). */
  readonly inputJsonSchema: ToolInputJsonSchema;
  readonly annotations: LedgerToolAnnotations;
  /**
   * Runs the tool. Input is validated here, so a model's raw arguments can be passed as they are.
   * Never throws: every failure is a `{ ok: false, error }` result with a generic, value-free message.
   */
  execute(input: unknown, options?: ToolCallOptions): Promise<ToolResult>;
}

/** What every tool name must match (OpenAI, Anthropic and MCP clients agree on this subset). */
export const TOOL_NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;
