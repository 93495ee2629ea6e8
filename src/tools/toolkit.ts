import { AUDIT_IDENTIFIER } from '../audit/audit-record.js';
import type { Connection } from '../connection/connection.js';
import { ConfigurationError, type ValidationIssue } from '../http/errors.js';
import { INTENT_NAMES, type IntentName } from '../intents/index.js';
import { RESOURCE_NAMES, type ResourceName } from '../schema/resources.js';
import { createProjection, PHI_ROLE_PRESETS } from './projection.js';
import { type ContactRole, findContactTool } from './reads/find-contact.js';
import { getCompanyTool } from './reads/get-company.js';
import { getInvoiceBalanceTool } from './reads/get-invoice-balance.js';
import { getRateLimitStatusTool } from './reads/get-rate-limit-status.js';
import { getRecordTool } from './reads/get-record.js';
import { listRecordsTool } from './reads/list-records.js';
import type { ListableResource } from './reads/read-catalogue.js';
import type { LedgerTool, ToolCallOptions } from './tool.js';
import { type ToolResult, toolFailure } from './tool-result.js';
import type { LedgerToolkitOptions, ToolEnvironment, ToolkitMode } from './toolkit-options.js';
import { WRITE_TOOL_SPECS } from './writes/index.js';
import { writeTool } from './writes/write-tool.js';

/**
 * The tools one agent may use on one connection.
 *
 * @example
 * ```ts
 * const toolkit = createLedgerToolkit(books, {
 *   allow: { writes: ['record_payment'] },
 *   mode: 'write',
 *   fields: { role: 'billing' },
 *   actor: { agentId: 'billing-agent', authorizedBy: 'user-17' },
 * });
 * const result = await toolkit.execute('list_invoices', { status: 'open', contactId: null, updatedSince: null, cursor: null, pageSize: 10 });
 * ```
 */
export interface LedgerToolkit {
  /** Every tool this agent may call, reads first, in a stable order. */
  readonly tools: readonly LedgerTool[];
  readonly mode: ToolkitMode;
  /** The tool of a name, or undefined when this toolkit does not expose it. */
  get(name: string): LedgerTool | undefined;
  /**
   * Runs a tool by name. A name this toolkit does not expose is a `tool_not_found` failure and makes no
   * request. Never throws.
   */
  execute(name: string, input: unknown, options?: ToolCallOptions): Promise<ToolResult>;
}

const MODES: readonly ToolkitMode[] = ['read', 'propose', 'write'];
const LISTABLE = RESOURCE_NAMES.filter((name): name is ListableResource => name !== 'company');

/** Refuses options a host got wrong, at construction, naming paths only. */
function checkOptions(options: LedgerToolkitOptions): void {
  const issues: ValidationIssue[] = [];
  if (options.mode !== undefined && !MODES.includes(options.mode))
    issues.push({ path: 'mode', code: 'invalid_value' });
  options.allow?.writes?.forEach((name, index) => {
    if (!INTENT_NAMES.includes(name)) issues.push({ path: `allow.writes.${index}`, code: 'unknown_intent' });
  });
  const reads = options.allow?.reads;
  if (reads !== undefined && reads !== 'all') {
    reads.forEach((name, index) => {
      if (!RESOURCE_NAMES.includes(name))
        issues.push({ path: `allow.reads.${index}`, code: 'unknown_resource' });
    });
  }
  const role = options.fields?.role;
  if (role !== undefined && !Object.hasOwn(PHI_ROLE_PRESETS, role)) {
    issues.push({ path: 'fields.role', code: 'invalid_value' });
  }
  for (const [field, value] of Object.entries(options.actor ?? {})) {
    // Actor fields land in every audit record, whose strings must be identifiers (never a name or email).
    if (value !== undefined && (typeof value !== 'string' || !AUDIT_IDENTIFIER.test(value))) {
      issues.push({ path: `actor.${field}`, code: 'invalid_identifier' });
    }
  }
  if (issues.length > 0) throw new ConfigurationError({ operation: 'tools.createLedgerToolkit', issues });
}

function readTools(environment: ToolEnvironment, reads: readonly ResourceName[]): LedgerTool[] {
  const allowed = new Set(reads);
  const tools: LedgerTool[] = [];
  for (const resource of LISTABLE) {
    if (!allowed.has(resource)) continue;
    tools.push(listRecordsTool(environment, resource), getRecordTool(environment, resource));
  }
  const roles: ContactRole[] = [
    ...(allowed.has('customers') ? (['customer'] as const) : []),
    ...(allowed.has('vendors') ? (['vendor'] as const) : []),
  ];
  if (roles.length > 0) tools.push(findContactTool(environment, roles));
  if (allowed.has('invoices')) tools.push(getInvoiceBalanceTool(environment));
  if (allowed.has('company')) tools.push(getCompanyTool(environment));
  tools.push(getRateLimitStatusTool(environment));
  return tools;
}

function writeTools(environment: ToolEnvironment, writes: readonly IntentName[]): LedgerTool[] {
  if (environment.mode === 'read') return [];
  // Catalogue order, not the caller's, so tool lists (and prompts built from them) are stable.
  return INTENT_NAMES.filter((name) => writes.includes(name)).map((name) =>
    writeTool(environment, WRITE_TOOL_SPECS[name]),
  );
}

/**
 * Builds the agent tools for one connection. Deny by default: without `allow.writes` there is no write
 * tool at all, and a tool that does not exist cannot be called into a request. What exists is still
 * governed by the connection's own write policy (allow list, limits, approvals) when it runs.
 *
 * @throws {ConfigurationError} for an unknown mode, intent, resource or role, or an actor field that is
 * not identifier syntax (paths only).
 */
export function createLedgerToolkit(
  connection: Connection,
  options: LedgerToolkitOptions = {},
): LedgerToolkit {
  checkOptions(options);
  const environment: ToolEnvironment = {
    connection,
    mode: options.mode ?? 'write',
    projection: createProjection(options.fields),
    actor: options.actor ?? {},
    approval: options.approval,
    onProposal: options.onProposal,
    observe: options.observe,
  };
  const reads = options.allow?.reads ?? 'all';
  const tools = Object.freeze([
    ...readTools(environment, reads === 'all' ? RESOURCE_NAMES : reads),
    ...writeTools(environment, options.allow?.writes ?? []),
  ]);
  const byName = new Map(tools.map((tool) => [tool.name, tool]));
  return {
    tools,
    mode: environment.mode,
    get: (name) => byName.get(name),
    async execute(name, input, callOptions) {
      const tool = byName.get(name);
      if (tool !== undefined) return tool.execute(input, callOptions);
      const failure = toolFailure('tool_not_found');
      environment.observe?.({
        tool: 'unknown',
        kind: 'read',
        callId: undefined,
        ok: false,
        errorCode: failure.error.code,
        durationMs: 0,
      });
      return failure;
    },
  };
}
