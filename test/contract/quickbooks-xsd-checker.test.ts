import { beforeAll, describe, expect, it } from 'vitest';
import {
  loadQuickBooksXsd,
  QUICKBOOKS_JSON_ONLY_KEYS,
  QUICKBOOKS_XSD_DIR_SEGMENTS,
  type QuickBooksXsd,
} from '../support/quickbooks-xsd.js';
import { hasShared, missingSharedMessage, sharedPath } from '../support/shared-dir.js';

const available = hasShared(...QUICKBOOKS_XSD_DIR_SEGMENTS);
if (!available) console.warn(missingSharedMessage(...QUICKBOOKS_XSD_DIR_SEGMENTS));

const metaData = { CreateTime: '2024-03-01T09:15:22-08:00', LastUpdatedTime: '2024-03-02T11:04:10-08:00' };

const invoice = {
  Id: '130',
  SyncToken: '2',
  domain: 'QBO',
  sparse: false,
  MetaData: metaData,
  CustomField: [{ DefinitionId: '1', Name: 'Clinic', Type: 'StringType', StringValue: 'North' }],
  DocNumber: '1037',
  TxnDate: '2024-03-01',
  CurrencyRef: { value: 'USD', name: 'United States Dollar' },
  PrivateNote: 'Telehealth follow-ups, February',
  LinkedTxn: [],
  Line: [
    {
      Id: '1',
      LineNum: 1,
      Description: 'Follow-up consultation',
      Amount: 362.07,
      DetailType: 'SalesItemLineDetail',
      SalesItemLineDetail: {
        ItemRef: { value: '1', name: 'Services' },
        Qty: 3,
        UnitPrice: 120.69,
        ServiceDate: '2024-02-20',
        TaxCodeRef: { value: 'NON' },
      },
    },
    { Amount: 362.07, DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} },
  ],
  TxnTaxDetail: { TotalTax: 0 },
  CustomerRef: { value: '3', name: 'Cool Cars' },
  CustomerMemo: { value: 'Thank you for your business.' },
  BillAddr: {
    Id: '4',
    Line1: '65 Ocean Dr.',
    City: 'Half Moon Bay',
    CountrySubDivisionCode: 'CA',
    PostalCode: '94213',
  },
  SalesTermRef: { value: '3' },
  DueDate: '2024-03-31',
  TotalAmt: 362.07,
  ApplyTaxAfterDiscount: false,
  PrintStatus: 'NeedToPrint',
  EmailStatus: 'NotSet',
  BillEmail: { Address: 'cool_cars@intuit.com' },
  Balance: 362.07,
  AllowOnlineCreditCardPayment: false,
  AllowOnlineACHPayment: false,
};

const customer = {
  Id: '58',
  SyncToken: '0',
  domain: 'QBO',
  sparse: false,
  MetaData: metaData,
  GivenName: 'Ada',
  FamilyName: 'Lovelace',
  FullyQualifiedName: 'Ada Lovelace',
  DisplayName: 'Ada Lovelace',
  PrintOnCheckName: 'Ada Lovelace',
  PrimaryEmailAddr: { Address: 'ada@example.com' },
  PrimaryPhone: { FreeFormNumber: '(555) 555-0100' },
  BillAddr: {
    Line1: '12 Analytical St',
    City: 'Mountain View',
    CountrySubDivisionCode: 'CA',
    PostalCode: '94043',
  },
  Job: false,
  BillWithParent: false,
  Taxable: false,
  Balance: 0,
  BalanceWithJobs: 0,
  CurrencyRef: { value: 'USD', name: 'United States Dollar' },
  PreferredDeliveryMethod: 'Print',
  Active: true,
};

const payment = {
  Id: '210',
  SyncToken: '0',
  domain: 'QBO',
  sparse: false,
  MetaData: metaData,
  TxnDate: '2024-03-05',
  CurrencyRef: { value: 'USD', name: 'United States Dollar' },
  CustomerRef: { value: '3', name: 'Cool Cars' },
  DepositToAccountRef: { value: '4' },
  PaymentMethodRef: { value: '2' },
  PaymentRefNum: '10264',
  TotalAmt: 362.07,
  UnappliedAmt: 0,
  ProcessPayment: false,
  Line: [
    {
      Amount: 362.07,
      LinkedTxn: [{ TxnId: '130', TxnType: 'Invoice' }],
      // The JAXB rendering of the xs:any wildcard that QBO returns on payment lines.
      LineEx: {
        any: [
          {
            name: '{http://schema.intuit.com/finance/v3}NameValue',
            declaredType: 'com.intuit.schema.finance.v3.NameValue',
            scope: 'javax.xml.bind.JAXBElement$GlobalScope',
            value: { Name: 'txnId', Value: '130' },
            nil: false,
            globalScope: true,
            typeSubstituted: false,
          },
        ],
      },
    },
  ],
};

