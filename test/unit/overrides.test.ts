import { describe, expect, it } from 'vitest';
import { quickbooks } from '../../providers/quickbooks/index.js';
import { compileMapping } from '../../src/engine/mapping-compiler.js';
import { resolveMappings } from '../../src/engine/overrides.js';
import { ConfigurationError } from '../../src/http/errors.js';

const { definition } = quickbooks();

function configurationIssues(action: () => unknown) {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as ConfigurationError).issues;
  }
  throw new Error('expected a ConfigurationError');
}

describe('per-connection mapping overrides', () => {
  it('adds custom fields and replaces unified fields', async () => {
    const mappings = resolveMappings(definition, {
      invoices: {
        fields: {
          'customFields.npi': `CustomField[Name = 'NPI'].StringValue`,
          memo: `'override: ' & PrivateNote`,
        },
      },
    });
    const invoice = mappings.get('invoices');
    expect(invoice).toBeDefined();
    const mapped = await compileMapping(invoice!.response).evaluate({
      PrivateNote: 'hello',
      CustomField: [
        { DefinitionId: '1', Name: 'NPI', Type: 'StringType', StringValue: '1234567893' },
        { DefinitionId: '2', Name: 'Clinic', Type: 'StringType', StringValue: 'North' },
      ],
    });
    expect(mapped.memo).toBe('override: hello');
    expect(mapped.customFields).toEqual({ NPI: '1234567893', Clinic: 'North', npi: '1234567893' });
  });

  it('rejects a bad override at connect time naming resource and field, not the expression', () => {
    const issues = configurationIssues(() =>
      resolveMappings(definition, {
        invoices: { fields: { 'customFields.diagnosis': 'CustomField[Name = ' } },
        bills: { fields: { notAField: 'Id' } },
        customers: { request: { 'bad-name': 'displayName' } },
      }),
    );
    expect(issues).toEqual([
      { path: 'overrides.invoices.fields.customFields.diagnosis', code: 'invalid_jsonata' },
      { path: 'overrides.bills.fields.notAField', code: 'unknown_field' },
      { path: 'overrides.customers.request.bad-name', code: 'invalid_field_name' },
    ]);
  });

  it('rejects unknown resources and writes on read-only resources', () => {
    const issues = configurationIssues(() =>
      resolveMappings(definition, {
        // @ts-expect-error: not a resource
        patients: { fields: { id: 'Id' } },
        taxRates: { request: { Name: 'name' } },
      }),
    );
    expect(issues).toContainEqual({ path: 'overrides.patients', code: 'unknown_resource' });
    expect(issues).toContainEqual({ path: 'overrides.taxRates.request', code: 'read_only_resource' });
  });

  it('does not echo the expression text in the error', () => {
    try {
      resolveMappings(definition, { invoices: { fields: { memo: "'Jane Doe' & (" } } });
    } catch (error) {
      expect(String(error)).not.toContain('Jane Doe');
      expect(JSON.stringify(error)).not.toContain('Jane Doe');
      return;
    }
    throw new Error('expected a ConfigurationError');
  });
});
