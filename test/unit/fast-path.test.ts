import fc from 'fast-check';
import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { quickbooks } from '../../providers/quickbooks/index.js';
import { accountMapping } from '../../providers/quickbooks/mappings/account.js';
import { attachmentMapping } from '../../providers/quickbooks/mappings/attachment.js';
import { billMapping } from '../../providers/quickbooks/mappings/bill.js';
import { companyInfoMapping } from '../../providers/quickbooks/mappings/company-info.js';
import { customerMapping, vendorMapping } from '../../providers/quickbooks/mappings/contact.js';
import { expenseMapping } from '../../providers/quickbooks/mappings/expense.js';
import { itemMapping } from '../../providers/quickbooks/mappings/item.js';
import { journalEntryMapping } from '../../providers/quickbooks/mappings/journal-entry.js';
import { billPaymentMapping, paymentMapping } from '../../providers/quickbooks/mappings/payment.js';
import { creditNoteMapping, invoiceMapping } from '../../providers/quickbooks/mappings/sales-document.js';
import { taxRateMapping } from '../../providers/quickbooks/mappings/tax-rate.js';
import { createQuickBooksSimulator, QUICKBOOKS_ENTITY_NAMES } from '../../providers/quickbooks/testing.js';
import type { FieldMapping } from '../../src/engine/definition.js';
import { compileFastPath, FastPathError } from '../../src/engine/fast-path/index.js';
import { compileMapping, mappingSource } from '../../src/engine/mapping-compiler.js';
import { resolveMappings } from '../../src/engine/overrides.js';
import {
  expectSameMapping,
  expectSameOutcome,
  jsonataFor,
  settled,
  type Tally,
  viaFastPath,
} from '../support/fast-path-harness.js';

// ---------------------------------------------------------------------------------------------------------
// 1. Construct by construct.
// ---------------------------------------------------------------------------------------------------------

const ORDER = {
  Id: '7',
  Name: 'Alpha',
  Empty: '',
  Zero: 0,
  Count: 3,
  Price: 12.5,
  Flag: false,
  Nothing: null,
  Obj: { a: 1, b: { c: 'deep' } },
  EmptyObj: {},
  Tags: ['x', 'y'],
  One: ['only'],
  EmptyList: [],
  Nested: [[1, 2], [3]],
  Line: [
    { Id: '1', DetailType: 'Sales', Amount: 10, Qty: 2, Detail: { Ref: { value: 'A' } } },
    { Id: '2', DetailType: 'SubTotal', Amount: 10 },
    { Id: '3', DetailType: 'Sales', Amount: 5.25, Qty: 1, Detail: { Ref: { value: 'B' } } },
  ],
  Single: [{ Id: '9', Amount: 1 }],
  CurrencyRef: { value: 'EUR' },
  CustomField: [
    { Name: 'NPI', StringValue: '123' },
    { Name: 'Visits', NumberValue: 4 },
    { Name: 'Insured', BooleanValue: true },
    { StringValue: 'no name' },
  ],
};

/** [expression, input, expected value (omit to compare with JSONata only)]. */
type Case = readonly [string, unknown, unknown?];

