import type { z } from 'zod';
import type { CallOptions } from '../engine/provider-client.js';
import type { ExecutionContext } from '../executor/executor.js';
import type { Actor } from '../executor/policy.js';
import { auditCallId } from './call-id.js';
import { toolInputJsonSchema } from './json-schema.js';
import {
  type LedgerTool,
  type LedgerToolAnnotations,
  TOOL_NAME_PATTERN,
  type ToolCallOptions,
} from './tool.js';
import { failureFromError, type ToolFailure, type ToolResult, toolFailure } from './tool-result.js';
import type { ToolEnvironment } from './toolkit-options.js';

/** One call as a tool body sees it: who, which call, and the options to hand the connection. */
export interface ToolCall {
  /** The framework's call id, in audit-safe form. */
  readonly callId: string | undefined;
  readonly actor: Actor;
  /** For `connection.execute` and `connection.plan`. */
  readonly execution: ExecutionContext;
  /** For reads, so they are audited under the same actor and call id. */
  readonly read: CallOptions;
}

/** The outcome of checking raw model input. */
export type Acceptance<Input> =
  | { readonly accepted: true; readonly input: Input }
  | { readonly accepted: false; readonly failure: ToolFailure };

/** What a tool file declares. */
export interface ToolSpec<Input> {
  readonly name: string;
  readonly description: string;
  readonly kind: 'read' | 'write';
  readonly inputSchema: z.ZodType;
  readonly annotations: LedgerToolAnnotations;
  /**
   * Turns raw model input into the body's input, or a failure. Reads parse with their schema; writes hand
   * the raw input to the executor, which validates and audits a refusal.
   */
  readonly accept: (input: unknown) => Acceptance<Input>;
  readonly run: (input: Input, call: ToolCall) => Promise<ToolResult>;
}

function callOf(environment: ToolEnvironment, options: ToolCallOptions | undefined): ToolCall {
  const callId = auditCallId(options?.callId);
  const actor: Actor = { ...environment.actor, ...definedFields(options?.actor) };
  return {
    callId,
    actor,
    execution: {
      actor,
      callId,
      signal: options?.signal,
      rationaleRef: options?.rationaleRef,
    },
    read: {
      signal: options?.signal,
      actor: { agentId: actor.agentId, sessionId: actor.sessionId, authorizedBy: actor.authorizedBy, callId },
    },
  };
}

function definedFields(actor: Actor | undefined): Actor {
  if (actor === undefined) return {};
  return Object.fromEntries(Object.entries(actor).filter(([, value]) => value !== undefined));
}

/**
 * Assembles a tool: checks its name, derives its JSON Schema, and wraps its body so that nothing it does
 * can throw past the adapter. Every exit reports a metadata-only event to the toolkit's observer.
 */
export function defineTool<Input>(environment: ToolEnvironment, spec: ToolSpec<Input>): LedgerTool {
  if (!TOOL_NAME_PATTERN.test(spec.name)) throw new TypeError('Tool names must match ^[a-zA-Z0-9_-]{1,64}$');
  return {
    name: spec.name,
    description: spec.description,
    kind: spec.kind,
    inputSchema: spec.inputSchema,
    inputJsonSchema: toolInputJsonSchema(spec.inputSchema),
    annotations: spec.annotations,
    async execute(input, options) {
      const started = performance.now();
      let result: ToolResult;
      let callId: string | undefined;
      try {
        const call = callOf(environment, options);
        callId = call.callId;
        const acceptance = spec.accept(input);
        result = acceptance.accepted ? await spec.run(acceptance.input, call) : acceptance.failure;
      } catch (error) {
        result = failureFromError(error);
      }
      report(environment, spec.name, spec.kind, result, callId, performance.now() - started);
      return result;
    },
  };
}

function report(
  environment: ToolEnvironment,
  tool: string,
  kind: 'read' | 'write',
  result: ToolResult,
  callId: string | undefined,
  elapsed: number,
): void {
  if (!environment.observe) return;
  try {
    environment.observe({
      tool,
      kind,
      callId,
      ok: result.ok,
      ...(result.ok && typeof result.status === 'string' ? { status: result.status } : {}),
      ...(!result.ok ? { errorCode: result.error.code } : {}),
      durationMs: Math.round(elapsed),
    });
  } catch {
    // An observer is for metrics; its failure must not turn a finished ledger operation into an error.
  }
}

/**
 * A read tool: its input is parsed with its strict schema before the body runs, and a mismatch is a
 * `validation_failed` result naming paths.
 */
export function defineReadTool<Schema extends z.ZodType>(
  environment: ToolEnvironment,
  spec: Omit<ToolSpec<z.output<Schema>>, 'kind' | 'accept' | 'inputSchema'> & {
    readonly inputSchema: Schema;
  },
): LedgerTool {
  return defineTool<z.output<Schema>>(environment, {
    ...spec,
    kind: 'read',
    accept: parseWith(spec.inputSchema),
  });
}

/** Accepts input that matches a strict schema, or explains which paths did not. */
export function parseWith<Schema extends z.ZodType>(
  schema: Schema,
): (input: unknown) => Acceptance<z.output<Schema>> {
  return (input) => {
    const parsed = schema.safeParse(input);
    if (parsed.success) return { accepted: true, input: parsed.data };
    // Paths and issue codes only: zod's messages can quote the offending key names.
    const issues = parsed.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      code: issue.code,
    }));
    return { accepted: false, failure: toolFailure('validation_failed', { issues }) };
  };
}
