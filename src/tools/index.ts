/**
 * `ledgerbridge/tools`: the agent tool catalogue. Build a toolkit over a connection, then hand it to a
 * framework through its adapter (`ledgerbridge/ai-sdk`, `/openai`, `/anthropic`, `/langchain`, `/mcp`).
 *
 * @example
 * ```ts
 * import { createLedgerToolkit } from 'ledgerbridge/tools';
 * const toolkit = createLedgerToolkit(books, { allow: { writes: ['record_payment'] }, fields: { role: 'billing' } });
 * ```
 */

export type { Actor, ApprovalDecision } from '../executor/policy.js';
export { INTENT_NAMES, type IntentName } from '../intents/index.js';
export type { ResourceName } from '../schema/resources.js';
export { auditCallId } from './call-id.js';
export { toolInputJsonSchema } from './json-schema.js';
export {
  createProjection,
  type FieldPolicy,
  PHI_ROLE_PRESETS,
  type PhiRole,
  type Projection,
} from './projection.js';
export { type ListableResource, READ_CATALOGUE, type ReadableResourceInfo } from './reads/read-catalogue.js';
export {
  type LedgerTool,
  type LedgerToolAnnotations,
  TOOL_NAME_PATTERN,
  type ToolCallOptions,
  type ToolInputJsonSchema,
} from './tool.js';
export {
  failureFromError,
  invalidArgumentsFailure,
  TOOL_ERROR_MESSAGES,
  type ToolError,
  type ToolErrorCode,
  type ToolFailure,
  type ToolResult,
  type ToolSuccess,
  toolFailure,
  toolResultText,
} from './tool-result.js';
export { createLedgerToolkit, type LedgerToolkit } from './toolkit.js';
export type {
  LedgerToolkitOptions,
  ToolApprovalRequest,
  ToolCallEvent,
  ToolkitAllow,
  ToolkitApproval,
  ToolkitMode,
  ToolProposal,
} from './toolkit-options.js';