const CASES: Record<string, readonly Case[]> = {
  'field paths and sequences': [
    ['Id', ORDER, '7'],
    ['Obj.b.c', ORDER, 'deep'],
    ['Missing.x', ORDER, undefined],
    ['Line.Amount', ORDER, [10, 10, 5.25]],
    ['Single.Amount', ORDER, 1],
    ['Single', ORDER, [{ Id: '9', Amount: 1 }]],
    ['One', ORDER, ['only']],
    ['Single.Id[]', ORDER, ['9']],
    ['Line.Detail.Ref.value', ORDER, ['A', 'B']],
    ['Nested', ORDER, [[1, 2], [3]]],
    ['Nested.x', ORDER],
    ['EmptyList', ORDER, []],
    ['EmptyList.x', ORDER, undefined],
    ['Name.x', ORDER, undefined],
    ['Id', [ORDER, ORDER]],
    ['Id', 'text'],
    ['Id', undefined],
    ['a.b', { a: [{ b: [1] }, { b: 2 }] }, [1, 2]],
    ['a.b', { a: [{ b: [1] }] }, [1]],
    ['a.b.c', { a: [{ b: [{ c: 1 }, { c: [2, 3] }] }, { b: { c: 4 } }] }, [1, 2, 3, 4]],
    ['a.b', { a: [[{ b: 1 }], [[{ b: 2 }]]] }, [1, 2]],
  ],
  'predicates and indexes': [
    ["Line[DetailType = 'Sales'].Id", ORDER, ['1', '3']],
    ["Line[DetailType = 'SubTotal'][0].Amount", ORDER, 10],
    ['Line[0].Id', ORDER, '1'],
    ['Line[-1].Id', ORDER, '3'],
    ['Line[-5].Id', ORDER, undefined],
    ['Line[7]', ORDER, undefined],
    ['Line[1.9].Id', ORDER, '2'],
    ['Line[Amount > 6].Id', ORDER, ['1', '2']],
    ['Line[Qty].Id', ORDER],
    ['Line[Id = "2" or Qty = 1].Id', ORDER, ['2', '3']],
    ['Line[Detail].Id', ORDER, ['1', '3']],
    ['Tags[0]', ORDER, 'x'],
    ['Nested[0]', ORDER, [1, 2]],
    ['Nested[1]', ORDER, [3]],
    ['CustomField[Name].Name', ORDER, ['NPI', 'Visits', 'Insured']],
    ['a[b]', { a: [{ b: 1 }, { b: 0 }, { b: [0, 2] }] }],
    ['a[$$.i]', { a: ['x', 'y', 'z'], i: 1 }, 'y'],
    ['a[[0, 2]]', { a: ['x', 'y', 'z'] }, ['x', 'z']],
    ['a[b > 1]', { a: [{ b: 1 }, { b: 'two' }] }],
    ['Count[0]', ORDER, 3],
    ['Line[DetailType = "Sales"][1]', ORDER],
    ['$[Id = "7"].Name', ORDER, 'Alpha'],
  ],
  'root and context': [
    ['$$.CurrencyRef.value', ORDER, 'EUR'],
    ['Line.($$.CurrencyRef.value)', ORDER, ['EUR', 'EUR', 'EUR']],
    ['Line.$', ORDER],
    ['$', ORDER],
    ['$$', ORDER],
    ['Line.{ "id": Id, "cur": $$.CurrencyRef.value }', ORDER],
    ['$.Name', ORDER, 'Alpha'],
    ['$$.Nope.value', ORDER, undefined],
    ['$$.Line.Id', ORDER, ['1', '2', '3']],
  ],
  literals: [
    ['"text"', ORDER, 'text'],
    ['12.5', ORDER, 12.5],
    ['-3', ORDER, -3],
    ['true', ORDER, true],
    ['null', ORDER, null],
    ["'single'", ORDER, 'single'],
  ],
  'object constructors': [
    ['{ "id": Id, "missing": Missing, "zero": Zero }', ORDER, { id: '7', zero: 0 }],
    ['{ "b": 1, "a": 2, "10": 3, "2": 4 }', ORDER],
    ['Line.{ "id": Id, "amount": Amount }', ORDER],
    ['Single.{ "id": Id }', ORDER, { id: '9' }],
    ['[Single.{ "id": Id }]', ORDER, [{ id: '9' }]],
    ['CustomField[Name].{ Name: StringValue }', ORDER],
    ['CustomField.{ Name: StringValue }', ORDER],
    ['Line.{ DetailType: Id }', ORDER],
    ['$.{ "x": 1 }', ORDER],
    ['{ Name: 1 }', ORDER, { Alpha: 1 }],
    ['{ Zero: 1 }', ORDER],
    ['{ "a": 1, "a": 2 }', ORDER],
    [
      'a.{ k: v }',
      {
        a: [
          { k: 'x', v: 1 },
          { k: 'x', v: 2 },
        ],
      },
    ],
    ['{ k: v }', { k: ['x', 'y'], v: 1 }],
    ['Nested.{ "n": $ }', ORDER],
    ['{ "__proto__": 1, "constructor": 2 }', ORDER],
  ],
  'array constructors': [
    ['[Id]', ORDER, ['7']],
    ['[Missing]', ORDER, []],
    ['[Tags]', ORDER, ['x', 'y']],
    ['[[Tags]]', ORDER, [['x', 'y']]],
    ['[Id, Tags, [1, 2], Missing]', ORDER, ['7', 'x', 'y', [1, 2]]],
    ['[Line.Amount][1]', ORDER, 10],
    ['[Missing, Name][0]', ORDER, 'Alpha'],
    ['Line.[Id]', ORDER, [['1'], ['2'], ['3']]],
    ['Single.[Id]', ORDER, ['9']],
    ['[Nested][0]', ORDER],
    ['[Line.Id, Obj]', ORDER],
  ],
  conditions: [
    ['Name ? "yes" : "no"', ORDER, 'yes'],
    ['Empty ? "yes" : "no"', ORDER, 'no'],
    ['Zero ? "yes" : "no"', ORDER, 'no'],
    ['Nothing ? "yes" : "no"', ORDER, 'no'],
    ['EmptyList ? "yes" : "no"', ORDER, 'no'],
    ['EmptyObj ? "yes" : "no"', ORDER, 'no'],
    ['Obj ? "yes" : "no"', ORDER, 'yes'],
    ['Missing ? "yes" : "no"', ORDER, 'no'],
    ['Missing ? "yes"', ORDER, undefined],
    ['[0, ""] ? "yes" : "no"', ORDER, 'no'],
    ['[0, 1] ? "yes" : "no"', ORDER, 'yes'],
    ['Flag = false ? false : true', ORDER, false],
    ['Missing = false ? false : true', ORDER, true],
  ],
  'comparisons and logic': [
    ['Id = "7"', ORDER, true],
    ['Id = 7', ORDER, false],
    ['Count = 3', ORDER, true],
    ['Missing = Missing', ORDER, false],
    ['Missing != 1', ORDER, false],
    ['Obj = { "a": 1, "b": { "c": "deep" } }', ORDER, true],
    ['Tags = ["x", "y"]', ORDER, true],
    ['Tags != ["y", "x"]', ORDER, true],
    ['Count > 2', ORDER, true],
    ['Count <= 2', ORDER, false],
    ['Name < "B"', ORDER, true],
    ['Missing < 3', ORDER, undefined],
    ['Count < "3"', ORDER],
    ['Obj < 1', ORDER],
    ['Name and Count', ORDER, true],
    ['Name and Missing', ORDER, false],
    ['Missing or Empty', ORDER, false],
    ['Zero or Count', ORDER, true],
    ['"x" in Tags', ORDER, true],
    ['"z" in Tags', ORDER, false],
    ['Name in "Alpha"', ORDER, true],
    ['Missing in Tags', ORDER, false],
    ['1 in [1, 2]', ORDER, true],
  ],
  'concatenation and arithmetic': [
    ['Name & "-" & Id', ORDER, 'Alpha-7'],
    ['Name & Missing', ORDER, 'Alpha'],
    ['Price & ""', ORDER, '12.5'],
    ['(0.1 + 0.2) & ""', ORDER, '0.3'],
    ['Obj & ""', ORDER, '{"a":1,"b":{"c":"deep"}}'],
    ['Tags & Flag & Nothing', ORDER, '["x","y"]falsenull'],
    ['Count * Price', ORDER, 37.5],
    ['Count - 1', ORDER, 2],
    ['Count / 0', ORDER],
    ['Count % 2', ORDER, 1],
    ['Name + 1', ORDER],
    ['Missing + 1', ORDER, undefined],
    ['-Count', ORDER, -3],
    ['-Name', ORDER],
  ],
  'blocks and variables': [
    ['($x := Id; $x & $x)', ORDER, '77'],
    ['($x := Line.Amount; $x[1])', ORDER, 10],
    ['($type := $lookup({"A": "a"}, "A"); $type ? $type : "other")', ORDER, 'a'],
    ['($type := $lookup({"A": "a"}, "B"); $type ? $type : "other")', ORDER, 'other'],
    ['Line.($amount := Amount; Detail.Ref.{ "value": value, "amount": $amount })', ORDER],
    ['($x := 1; ($x := 2); $x)', ORDER, 1],
    ['($y)', ORDER, undefined],
    ['()', ORDER, undefined],
    ['(Id; Name)', ORDER, 'Alpha'],
  ],
  'functions: ours': [
    ['$decimal(Price, "USD")', ORDER, '12.50'],
    ['$decimal(Price, $$.CurrencyRef.value)', ORDER, '12.50'],
    ['$decimal(Missing, "USD")', ORDER, undefined],
    ['$decimal("10", "JPY")', ORDER, '10'],
    ['$decimal(Obj, "USD")', ORDER],
    ['$decimal(Tags, "USD")', ORDER],
    ['$decimal(1e300, "USD")', ORDER],
    ['$quantity(Price)', ORDER, '12.5'],
    ['$quantity(1e-7)', ORDER, '0.0000001'],
    ['$quantity("2.50")', ORDER, '2.50'],
    ['$quantity(Flag)', ORDER],
    ['$wire("12.50")', ORDER, 12.5],
    ['$wire("12345678901234.567")', ORDER],
    ['$wire(Missing)', ORDER, undefined],
    ['$wire(12)', ORDER],
    ['$compact({ "a": Missing, "b": null, "c": {}, "d": 0 })', ORDER, { d: 0 }],
    ['$compact({ "a": Missing })', ORDER, undefined],
    ['$compact(Missing)', ORDER, undefined],
    ['$compact(Name)', ORDER],
  ],
  'functions: built-ins': [
    ['$lookup({ "a": 1 }, "a")', ORDER, 1],
    ['$lookup(Line, "Id")', ORDER, ['1', '2', '3']],
    ['$lookup({ "undefined": 3 }, Missing)', ORDER, 3],
    ['$lookup(Obj, 1)', ORDER],
    ['$lowercase(Name)', ORDER, 'alpha'],
    ['$uppercase(Name)', ORDER, 'ALPHA'],
    ['$lowercase(Count)', ORDER],
    ['Line.DetailType.$uppercase()', ORDER, ['SALES', 'SUBTOTAL', 'SALES']],
    ['$substring("hello", 1, 3)', ORDER, 'ell'],
    ['$substring("hello", -3, 2)', ORDER, 'll'],
    ['$substring("hello", -9)', ORDER, 'hello'],
    ['$substring("hello", 2, 0)', ORDER, ''],
    ['$substring("h😀llo", 1, 1)', ORDER, '😀'],
    ['$substring(Missing, 0, 6)', ORDER, undefined],
    ['$substring($string(Nothing), 0, 6)', ORDER, 'null'],
    ['$string(Price)', ORDER, '12.5'],
    ['$string(0.1 + 0.2)', ORDER, '0.3'],
    ['$string(1e21)', ORDER, '1e+21'],
    ['$string(123456789012345678)', ORDER],
    ['$string(1/3)', ORDER],
    ['$string(Obj, true)', ORDER],
    ['$string([1.1, 2, 0.30000000000000004])', ORDER, '[1.1,2,0.3]'],
    ['$string(Missing)', ORDER, undefined],
    ['$string(Flag)', ORDER, 'false'],
    ['$string(Count / 0)', ORDER],
    ['$number("12")', ORDER, 12],
    ['$number("-1.5e3")', ORDER, -1500],
    ['$number("0x1F")', ORDER, 31],
    ['$number(true)', ORDER, 1],
    ['$number("abc")', ORDER],
    ['$number(" 1")', ORDER],
    ['$number(Missing)', ORDER, undefined],
    ['$exists(Missing)', ORDER, false],
    ['$exists(Nothing)', ORDER, true],
    ['$merge(CustomField[Name].{ Name: StringValue })', ORDER, { NPI: '123' }],
    ['$merge([{ "a": 1 }, { "a": 2, "b": 3 }])', ORDER, { a: 2, b: 3 }],
    ['$merge(Obj)', ORDER, { a: 1, b: { c: 'deep' } }],
    ['$merge(Name)', ORDER],
    ['$merge([Obj, 1])', ORDER],
    ['$merge(Missing)', ORDER, undefined],
    ['$count(Line)', ORDER, 3],
    ['$count(Name)', ORDER, 1],
    ['$count(Missing)', ORDER, 0],
    ['$boolean(Empty)', ORDER, false],
    ['$boolean([0, "", null])', ORDER, false],
    ['$boolean([0, "x"])', ORDER, true],
    ['$boolean(EmptyObj)', ORDER, false],
    ['$boolean(Missing)', ORDER, undefined],
    ['$not(Name)', ORDER, false],
    ['$not(Missing)', ORDER, undefined],
    ['$contains(Name, "lph")', ORDER, true],
    ['$contains(Name, Missing)', ORDER, undefined],
    ['$contains(Name, 1)', ORDER],
    ['$exists()', ORDER],
    ['$lowercase()', 'ABC', 'abc'],
    ['$lowercase()', ORDER],
  ],
};

