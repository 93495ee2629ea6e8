/**
 * The 'clinic' seed: a small, obviously synthetic family clinic with a chart of accounts, service items,
 * patients, suppliers and a few months of 2026 activity (open, partly paid and paid invoices, bills, a
 * payment, a bill payment, a journal entry, a card purchase and a credit memo). Every name says SYNTHETIC or
 * SIMULATED, emails use the reserved `example.test` domain and phone numbers the fictional 555-01xx range.
 *
 * Records go through the same create path as API writes, so totals, balances and ids are computed, not
 * hand-written, and ids come out in the order below.
 */
import { toAmount, toCents } from './cents.js';
import type { QuickBooksEntityName, QuickBooksRecord } from './entities.js';
import { createRecord } from './operations.js';
import type { CompanyTables } from './store.js';

/** Which data a simulator starts with. */
export type QuickBooksSeed = 'clinic' | 'empty';

/** The clinic's display name, for tests that check the seed loaded. */
export const CLINIC_COMPANY_NAME = 'Maple Street Family Clinic (SIMULATED)';

/** 09:00 Pacific standard time on a 2026 date, so MetaData times are fixed and plausible. */
function at(date: string): number {
  return Date.parse(`${date}T17:00:00Z`);
}

const ref = (record: QuickBooksRecord) => ({ value: String(record.Id) });

type Create = (
  entity: QuickBooksEntityName,
  record: QuickBooksRecord,
  date: string,
  id?: string,
) => QuickBooksRecord;

function seedCompanyInfo(create: Create, realmId: string): void {
  const address = {
    Id: '1',
    Line1: '100 Maple Street (SIMULATED)',
    City: 'Springfield',
    CountrySubDivisionCode: 'IL',
    PostalCode: '62701',
    Country: 'US',
  };
  create(
    'CompanyInfo',
    {
      CompanyName: CLINIC_COMPANY_NAME,
      LegalName: 'Maple Street Family Clinic LLC (SIMULATED)',
      CompanyAddr: address,
      CustomerCommunicationAddr: address,
      LegalAddr: address,
      PrimaryPhone: { FreeFormNumber: '(555) 010-0100' },
      CompanyStartDate: '2026-01-01',
      FiscalYearStartMonth: 'January',
      Country: 'US',
      Email: { Address: 'billing@maple-street-clinic.example.test' },
      WebAddr: { URI: 'https://maple-street-clinic.example.test' },
      SupportedLanguages: 'en',
      NameValue: [
        { Name: 'IsSimulated', Value: 'true' },
        { Name: 'SimulatedRealmId', Value: realmId },
      ],
    },
    '2026-01-01',
    '1',
  );
}

function seedAccounts(create: Create) {
  const account = (Name: string, AccountType: string, AccountSubType: string, AcctNum: string) =>
    create('Account', { Name, AccountType, AccountSubType, AcctNum }, '2026-01-01');
  return {
    checking: account('Checking', 'Bank', 'Checking', '1000'),
    undeposited: account('Undeposited Funds', 'Other Current Asset', 'UndepositedFunds', '1200'),
    receivable: account('Accounts Receivable (A/R)', 'Accounts Receivable', 'AccountsReceivable', '1100'),
    payable: account('Accounts Payable (A/P)', 'Accounts Payable', 'AccountsPayable', '2000'),
    creditCard: account('Clinic Credit Card', 'Credit Card', 'CreditCard', '2100'),
    salesTax: account('Sales Tax Payable', 'Other Current Liability', 'SalesTaxPayable', '2200'),
    revenue: account('Patient Services Revenue', 'Income', 'ServiceFeeIncome', '4000'),
    supplies: account('Medical Supplies', 'Cost of Goods Sold', 'SuppliesMaterialsCogs', '5000'),
    rent: account('Rent Expense', 'Expense', 'RentOrLeaseOfBuildings', '6100'),
    labFees: account('Laboratory Fees', 'Expense', 'OtherMiscellaneousServiceCost', '6200'),
  };
}

/** QBO US exposes the line-level pseudo codes TAX and NON next to the real rate codes. */
function seedLineTaxCodes(create: Create): void {
  const pseudo = (Id: string, Taxable: boolean) =>
    create(
      'TaxCode',
      { Name: Id, Description: Id, Active: true, Hidden: false, Taxable, TaxGroup: false },
      '2026-01-01',
      Id,
    );
  pseudo('TAX', true);
  pseudo('NON', false);
}

