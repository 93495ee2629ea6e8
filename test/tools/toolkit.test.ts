import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/http/errors.js';
import { INTENT_NAMES } from '../../src/intents/index.js';
import { TOOL_NAME_PATTERN } from '../../src/tools/index.js';
import {
  EVERY_TOOL,
  listInvoicesInput,
  objectSchemas,
  paymentInput,
  startToolkitHarness,
  writeRequests,
} from './support/toolkit-harness.js';

const harness = startToolkitHarness();
afterAll(() => harness.close());
beforeEach(() => {
  harness.sim.reset();
});

describe('the catalogue', () => {
  it('names every tool by the strictest framework rule, once', async () => {
    const toolkit = await harness.toolkit(EVERY_TOOL);
    const names = toolkit.tools.map((tool) => tool.name);
    for (const name of names) expect(name).toMatch(TOOL_NAME_PATTERN);
    expect(new Set(names).size).toBe(names.length);
    // 13 resources × (list, get) + find_contact, get_invoice_balance, get_company, get_rate_limit_status + 11 writes
    expect(names).toHaveLength(26 + 4 + INTENT_NAMES.length);
    expect(names).toEqual(expect.arrayContaining([...INTENT_NAMES, 'list_invoices', 'get_customer']));
  });

  it('gives every tool a strict-first input schema: closed objects, every key required', async () => {
    const toolkit = await harness.toolkit(EVERY_TOOL);
    for (const tool of toolkit.tools) {
      expect(tool.inputJsonSchema.type, tool.name).toBe('object');
      expect(tool.inputJsonSchema).not.toHaveProperty('$schema');
      expect(JSON.stringify(tool.inputJsonSchema), tool.name).not.toContain('"default"');
      for (const [path, object] of objectSchemas(tool.inputJsonSchema)) {
        expect(object.additionalProperties, `${tool.name} ${path}`).toBe(false);
        expect([...((object.required ?? []) as string[])].sort(), `${tool.name} ${path}`).toEqual(
          Object.keys((object.properties ?? {}) as object).sort(),
        );
      }
    }
  });

  it('describes every tool for a model, at length', async () => {
    const toolkit = await harness.toolkit(EVERY_TOOL);
    for (const tool of toolkit.tools) expect(tool.description.length, tool.name).toBeGreaterThan(80);
  });

  it('write tools take the intent without its discriminator: the tool name is the intent', async () => {
    const toolkit = await harness.toolkit(EVERY_TOOL);
    for (const name of INTENT_NAMES) {
      const tool = toolkit.get(name);
      expect(tool?.kind).toBe('write');
      expect(tool?.inputJsonSchema.properties).not.toHaveProperty('intent');
    }
  });

  it('annotates reads as read-only and idempotent, writes by what they do', async () => {
    const toolkit = await harness.toolkit(EVERY_TOOL);
    expect(toolkit.get('list_invoices')?.annotations).toMatchObject({
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: true,
    });
    expect(toolkit.get('get_rate_limit_status')?.annotations.openWorldHint).toBe(false);
    expect(toolkit.get('record_payment')?.annotations).toMatchObject({
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: true,
    });
    expect(toolkit.get('void_invoice')?.annotations.destructiveHint).toBe(true);
    expect(toolkit.get('update_contact')?.annotations.destructiveHint).toBe(true);
    const proposing = await harness.toolkit({ ...EVERY_TOOL, mode: 'propose' });
    expect(proposing.get('void_invoice')?.annotations).toMatchObject({
      readOnlyHint: true,
      destructiveHint: false,
    });
    expect(proposing.get('void_invoice')?.description).toContain('Nothing is written');
  });
});