describe('fast path: construct by construct, against JSONata', () => {
  for (const [construct, cases] of Object.entries(CASES)) {
    it(construct, async () => {
      for (const [text, input, ...rest] of cases) {
        expect(compileFastPath(text), text).toBeDefined();
        const fast = viaFastPath(text, input);
        if (Array.isArray(input)) {
          expect(fast, text).toBe('fallback');
          continue;
        }
        await expectSameOutcome(text, input);
        if (rest.length > 0 && fast !== 'fallback') {
          expect(fast, text).toEqual(settled(rest[0]));
        }
      }
    });
  }

  it('raises the same error class as JSONata: RangeError for amounts, an Error for signature violations', () => {
    const wireTooPrecise = compileFastPath('$wire("12345678901234.567")')!;
    expect(() => wireTooPrecise({})).toThrow(RangeError);
    const decimalOfObject = compileFastPath('$decimal(Obj, "USD")')!;
    expect(() => decimalOfObject(ORDER)).toThrow(FastPathError);
    expect(() => decimalOfObject(ORDER)).not.toThrow(RangeError);
  });

  it('does not modify its input', () => {
    const input = structuredClone(ORDER);
    for (const cases of Object.values(CASES)) {
      for (const [text] of cases) {
        try {
          compileFastPath(text)?.(input);
        } catch {
          // Errors are compared above; this test is about the input.
        }
      }
    }
    expect(input).toEqual(ORDER);
  });

  it('hands inputs it does not reproduce to JSONata', () => {
    // An empty input array under a grouping constructor: JSONata pushes into it.
    expect(viaFastPath('Nested.{ "n": 1 }', { Nested: [[]] })).toBe('fallback');
    // Data that looks like a JSONata function.
    expect(viaFastPath('$exists(f)', { f: { _jsonata_function: true } })).toBe('fallback');
    // `$type` before it is bound is JSONata's function.
    expect(viaFastPath('($x := $type; $type := 1; $x)', {})).toBe('fallback');
  });
});