const journalEntry = {
  Id: '227',
  SyncToken: '0',
  MetaData: metaData,
  TxnDate: '2024-03-31',
  DocNumber: 'ADJ-03',
  Adjustment: false,
  TotalAmt: 250,
  Line: [
    {
      Id: '0',
      Description: 'Accrued lab fees',
      Amount: 250,
      DetailType: 'JournalEntryLineDetail',
      JournalEntryLineDetail: {
        PostingType: 'Debit',
        AccountRef: { value: '39', name: 'Lab Fees' },
        Entity: { Type: 'Vendor', EntityRef: { value: '41', name: 'Quest Labs' } },
      },
    },
    {
      Id: '1',
      Amount: 250,
      DetailType: 'JournalEntryLineDetail',
      JournalEntryLineDetail: {
        PostingType: 'Credit',
        AccountRef: { value: '33', name: 'Accounts Payable' },
      },
    },
  ],
};

const attachable = {
  Id: '5000000000000010341',
  SyncToken: '0',
  domain: 'QBO',
  sparse: false,
  MetaData: metaData,
  FileName: 'receipt_nov15.jpg',
  ContentType: 'image/jpeg',
  Size: 1594261,
  Category: 'Image',
  FileAccessUri: '/v3/company/9130/download/5000000000000010341',
  TempDownloadUri: 'https://intuit-qbo-prod-30.s3.amazonaws.com/9130/attachments/receipt_nov15.jpg',
  AttachableRef: [{ EntityRef: { type: 'Invoice', value: '130' }, IncludeOnSend: false }],
  Note: 'Scanned receipt',
};

const billPayment = {
  Id: '309',
  SyncToken: '0',
  domain: 'QBO',
  sparse: false,
  MetaData: metaData,
  TxnDate: '2024-03-10',
  DocNumber: '1045',
  VendorRef: { value: '41', name: 'Quest Labs' },
  PayType: 'Check',
  CheckPayment: { BankAccountRef: { value: '35', name: 'Checking' }, PrintStatus: 'NeedToPrint' },
  TotalAmt: 250,
  CurrencyRef: { value: 'USD', name: 'United States Dollar' },
  Line: [{ Amount: 250, LinkedTxn: [{ TxnId: '234', TxnType: 'Bill' }] }],
};

const purchase = {
  Id: '252',
  SyncToken: '0',
  MetaData: metaData,
  TxnDate: '2024-03-12',
  PaymentType: 'CreditCard',
  AccountRef: { value: '42', name: 'Visa' },
  EntityRef: { value: '41', name: 'Quest Labs', type: 'Vendor' },
  Credit: false,
  TotalAmt: 80,
  PurchaseEx: { any: [] },
  Line: [
    {
      Id: '1',
      Amount: 80,
      DetailType: 'AccountBasedExpenseLineDetail',
      AccountBasedExpenseLineDetail: {
        AccountRef: { value: '13', name: 'Meals and Entertainment' },
        BillableStatus: 'NotBillable',
        TaxCodeRef: { value: 'NON' },
      },
    },
  ],
};

const creditMemo = {
  Id: '73',
  SyncToken: '0',
  MetaData: metaData,
  TxnDate: '2024-03-14',
  DocNumber: '1026',
  CustomerRef: { value: '3', name: 'Cool Cars' },
  Line: [
    {
      Id: '1',
      LineNum: 1,
      Amount: 50,
      DetailType: 'SalesItemLineDetail',
      SalesItemLineDetail: { ItemRef: { value: '1', name: 'Services' }, Qty: 1, UnitPrice: 50 },
    },
  ],
  TotalAmt: 50,
  RemainingCredit: 50,
  Balance: 50,
};

const bill = {
  Id: '234',
  SyncToken: '0',
  MetaData: metaData,
  TxnDate: '2024-03-01',
  DueDate: '2024-03-31',
  VendorRef: { value: '41', name: 'Quest Labs' },
  APAccountRef: { value: '33', name: 'Accounts Payable (A/P)' },
  SalesTermRef: { value: '3' },
  TotalAmt: 250,
  Balance: 250,
  Line: [
    {
      Id: '1',
      Amount: 250,
      DetailType: 'AccountBasedExpenseLineDetail',
      AccountBasedExpenseLineDetail: {
        AccountRef: { value: '39', name: 'Lab Fees' },
        BillableStatus: 'NotBillable',
      },
    },
  ],
};