function seedTaxes(create: Create) {
  const rate = create(
    'TaxRate',
    {
      Name: 'Springfield County Sales Tax (SIMULATED)',
      Description: 'Sales Tax',
      Active: true,
      RateValue: 6.25,
      AgencyRef: { value: '1' },
      SpecialTaxType: 'NONE',
      DisplayType: 'ReadOnly',
      EffectiveTaxRate: [{ RateValue: 6.25, EffectiveDate: '2026-01-01T00:00:00-08:00' }],
    },
    '2026-01-01',
  );
  const county = create(
    'TaxCode',
    {
      Name: 'Springfield County (SIMULATED)',
      Description: 'Springfield County sales tax',
      Active: true,
      Hidden: false,
      Taxable: true,
      TaxGroup: true,
      SalesTaxRateList: {
        TaxRateDetail: [
          { TaxRateRef: { value: String(rate.Id) }, TaxTypeApplicable: 'TaxOnAmount', TaxOrder: 0 },
        ],
      },
      PurchaseTaxRateList: { TaxRateDetail: [] },
    },
    '2026-01-01',
  );
  return { county };
}

function seedItems(create: Create, accounts: ReturnType<typeof seedAccounts>) {
  const service = (Name: string, Description: string, UnitPrice: number) =>
    create(
      'Item',
      {
        Name,
        Description,
        UnitPrice,
        Type: 'Service',
        Taxable: false,
        IncomeAccountRef: ref(accounts.revenue),
      },
      '2026-01-02',
    );
  return {
    visit99213: service('Office Visit 99213 (SYNTHETIC)', 'Established patient visit, low complexity', 125),
    visit99214: service(
      'Office Visit 99214 (SYNTHETIC)',
      'Established patient visit, moderate complexity',
      185,
    ),
    labPanel: service('Lab Panel 80053 (SYNTHETIC)', 'Comprehensive metabolic panel', 48.5),
    fluVaccine: service('Flu Vaccine 90686 (SYNTHETIC)', 'Influenza vaccine, quadrivalent', 32.75),
    stockings: create(
      'Item',
      {
        Name: 'Compression Stockings (SYNTHETIC)',
        Description: 'Retail compression stockings (taxable)',
        UnitPrice: 24.99,
        Type: 'NonInventory',
        Taxable: true,
        IncomeAccountRef: ref(accounts.revenue),
        ExpenseAccountRef: ref(accounts.supplies),
      },
      '2026-01-02',
    ),
  };
}

const PATIENTS = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot', 'Golf'] as const;
type Patient = (typeof PATIENTS)[number];

function seedCustomers(create: Create): Map<Patient, QuickBooksRecord> {
  const patients = new Map<Patient, QuickBooksRecord>();
  PATIENTS.forEach((code, index) => {
    const number = String(index + 1).padStart(2, '0');
    const customer = create(
      'Customer',
      {
        GivenName: 'Test Patient',
        FamilyName: code,
        DisplayName: `Test Patient ${code} (SYNTHETIC)`,
        PrimaryEmailAddr: { Address: `patient.${code.toLowerCase()}@example.test` },
        PrimaryPhone: { FreeFormNumber: `(555) 010-01${number}` },
        BillAddr: {
          Line1: `${index + 1}0 Synthetic Lane (SIMULATED)`,
          City: 'Springfield',
          CountrySubDivisionCode: 'IL',
          PostalCode: '62701',
          Country: 'US',
        },
        Notes: 'SYNTHETIC test patient; not a real person.',
      },
      '2026-01-03',
    );
    patients.set(code, customer);
  });
  return patients;
}

function seedVendors(create: Create) {
  const vendor = (DisplayName: string, email: string, phone: string, AcctNum: string) =>
    create(
      'Vendor',
      {
        DisplayName,
        CompanyName: DisplayName,
        PrimaryEmailAddr: { Address: email },
        PrimaryPhone: { FreeFormNumber: phone },
        BillAddr: {
          Line1: '500 Supply Road (SIMULATED)',
          City: 'Springfield',
          CountrySubDivisionCode: 'IL',
          PostalCode: '62702',
        },
        AcctNum,
      },
      '2026-01-03',
    );
  return {
    supplies: vendor(
      'Synthetic Medical Supply Co',
      'orders@synthetic-supply.example.test',
      '(555) 010-0190',
      'SMS-001',
    ),
    lab: vendor(
      'Placeholder Reference Lab (SYNTHETIC)',
      'billing@placeholder-lab.example.test',
      '(555) 010-0191',
      'PRL-002',
    ),
    landlord: vendor(
      'Example Property Management (SYNTHETIC)',
      'rent@example-property.example.test',
      '(555) 010-0192',
      'EPM-003',
    ),
  };
}