describe('fast path: what falls back', () => {
  it.each([
    ['$uppercase(Name) ~> $substring(0, 2)'],
    ['$contains(Name, /alp/i)'],
    ['$replace(Name, "A", "a")'],
    ['function($x) { $x }(1)'],
    ['Line^(Amount).Id'],
    ['Line.Detail.%.Id'],
    ['**.value'],
    ['Obj.*'],
    ['$each(Obj, function($v) { $v })'],
    ['Line@$l.$l.Id'],
    ['Line#$i.Id'],
    ['$ ~> |Obj|{ "z": 1 }|'],
    ['$string'],
    ['[1..3]'],
    ['[a, b][0].x'],
    ['Line{ DetailType: Id }'],
    ['($ := 1)'],
    ['($substring := 1; $substring("x", 0))'],
  ])('%s', (text) => {
    expect(compileFastPath(text)).toBeUndefined();
  });

  it('evaluates an unsupported override with JSONata while the rest of the mapping stays fast', async () => {
    const mappings = resolveMappings(quickbooks().definition, {
      invoices: {
        fields: {
          'customFields.code': `$uppercase(CustomField[Name = 'NPI'].StringValue) ~> $substring(0, 2)`,
          memo: `$contains(PrivateNote, /urgent/i) ? 'URGENT' : PrivateNote`,
        },
      },
    }).get('invoices')!;
    const response = mappings.response;
    expect(compileFastPath(`(${response.memo})`)).toBeUndefined();
    expect(compileFastPath(`(${response.customFields})`)).toBeUndefined();
    expect(compileFastPath(`(${response.lines})`)).toBeDefined();
    const record = {
      Id: '1',
      PrivateNote: 'Urgent follow-up',
      CustomField: [{ Name: 'NPI', StringValue: 'ab123' }],
      Line: [{ Id: '1', DetailType: 'SalesItemLineDetail', Amount: 5 }],
    };
    const mapped = await compileMapping(response).evaluate(record);
    expect(mapped.memo).toBe('URGENT');
    expect(mapped.customFields).toEqual({ NPI: 'ab123', code: 'AB' });
    await expectSameMapping(response, record);
  });
});