const vendor = {
  Id: '41',
  SyncToken: '0',
  MetaData: metaData,
  DisplayName: 'Quest Labs',
  CompanyName: 'Quest Labs Inc.',
  PrintOnCheckName: 'Quest Labs Inc.',
  PrimaryEmailAddr: { Address: 'ap@questlabs.example' },
  PrimaryPhone: { FreeFormNumber: '(555) 555-0199' },
  WebAddr: { URI: 'https://questlabs.example' },
  BillAddr: { Line1: '500 Lab Way', City: 'San Jose', CountrySubDivisionCode: 'CA', PostalCode: '95110' },
  TermRef: { value: '3' },
  AcctNum: 'QL-0042',
  Vendor1099: false,
  Balance: 250,
  CurrencyRef: { value: 'USD', name: 'United States Dollar' },
  Active: true,
};

const account = {
  Id: '39',
  SyncToken: '0',
  MetaData: metaData,
  Name: 'Lab Fees',
  SubAccount: false,
  FullyQualifiedName: 'Lab Fees',
  Classification: 'Expense',
  AccountType: 'Expense',
  AccountSubType: 'OtherMiscellaneousServiceCost',
  AcctNum: '6100',
  CurrentBalance: 0,
  CurrentBalanceWithSubAccounts: 0,
  CurrencyRef: { value: 'USD', name: 'United States Dollar' },
  Active: true,
};

const item = {
  Id: '1',
  SyncToken: '0',
  MetaData: metaData,
  Name: 'Services',
  Sku: 'SVC-001',
  Description: 'Clinical services',
  Active: true,
  FullyQualifiedName: 'Services',
  Taxable: false,
  UnitPrice: 120.69,
  Type: 'Service',
  IncomeAccountRef: { value: '1', name: 'Services' },
  PurchaseCost: 0,
  TrackQtyOnHand: false,
};

const taxCode = {
  Id: '2',
  SyncToken: '0',
  MetaData: metaData,
  Name: 'California',
  Description: 'California sales tax',
  Active: true,
  Hidden: false,
  Taxable: true,
  TaxGroup: true,
  SalesTaxRateList: {
    TaxRateDetail: [
      { TaxRateRef: { value: '3', name: 'California' }, TaxTypeApplicable: 'TaxOnAmount', TaxOrder: 0 },
    ],
  },
  PurchaseTaxRateList: { TaxRateDetail: [] },
};

const taxRate = {
  Id: '3',
  SyncToken: '0',
  MetaData: metaData,
  Name: 'California',
  Description: 'Sales Tax',
  Active: true,
  RateValue: 8,
  AgencyRef: { value: '1' },
  SpecialTaxType: 'NONE',
  DisplayType: 'ReadOnly',
  EffectiveTaxRate: [{ RateValue: 8, EffectiveDate: '1970-01-01T00:00:00-08:00' }],
};

const companyInfo = {
  Id: '1',
  SyncToken: '4',
  domain: 'QBO',
  sparse: false,
  MetaData: metaData,
  CompanyName: 'Larry Clinic',
  LegalName: 'Larry Clinic LLC',
  CompanyAddr: {
    Id: '1',
    Line1: '123 Main Street',
    City: 'Mountain View',
    Country: 'US',
    PostalCode: '94042',
  },
  CustomerCommunicationAddr: {
    Id: '1',
    Line1: '123 Main Street',
    City: 'Mountain View',
    PostalCode: '94042',
  },
  LegalAddr: { Id: '1', Line1: '123 Main Street', City: 'Mountain View', PostalCode: '94042' },
  PrimaryPhone: {},
  CompanyStartDate: '2015-06-05',
  FiscalYearStartMonth: 'January',
  Country: 'US',
  Email: { Address: 'donotreply@intuit.com' },
  WebAddr: {},
  SupportedLanguages: 'en',
  NameValue: [{ Name: 'NeoEnabled', Value: 'true' }],
};

/** The realistic bodies, keyed by the complexType they are checked against. */
const validBodies: ReadonlyArray<readonly [string, unknown]> = [
  ['Invoice', invoice],
  ['Customer', customer],
  ['Payment', payment],
  ['JournalEntry', journalEntry],
  ['Attachable', attachable],
  ['BillPayment', billPayment],
  ['Purchase', purchase],
  ['CreditMemo', creditMemo],
  ['Bill', bill],
  ['Vendor', vendor],
  ['Account', account],
  ['Item', item],
  ['TaxCode', taxCode],
  ['TaxRate', taxRate],
  ['CompanyInfo', companyInfo],
];