describe('deny by default', () => {
  it('a toolkit without allow has read tools only, and no write tool at all', async () => {
    const toolkit = await harness.toolkit();
    expect(toolkit.tools.filter((tool) => tool.kind === 'write')).toEqual([]);
    for (const name of INTENT_NAMES) expect(toolkit.get(name)).toBeUndefined();
    expect(toolkit.get('list_invoices')).toBeDefined();
  });

  it('a disallowed write is refused as tool_not_found and makes no provider request', async () => {
    const toolkit = await harness.toolkit({ allow: { writes: ['create_invoice'] } });
    harness.sim.requests.clear();
    const result = await toolkit.execute('record_payment', paymentInput(), { callId: 'call_1' });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'tool_not_found',
        retryable: false,
        retryAt: null,
        message: 'No tool with this name is available to you. Nothing was sent.',
      },
    });
    expect(harness.sim.requests.requests).toHaveLength(0);
  });

  it('read mode drops write tools even when writes are listed', async () => {
    const toolkit = await harness.toolkit({ allow: { writes: INTENT_NAMES }, mode: 'read' });
    expect(toolkit.tools.filter((tool) => tool.kind === 'write')).toEqual([]);
    harness.sim.requests.clear();
    expect((await toolkit.execute('record_payment', paymentInput())).ok).toBe(false);
    expect(harness.sim.requests.requests).toHaveLength(0);
  });

  it('a write tool the toolkit allows is still governed by the connection policy', async () => {
    const books = await harness.connect({ policy: { allow: ['create_invoice'] } });
    const toolkit = await harness.toolkit({ allow: { writes: ['record_payment'] } }, books);
    harness.sim.requests.clear();
    const result = await toolkit.execute('record_payment', paymentInput());
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'policy_denied', reason: 'intent_not_allowed' },
    });
    expect(harness.sim.requests.requests).toHaveLength(0);
  });

  it('reads can be narrowed per resource; helpers follow the resources they read', async () => {
    const toolkit = await harness.toolkit({ allow: { reads: ['invoices'] } });
    expect(toolkit.tools.map((tool) => tool.name)).toEqual([
      'list_invoices',
      'get_invoice',
      'get_invoice_balance',
      'get_rate_limit_status',
    ]);
    harness.sim.requests.clear();
    expect(await toolkit.execute('list_customers', { nameStartsWith: null })).toMatchObject({
      ok: false,
      error: { code: 'tool_not_found' },
    });
    expect(harness.sim.requests.requests).toHaveLength(0);
  });

  it('find_contact offers only the contact roles whose resource is allowed', async () => {
    const toolkit = await harness.toolkit({ allow: { reads: ['customers'] } });
    const role = (toolkit.get('find_contact')?.inputJsonSchema.properties.role ?? {}) as Record<
      string,
      unknown
    >;
    expect(JSON.stringify(role)).toContain('"customer"');
    expect(JSON.stringify(role)).not.toContain('"vendor"');
    const refused = await toolkit.execute('find_contact', {
      namePrefix: 'Test',
      role: 'vendor',
      limit: null,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
  });

  it('refuses a misconfigured toolkit at construction, naming paths only', async () => {
    const books = await harness.connect();
    const attempts = [
      { mode: 'yolo' },
      { allow: { writes: ['wire_money'] } },
      { allow: { reads: ['patients'] } },
      { fields: { role: 'admin' } },
      { actor: { agentId: 'Dr. Jane Doe' } },
    ];
    for (const options of attempts) {
      const error = await harness.toolkit(options as never, books).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(ConfigurationError);
      expect(String((error as Error).message)).not.toMatch(/yolo|wire_money|patients|admin|Jane/);
    }
  });
});

describe('never throws', () => {
  it('answers garbage input with validation_failed paths, not an exception', async () => {
    const toolkit = await harness.toolkit(EVERY_TOOL);
    for (const tool of toolkit.tools) {
      for (const input of [undefined, null, 'text', 42, [], { unexpected: 'CANARYQ7Z' }]) {
        const result = await tool.execute(input);
        expect(result, `${tool.name} ${JSON.stringify(input)}`).toMatchObject({
          ok: false,
          error: { code: 'validation_failed' },
        });
        expect(JSON.stringify(result)).not.toContain('CANARY');
      }
    }
    expect(writeRequests(harness.sim.requests.requests)).toHaveLength(0);
  });

  it('reports each finished call to the observer as metadata only', async () => {
    const events: unknown[] = [];
    const toolkit = await harness.toolkit({ observe: (event) => events.push(event) });
    await toolkit.execute('list_invoices', listInvoicesInput({ pageSize: 1 }), { callId: 'call_7' });
    await toolkit.execute('get_invoice', { id: '999999' }, { callId: 'call_8' });
    expect(events).toEqual([
      { tool: 'list_invoices', kind: 'read', callId: 'call_7', ok: true, durationMs: expect.any(Number) },
      {
        tool: 'get_invoice',
        kind: 'read',
        callId: 'call_8',
        ok: false,
        errorCode: 'not_found',
        durationMs: expect.any(Number),
      },
    ]);
  });

  it('a throwing observer does not turn a finished call into a failure', async () => {
    const toolkit = await harness.toolkit({
      observe: () => {
        throw new Error('metrics down');
      },
    });
    expect((await toolkit.execute('get_invoice_balance', { invoiceId: '2' })).ok).toBe(true);
  });
});