// ---------------------------------------------------------------------------------------------------------
// 2 and 3. Every QuickBooks mapping expression: served by the fast path, and equal to JSONata.
// ---------------------------------------------------------------------------------------------------------

const MAPPINGS: Record<string, { readonly response: FieldMapping; readonly request?: FieldMapping }> = {
  accountMapping,
  attachmentMapping,
  billMapping,
  companyInfoMapping,
  customerMapping,
  vendorMapping,
  expenseMapping,
  itemMapping,
  journalEntryMapping,
  paymentMapping,
  billPaymentMapping,
  invoiceMapping,
  creditNoteMapping,
  taxRateMapping,
};

const ALL_MAPPINGS: FieldMapping[] = Object.values(MAPPINGS).flatMap((mapping) =>
  mapping.request ? [mapping.response, mapping.request] : [mapping.response],
);

/** Every distinct field expression, as the mapping compiler parses it. */
const EXPRESSIONS = [...new Set(ALL_MAPPINGS.flatMap((mapping) => Object.values(mapping)))].map(
  (text) => `(${text})`,
);

/** Field names and string literals some expressions use, so generated inputs exercise them. */
function vocabulary(texts: readonly string[]): { names: string[]; strings: string[] } {
  const names = new Set<string>();
  const strings = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (record.type === 'name' && typeof record.value === 'string') names.add(record.value);
    if (record.type === 'string' && typeof record.value === 'string') strings.add(record.value);
    for (const value of Object.values(record)) visit(value);
  };
  for (const text of texts) visit(jsonata(text).ast());
  return { names: [...names].sort(), strings: [...strings].sort() };
}