describe.skipIf(!available)('QuickBooks XSD contract checker', () => {
  let xsd: QuickBooksXsd;
  // Parsing ~700 KB of XSD is the slow part, so every case shares one index.
  beforeAll(() => {
    xsd = loadQuickBooksXsd(sharedPath(...QUICKBOOKS_XSD_DIR_SEGMENTS));
  });

  it('indexes the entity types across all the included files', () => {
    for (const name of [
      'Invoice',
      'Customer',
      'Attachable',
      'IntuitEntity',
      'ReferenceType',
      'IntuitResponse',
    ]) {
      expect(xsd.hasType(name), name).toBe(true);
    }
    expect(xsd.hasType('NotARealEntity')).toBe(false);
  });

  it('follows complexContent extension up to IntuitEntity for Invoice', () => {
    const names = xsd.allowedNames('Invoice');
    const expected = [
      'Line',
      'CustomerRef',
      'TxnDate',
      'DocNumber',
      'Id',
      'SyncToken',
      'MetaData',
      'TotalAmt',
      'Balance',
      'PrivateNote',
      'CurrencyRef',
      'DueDate',
      'CustomField',
    ];
    for (const name of expected) expect(names.has(name), name).toBe(true);
  });

  it('treats domain, status and sparse as IntuitEntity attributes, not JSON-only extras', () => {
    expect([...xsd.allowedNames('IntuitEntity')]).toEqual(
      expect.arrayContaining(['domain', 'status', 'sparse']),
    );
    expect(Object.values(QUICKBOOKS_JSON_ONLY_KEYS)).not.toContain('sparse');
  });

  it('gives simpleContent types a JSON value key beside their attributes', () => {
    expect([...xsd.allowedNames('ReferenceType')].sort()).toEqual(['name', 'type', 'value']);
  });

  it('allows every Line detail element of the choice', () => {
    const line = xsd.allowedNames('Line');
    for (const detail of [
      'SalesItemLineDetail',
      'SubTotalLineDetail',
      'JournalEntryLineDetail',
      'AccountBasedExpenseLineDetail',
      'ItemBasedExpenseLineDetail',
      'DiscountLineDetail',
      'GroupLineDetail',
    ]) {
      expect(line.has(detail), detail).toBe(true);
    }
  });

  it.each(validBodies)('accepts a realistic %s body', (typeName, body) => {
    expect(xsd.check(typeName, body)).toEqual([]);
  });

  it('reports a misspelled root key with its path', () => {
    expect(xsd.check('Invoice', { ...invoice, TxnDat: '2024-03-01' })).toEqual([
      { path: 'Invoice.TxnDat', problem: expect.stringContaining('Invoice') },
    ]);
  });

  it('reports a misspelled key inside an array item and a nested complex type', () => {
    const bad = {
      Line: [
        { Amount: 1, DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} },
        {
          Amount: 10,
          DetailType: 'SalesItemLineDetail',
          SalesItemLineDetail: { ItemRef: { value: '1', nmae: 'Services' }, Quantity: 1 },
        },
      ],
    };
    expect(xsd.check('Invoice', bad).map((v) => v.path)).toEqual([
      'Invoice.Line[1].SalesItemLineDetail.ItemRef.nmae',
      'Invoice.Line[1].SalesItemLineDetail.Quantity',
    ]);
  });

  it('reports Line[0].SalesItemLineDetail.Quantity when Qty is misspelled on the first line', () => {
    const bad = { Line: [{ Amount: 1, SalesItemLineDetail: { Quantity: 1 } }] };
    expect(xsd.check('Invoice', bad)).toEqual([
      { path: 'Invoice.Line[0].SalesItemLineDetail.Quantity', problem: expect.any(String) },
    ]);
  });

  it('reports an object where the XSD has a simple type', () => {
    const violations = xsd.check('Invoice', {
      TxnDate: { date: '2024-03-01' },
      CustomerRef: { value: { id: '3' } },
    });
    expect(violations.map((v) => v.path)).toEqual(['Invoice.TxnDate', 'Invoice.CustomerRef.value']);
    expect(violations[0]?.problem).toMatch(/scalar/);
  });

  it('reports a scalar where the XSD has a complex type', () => {
    expect(xsd.check('Invoice', { CustomerRef: '3' })).toEqual([
      { path: 'Invoice.CustomerRef', problem: expect.stringContaining('ReferenceType') },
    ]);
  });

  it('reports a root that is not an object', () => {
    expect(xsd.check('Customer', [customer])).toHaveLength(1);
  });

  it('resolves element refs through the IntuitObject substitution group in response envelopes', () => {
    const response = {
      QueryResponse: { Invoice: [invoice], startPosition: 1, maxResults: 1 },
      time: '2024-03-02T11:04:10.123-08:00',
    };
    expect(xsd.check('IntuitResponse', response)).toEqual([]);
    expect(xsd.check('IntuitResponse', { QueryResponse: { IntuitObject: [] } })).toHaveLength(1);
  });

  it('refuses to check against a type the XSD does not define', () => {
    expect(() => xsd.check('Invoicee', {})).toThrow(/Invoicee/);
  });
});