interface VisitLine {
  item: QuickBooksRecord;
  qty: number;
  what: string;
  serviceDate: string;
  taxable?: boolean;
}

function salesLine(patient: Patient, line: VisitLine): QuickBooksRecord {
  const unitPrice = line.item.UnitPrice;
  return {
    Description: `${line.what} — Test Patient ${patient}`,
    Amount: toAmount((toCents(unitPrice) ?? 0n) * BigInt(line.qty)),
    DetailType: 'SalesItemLineDetail',
    SalesItemLineDetail: {
      ItemRef: ref(line.item),
      Qty: line.qty,
      UnitPrice: unitPrice,
      ServiceDate: line.serviceDate,
      TaxCodeRef: { value: line.taxable === true ? 'TAX' : 'NON' },
    },
  };
}

/**
 * Loads a seed into empty tables. Even the 'empty' company has its CompanyInfo and the TAX/NON line codes,
 * because every QBO US company does.
 */
export function seedCompany(tables: CompanyTables, realmId: string, seed: QuickBooksSeed): void {
  const create: Create = (entity, record, date, id) => {
    const options =
      id === undefined ? { now: at(date), trusted: true } : { now: at(date), trusted: true, id };
    return createRecord(tables, entity, record, options);
  };
  seedCompanyInfo(create, realmId);
  seedLineTaxCodes(create);
  if (seed === 'clinic') seedClinic(create);
}