const { strings: STRINGS } = vocabulary(EXPRESSIONS);

const simulator = createQuickBooksSimulator();
const SEEDS: Record<string, unknown>[] = QUICKBOOKS_ENTITY_NAMES.flatMap((entity) =>
  simulator.company.list(entity),
);

/** Records the seed company lacks: attachments, custom fields, voided and foreign-currency documents. */
const HAND_RECORDS: Record<string, unknown>[] = [
  {
    Id: '40',
    SyncToken: '0',
    FileName: 'scan.pdf',
    ContentType: 'application/pdf',
    Size: 1024,
    Note: 'Referral',
    AttachableRef: [{ EntityRef: { type: 'Invoice', value: '12' } }],
  },
  { Id: '41', AttachableRef: { EntityRef: { type: 'Purchase', value: '3' } } },
  {
    Id: '42',
    PrivateNote: 'Voided - duplicate',
    Balance: 0,
    TotalAmt: 0,
    CurrencyRef: { value: 'JPY' },
    CustomField: [
      { DefinitionId: '1', Name: 'NPI', Type: 'StringType', StringValue: '1234567893' },
      { DefinitionId: '2', Name: 'Visits', Type: 'NumberType', NumberValue: 3 },
      { DefinitionId: '3', Name: 'Insured', Type: 'BooleanType', BooleanValue: false },
      { DefinitionId: '4', Name: 'Seen', Type: 'DateType', DateValue: '2026-01-02' },
      { DefinitionId: '5', Type: 'StringType', StringValue: 'unnamed' },
    ],
    Line: [
      {
        Id: '1',
        Amount: 1000,
        DetailType: 'SalesItemLineDetail',
        SalesItemLineDetail: { ItemRef: { value: '1' }, Qty: 2, UnitPrice: 500 },
      },
      { Amount: 1000, DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} },
    ],
  },
  {
    Id: '43',
    CurrencyRef: { value: 'EUR' },
    Line: {
      Id: '1',
      Amount: 12.34,
      DetailType: 'JournalEntryLineDetail',
      JournalEntryLineDetail: { PostingType: 'Credit', AccountRef: { value: '7' } },
    },
    Classification: 'Liability',
    AccountType: 'Bank',
    Active: false,
    FiscalYearStartMonth: 'April',
    Email: { Address: 'a@example.test' },
  },
  {
    Id: '44',
    Line: [
      { Amount: 60, LinkedTxn: [{ TxnId: '1', TxnType: 'Invoice' }] },
      {
        Amount: 40,
        LinkedTxn: [
          { TxnId: '2', TxnType: 'CreditMemo' },
          { TxnId: '3', TxnType: 'Bill' },
        ],
      },
    ],
    CheckPayment: { BankAccountRef: { value: '9' } },
    CreditCardPayment: { CCAccountRef: { value: '10' } },
    Type: 'NonInventory',
    RateValue: 7.25,
  },
  {},
];

/** Unified drafts, as request mappings receive them. */
const DRAFTS: Record<string, unknown>[] = [
  {
    contactId: '58',
    number: 'INV-1',
    issueDate: '2026-02-01',
    dueDate: '2026-03-01',
    currency: 'USD',
    memo: 'first visit',
    customerMemo: 'Thank you',
    email: 'patient@example.test',
    lines: [
      {
        description: 'Visit',
        amount: '125.00',
        quantity: '1',
        unitPrice: '125.00',
        itemId: '1',
        taxRateId: 'NON',
        serviceDate: '2026-02-01',
      },
      { description: 'Lab', amount: '48.25', accountId: '4' },
    ],
  },
  { memo: 'sparse update' },
  { lines: [{ amount: '10.00', itemId: '2' }] },
  { lines: [] },
  {
    contactId: '3',
    date: '2026-02-02',
    amount: '100.00',
    accountId: '9',
    reference: 'CHK-1',
    allocations: [
      { amount: '60.00', targetId: '1', targetType: 'invoice' },
      { amount: '40.00', targetId: '2', targetType: 'credit_note' },
    ],
  },
  {
    date: '2026-02-03',
    currency: 'EUR',
    lines: [
      { side: 'debit', amount: '10.00', accountId: '1', description: 'x', contactId: '5' },
      { side: 'credit', amount: '10.00', accountId: '2' },
    ],
  },
  {
    displayName: 'Clinic Supplies',
    givenName: 'Pat',
    email: 'pat@example.test',
    phone: '555-0100',
    billingAddress: {
      line1: '1 Main',
      city: 'Springfield',
      region: 'IL',
      postalCode: '62701',
      country: 'US',
    },
    active: true,
  },
  { billingAddress: {}, active: false },
  { name: 'Bank', code: '1000', providerType: 'Bank', currency: 'USD', description: 'Main account' },
  { name: 'Exam', type: 'service', unitPrice: '90.00', purchaseCost: '10', incomeAccountId: '5' },
  { type: 'mystery', sku: 'S-1' },
  { fileName: 'a.pdf', contentType: 'application/pdf', entityId: '12', entityType: 'invoice' },
  {
    paymentAccountId: '3',
    paymentMethod: 'credit_card',
    lines: [{ accountId: '8', amount: '19.99', description: 'Gloves' }],
  },
  { lines: [{ amount: '12345678901234.567', itemId: '1' }] },
  { lines: [{ amount: 'not money' }] },
  { amount: '0.1', allocations: { amount: '0.1', targetId: '7', targetType: 'bill' } },
];

// Generated inputs: trees over the expressions' own field names and string literals, so predicates match
// and conditions take both branches, with the value shapes that trip sequence handling.
const leaf = fc.oneof(
  fc.constantFrom(...STRINGS, '', 'USD', 'EUR', 'JPY', 'Voided: duplicate', '10.00', '-3.5', '0', 'abc'),
  fc.constantFrom('12345678901234.567', '1e3', '007', 'true'),
  fc.string({ maxLength: 4 }),
  fc.integer({ min: -1000, max: 1000 }),
  fc.constantFrom(0, -0, 125.5, 0.1, 48.25, 1e21, 2 ** 53 + 2, 1e-7, 12.345),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);

/** Records over one vocabulary of field names: nested objects use the same names. */
function recordsOver(names: readonly string[]) {
  const { tree } = fc.letrec<{ tree: unknown; list: unknown[]; record: Record<string, unknown> }>((tie) => ({
    tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('list'), tie('record')),
    list: fc.array(tie('tree'), { maxLength: 3 }),
    record: fc.dictionary(fc.constantFrom(...names), tie('tree'), { maxKeys: 8 }),
  }));
  return fc.dictionary(fc.constantFrom(...names), tree, { minKeys: 1, maxKeys: 12 });
}

/** A mapping's expressions with records over that mapping's own field names (nested objects too). */
const targetedRecord = fc.oneof(
  ...ALL_MAPPINGS.map((mapping) => {
    const texts = Object.values(mapping).map((text) => `(${text})`);
    return fc.tuple(fc.constant(texts), recordsOver(vocabulary(texts).names));
  }),
);

const generatedRecord = targetedRecord.map(([, record]) => record);

type Mutation =
  | 'delete'
  | 'null'
  | 'wrap'
  | 'unwrap'
  | 'empty-array'
  | 'empty-object'
  | 'swap'
  | 'double'
  | 'leaf';

const mutationKind = fc.constantFrom<Mutation>(
  'delete',
  'null',
  'wrap',
  'unwrap',
  'empty-array',
  'empty-object',
  'swap',
  'double',
  'leaf',
);

/** Every [container, key] position in a JSON value. */
function positions(value: unknown, found: [Record<string, unknown> | unknown[], string | number][] = []) {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      found.push([value, index]);
      positions(item, found);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      found.push([value as Record<string, unknown>, key]);
      positions(item, found);
    }
  }
  return found;
}