function seedClinic(create: Create): void {
  const accounts = seedAccounts(create);
  const taxes = seedTaxes(create);
  const items = seedItems(create, accounts);
  const patients = seedCustomers(create);
  const patient = (code: Patient) => ({ value: String(patients.get(code)?.Id) });
  const vendors = seedVendors(create);

  const invoice = (
    code: Patient,
    date: string,
    due: string,
    lines: VisitLine[],
    extra: QuickBooksRecord = {},
  ) =>
    create(
      'Invoice',
      {
        CustomerRef: patient(code),
        TxnDate: date,
        DueDate: due,
        Line: lines.map((line) => salesLine(code, line)),
        BillEmail: { Address: `patient.${code.toLowerCase()}@example.test` },
        CustomerMemo: { value: 'SYNTHETIC invoice for simulator tests.' },
        ...extra,
      },
      date,
    );

  const visit = (item: QuickBooksRecord, serviceDate: string, what = 'Office visit'): VisitLine => ({
    item,
    qty: 1,
    what,
    serviceDate,
  });
  const paidInFull = invoice('Alpha', '2026-01-12', '2026-02-11', [visit(items.visit99213, '2026-01-12')]);
  const partlyPaid = invoice('Alpha', '2026-02-09', '2026-03-11', [
    visit(items.visit99214, '2026-02-09'),
    { item: items.labPanel, qty: 1, what: 'Lab panel', serviceDate: '2026-02-09' },
  ]);
  invoice('Bravo', '2026-02-16', '2026-03-18', [
    visit(items.visit99213, '2026-02-16'),
    { item: items.fluVaccine, qty: 1, what: 'Flu vaccine', serviceDate: '2026-02-16' },
  ]);
  invoice(
    'Charlie',
    '2026-03-02',
    '2026-04-01',
    [
      visit(items.visit99214, '2026-03-02'),
      {
        item: items.stockings,
        qty: 2,
        what: 'Compression stockings',
        serviceDate: '2026-03-02',
        taxable: true,
      },
    ],
    { TxnTaxDetail: { TxnTaxCodeRef: ref(taxes.county) } },
  );
  invoice('Delta', '2026-01-20', '2026-02-19', [
    { item: items.labPanel, qty: 2, what: 'Lab panel', serviceDate: '2026-01-20' },
  ]);
  invoice('Foxtrot', '2026-03-09', '2026-04-08', [visit(items.visit99213, '2026-03-09')]);

  create(
    'Payment',
    {
      CustomerRef: patient('Alpha'),
      TxnDate: '2026-03-01',
      TotalAmt: 175,
      DepositToAccountRef: ref(accounts.undeposited),
      PaymentRefNum: 'SIM-CHK-1001',
      Line: [
        { Amount: 125, LinkedTxn: [{ TxnId: String(paidInFull.Id), TxnType: 'Invoice' }] },
        { Amount: 50, LinkedTxn: [{ TxnId: String(partlyPaid.Id), TxnType: 'Invoice' }] },
      ],
    },
    '2026-03-01',
  );

  create(
    'CreditMemo',
    {
      CustomerRef: patient('Echo'),
      TxnDate: '2026-02-20',
      Line: [
        salesLine('Echo', {
          item: items.labPanel,
          qty: 1,
          what: 'Lab panel refund',
          serviceDate: '2026-02-18',
        }),
      ],
      PrivateNote: 'SYNTHETIC courtesy credit',
    },
    '2026-02-20',
  );

  create(
    'Bill',
    {
      VendorRef: ref(vendors.supplies),
      APAccountRef: ref(accounts.payable),
      TxnDate: '2026-02-03',
      DueDate: '2026-03-05',
      DocNumber: 'SMS-INV-2201',
      Line: [
        {
          Description: 'Exam gloves and gauze (SYNTHETIC)',
          Amount: 412.35,
          DetailType: 'AccountBasedExpenseLineDetail',
          AccountBasedExpenseLineDetail: {
            AccountRef: ref(accounts.supplies),
            BillableStatus: 'NotBillable',
          },
        },
      ],
    },
    '2026-02-03',
  );
  const rentBill = create(
    'Bill',
    {
      VendorRef: ref(vendors.landlord),
      APAccountRef: ref(accounts.payable),
      TxnDate: '2026-03-01',
      DueDate: '2026-03-05',
      Line: [
        {
          Description: 'March clinic rent (SYNTHETIC)',
          Amount: 3200,
          DetailType: 'AccountBasedExpenseLineDetail',
          AccountBasedExpenseLineDetail: { AccountRef: ref(accounts.rent), BillableStatus: 'NotBillable' },
        },
      ],
    },
    '2026-03-01',
  );
  create(
    'BillPayment',
    {
      VendorRef: ref(vendors.landlord),
      PayType: 'Check',
      CheckPayment: { BankAccountRef: ref(accounts.checking), PrintStatus: 'NotSet' },
      TotalAmt: 3200,
      TxnDate: '2026-03-04',
      DocNumber: '5001',
      Line: [{ Amount: 3200, LinkedTxn: [{ TxnId: String(rentBill.Id), TxnType: 'Bill' }] }],
    },
    '2026-03-04',
  );

  create(
    'Purchase',
    {
      PaymentType: 'CreditCard',
      AccountRef: ref(accounts.creditCard),
      EntityRef: { ...ref(vendors.supplies), type: 'Vendor' },
      TxnDate: '2026-02-24',
      Line: [
        {
          Description: 'Sharps containers (SYNTHETIC)',
          Amount: 89.99,
          DetailType: 'AccountBasedExpenseLineDetail',
          AccountBasedExpenseLineDetail: {
            AccountRef: ref(accounts.supplies),
            BillableStatus: 'NotBillable',
          },
        },
      ],
    },
    '2026-02-24',
  );

  create(
    'JournalEntry',
    {
      TxnDate: '2026-03-31',
      DocNumber: 'ADJ-2026-03',
      PrivateNote: 'SYNTHETIC month-end accrual',
      Line: [
        {
          Description: 'Accrued reference lab fees (SYNTHETIC)',
          Amount: 250,
          DetailType: 'JournalEntryLineDetail',
          JournalEntryLineDetail: {
            PostingType: 'Debit',
            AccountRef: ref(accounts.labFees),
            Entity: { Type: 'Vendor', EntityRef: ref(vendors.lab) },
          },
        },
        {
          Description: 'Accrued reference lab fees (SYNTHETIC)',
          Amount: 250,
          DetailType: 'JournalEntryLineDetail',
          JournalEntryLineDetail: {
            PostingType: 'Credit',
            AccountRef: ref(accounts.payable),
            Entity: { Type: 'Vendor', EntityRef: ref(vendors.lab) },
          },
        },
      ],
    },
    '2026-03-31',
  );
}