function mutate(value: unknown, kind: Mutation, replacement: unknown): unknown {
  switch (kind) {
    case 'delete':
      return undefined;
    case 'null':
      return null;
    case 'wrap':
      return [value];
    case 'unwrap':
      return Array.isArray(value) ? value[0] : value;
    case 'empty-array':
      return [];
    case 'empty-object':
      return {};
    case 'swap':
      return typeof value === 'number'
        ? String(value)
        : typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))
          ? Number(value)
          : value;
    case 'double':
      return Array.isArray(value) ? [...value, ...value] : [value, value];
    default:
      return replacement;
  }
}

/** A real record (seed, hand-written or draft) with a few random edits anywhere in it. */
const mutatedRecord = fc
  .tuple(
    fc.constantFrom(...SEEDS, ...HAND_RECORDS, ...DRAFTS),
    fc.array(fc.tuple(fc.nat(), mutationKind, leaf), { minLength: 1, maxLength: 4 }),
  )
  .map(([base, edits]) => {
    const record = structuredClone(base);
    for (const [choice, kind, replacement] of edits) {
      const all = positions(record);
      if (all.length === 0) break;
      const [container, key] = all[choice % all.length]!;
      const next = mutate((container as Record<string | number, unknown>)[key], kind, replacement);
      if (next === undefined && !Array.isArray(container)) delete container[key as string];
      else (container as Record<string | number, unknown>)[key] = next;
    }
    return record;
  });

const FIXED_INPUTS: unknown[] = [...SEEDS, ...HAND_RECORDS, ...DRAFTS];
const GENERATED_RUNS = 2000;
const MUTATED_RUNS = 600;

describe('fast path: QuickBooks mappings', () => {
  it('serves every expression in the QuickBooks mappings (no fallback)', () => {
    const fallingBack = EXPRESSIONS.filter((text) => compileFastPath(text) === undefined);
    expect(fallingBack).toEqual([]);
    expect(EXPRESSIONS.length).toBeGreaterThan(100);
  });

  it('equals JSONata on the seed company, hand-written records and drafts', async () => {
    const tally: Tally = { compared: 0, fallbacks: 0 };
    for (const text of EXPRESSIONS) {
      for (const input of FIXED_INPUTS) await expectSameOutcome(text, input, tally);
    }
    expect(tally.compared).toBe(EXPRESSIONS.length * FIXED_INPUTS.length);
    expect(tally.fallbacks).toBe(0);
  });

  it('equals JSONata on generated records', async () => {
    const tally: Tally = { compared: 0, fallbacks: 0 };
    await fc.assert(
      fc.asyncProperty(targetedRecord, async ([texts, input]) => {
        for (const text of texts) await expectSameOutcome(text, input, tally);
      }),
      { numRuns: GENERATED_RUNS, seed: 20260201 },
    );
    expect(tally.compared).toBeGreaterThan(GENERATED_RUNS * 5);
  });

  it('equals JSONata on mutated records and drafts', async () => {
    const tally: Tally = { compared: 0, fallbacks: 0 };
    await fc.assert(
      fc.asyncProperty(mutatedRecord, async (input) => {
        for (const text of EXPRESSIONS) await expectSameOutcome(text, input, tally);
      }),
      { numRuns: MUTATED_RUNS, seed: 20260202 },
    );
    expect(tally.compared).toBe(EXPRESSIONS.length * MUTATED_RUNS);
  });

  it('compiled mappings equal the JSONata object constructor: keys, values and key order', async () => {
    const inputs = [
      ...FIXED_INPUTS,
      ...fc.sample(mutatedRecord, { numRuns: 40, seed: 7 }),
      ...fc.sample(generatedRecord, { numRuns: 40, seed: 8 }),
      // Arrays go to the whole JSONata constructor, whose field semantics differ for them.
      [SEEDS[0], SEEDS[1]],
      [],
      'text',
      null,
    ];
    for (const mapping of ALL_MAPPINGS) {
      for (const input of inputs) await expectSameMapping(mapping, input);
    }
  });

  it('caches by mapping identity and by text, never by payload', () => {
    const compiled = compileMapping(invoiceMapping.response);
    expect(compileMapping(invoiceMapping.response)).toBe(compiled);
    expect(compileMapping({ ...invoiceMapping.response })).toBe(compiled);
  });

  it('rejects with RangeError where JSONata does (amounts a double cannot carry)', async () => {
    const draft = { lines: [{ amount: '12345678901234.567', itemId: '1' }] };
    await expect(jsonataFor(mappingSource(invoiceMapping.request)).evaluate(draft)).rejects.toBeInstanceOf(
      RangeError,
    );
    await expect(compileMapping(invoiceMapping.request).evaluate(draft)).rejects.toBeInstanceOf(RangeError);
  });
});
