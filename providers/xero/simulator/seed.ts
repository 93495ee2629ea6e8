/**
 * The synthetic clinic every simulator starts with (or an empty organisation). All names, numbers and
 * addresses are obviously fake: patients are "Test Patient … (SYNTHETIC)", companies "(SIMULATED)", emails
 * end in `.test`, phone numbers use the 555-01xx fiction range. Records go in through the same rules as API
 * writes, so the seed is as consistent as data the SDK writes.
 */
import { createAccount } from './accounts.js';
import { createBankTransaction } from './bank-transactions.js';
import { createContact, updateContact } from './contacts.js';
import { createDocument, updateDocument } from './documents.js';
import { createItem } from './items.js';
import { createJournal } from './journals.js';
import { createPayment } from './payments.js';
import { type OrganisationState, putRecord, type WriteContext, type XeroRecord } from './state.js';
import { msInstant } from './time.js';

/** Starting data: the synthetic clinic, or an organisation with only its chart of accounts and tax rates. */
export type XeroSeed = 'clinic' | 'empty';

/** The clinic's name, as `GET /Organisation` reports it. */
export const CLINIC_ORGANISATION_NAME = 'Maple Street Family Clinic (SIMULATED)';

function taxRate(
  name: string,
  taxType: string,
  rate: number,
  status = 'ACTIVE',
  reportTaxType = 'NONE',
): XeroRecord {
  return {
    Name: name,
    TaxType: taxType,
    ReportTaxType: reportTaxType,
    CanApplyToAssets: true,
    CanApplyToEquity: true,
    CanApplyToExpenses: true,
    CanApplyToLiabilities: true,
    CanApplyToRevenue: true,
    DisplayTaxRate: rate,
    EffectiveRate: rate,
    Status: status,
    TaxComponents: [{ Name: name, Rate: rate, IsCompound: false, IsNonRecoverable: false }],
  };
}

function person(first: string, last: string, index: number): XeroRecord {
  const handle = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '');
  return {
    Name: `${first} ${last} (SYNTHETIC)`,
    FirstName: first,
    LastName: `${last} (SYNTHETIC)`,
    EmailAddress: `${handle}@example.test`,
    Phones: [
      { PhoneType: 'DEFAULT', PhoneNumber: `555-01${String(index).padStart(2, '0')}`, PhoneAreaCode: '217' },
    ],
    Addresses: [
      {
        AddressType: 'POBOX',
        AddressLine1: `${100 + index} Synthetic Lane`,
        City: 'Springfield',
        Region: 'IL',
        PostalCode: '62701',
        Country: 'USA',
      },
    ],
  };
}

/** Loads the seed into an empty state. */
export function seedOrganisation(
  state: OrganisationState,
  tenantId: string,
  seed: XeroSeed,
  now: number,
): void {
  const context: WriteContext = { now, unitdp: 4 };
  state.currencies = ['USD', 'CAD'];
  state.organisation = {
    APIKey: 'SIMULATEDAPIKEY0000000000000000',
    Name: CLINIC_ORGANISATION_NAME,
    LegalName: 'Maple Street Family Clinic (SIMULATED) LLC',
    PaysTax: true,
    Version: 'US',
    OrganisationType: 'COMPANY',
    BaseCurrency: 'USD',
    CountryCode: 'US',
    IsDemoCompany: false,
    OrganisationStatus: 'ACTIVE',
    TaxNumber: '00-0000000',
    FinancialYearEndDay: 31,
    FinancialYearEndMonth: 12,
    SalesTaxBasis: 'ACCRUAL',
    SalesTaxPeriod: 'QUARTERLY',
    DefaultSalesTax: 'Tax Exclusive',
    DefaultPurchasesTax: 'Tax Exclusive',
    CreatedDateUTC: msInstant(now),
    OrganisationEntityType: 'COMPANY',
    Timezone: 'EASTERNSTANDARDTIME',
    ShortCode: '!SIM42',
    OrganisationID: tenantId,
    Edition: 'BUSINESS',
    Class: 'STANDARD',
    Addresses: [
      {
        AddressType: 'POBOX',
        AddressLine1: '100 Maple Street (SIMULATED)',
        City: 'Springfield',
        Region: 'IL',
        PostalCode: '62701',
        Country: 'USA',
      },
    ],
    Phones: [{ PhoneType: 'OFFICE', PhoneNumber: '555-0100', PhoneAreaCode: '217' }],
    ExternalLinks: [],
    PaymentTerms: {},
  };
  for (const rate of [
    taxRate('Tax Exempt', 'NONE', 0),
    taxRate('Sales Tax (8.875%)', 'TAX001', 8.875, 'ACTIVE', 'USSALESTAX'),
    taxRate('Tax on Purchases', 'INPUT', 0, 'ACTIVE', 'INPUT'),
    taxRate('County Tax (retired)', 'TAX002', 1, 'ARCHIVED', 'USSALESTAX'),
  ]) {
    putRecord(state, 'TaxRate', rate);
  }
  const account = (fields: XeroRecord) => createAccount(state, fields, context, true);
  const bank = account({
    Code: '090',
    Name: 'Business Checking (SIMULATED)',
    Type: 'BANK',
    BankAccountNumber: '000111222',
    BankAccountType: 'BANK',
  });
  const card = account({
    Code: '091',
    Name: 'Clinic Card (SIMULATED)',
    Type: 'BANK',
    BankAccountNumber: '000333444',
    BankAccountType: 'CREDITCARD',
  });
  account({ Code: '120', Name: 'Accounts Receivable', Type: 'CURRENT', SystemAccount: 'DEBTORS' });
  const services = account({
    Code: '200',
    Name: 'Patient Service Revenue',
    Type: 'REVENUE',
    TaxType: 'NONE',
  });
  const lab = account({ Code: '210', Name: 'Laboratory Revenue', Type: 'REVENUE', TaxType: 'NONE' });
  account({ Code: '400', Name: 'Medical Supplies', Type: 'EXPENSE', TaxType: 'INPUT' });
  const labFees = account({ Code: '410', Name: 'Reference Lab Fees', Type: 'EXPENSE', TaxType: 'INPUT' });
  account({ Code: '420', Name: 'Rent', Type: 'OVERHEADS', TaxType: 'INPUT' });
  const payable = account({
    Code: '800',
    Name: 'Accounts Payable',
    Type: 'CURRLIAB',
    SystemAccount: 'CREDITORS',
  });
  account({ Code: '820', Name: 'Sales Tax Payable', Type: 'CURRLIAB' });
  account({ Code: '960', Name: 'Retained Earnings', Type: 'EQUITY', SystemAccount: 'RETAINEDEARNINGS' });
  account({ Code: '710', Name: 'Old X-Ray Equipment', Type: 'FIXED', Status: 'ARCHIVED' });
  if (seed === 'empty') return;

  const item = (code: string, name: string, sales: XeroRecord | undefined, purchases?: XeroRecord) =>
    createItem(
      state,
      { Code: code, Name: name, Description: name, SalesDetails: sales, PurchaseDetails: purchases },
      context,
    );
  item('99213', 'Office Visit, Level 3', { UnitPrice: 125, AccountCode: '200', TaxType: 'NONE' });
  item('99214', 'Office Visit, Level 4', { UnitPrice: 175, AccountCode: '200', TaxType: 'NONE' });
  item('80053', 'Metabolic Panel', { UnitPrice: 45, AccountCode: '210', TaxType: 'NONE' });
  item('TELE-01', 'Telehealth Visit', { UnitPrice: 95, AccountCode: '200', TaxType: 'NONE' });
  item('SUP-GLOVES', 'Exam Gloves (box)', undefined, {
    UnitPrice: 19.99,
    AccountCode: '400',
    TaxType: 'INPUT',
  });

  const contact = (fields: XeroRecord) => createContact(state, fields, context);
  const alpha = contact(person('Test Patient', 'Alpha', 1));
  const bravo = contact(person('Test Patient', 'Bravo', 2));
  const charlie = contact(person('Test Patient', 'Charlie', 3));
  const plan = contact({
    Name: 'Synthetic Health Plan (SIMULATED)',
    EmailAddress: 'claims@health-plan.example.test',
  });
  const refLab = contact({
    Name: 'Synthetic Reference Lab LLC (SIMULATED)',
    EmailAddress: 'billing@ref-lab.example.test',
  });
  const supply = contact({ Name: 'Synthetic Medical Supply Co (SIMULATED)' });
  contact(person('Test Patient', 'Delta', 4));
  const echo = contact(person('Test Patient', 'Echo', 5));
  updateContact(state, echo, { ContactStatus: 'ARCHIVED' }, context);

  const sale = (
    contactId: unknown,
    date: string,
    lines: XeroRecord[],
    status = 'AUTHORISED',
    extra: XeroRecord = {},
  ) =>
    createDocument(
      state,
      'Invoice',
      {
        Type: 'ACCREC',
        Contact: { ContactID: contactId },
        Date: date,
        DueDate: date,
        Status: status,
        LineItems: lines,
        ...extra,
      },
      context,
    );
  const visit = (code: string, quantity = 1) => ({ ItemCode: code, Quantity: quantity });
  const alphaInvoice = sale(alpha.ContactID, '2026-02-02', [visit('99213'), visit('80053')], 'AUTHORISED', {
    DueDate: '2026-03-04',
    Reference: 'Statement Feb (SYNTHETIC)',
  });
  const bravoInvoice = sale(bravo.ContactID, '2026-02-10', [visit('TELE-01')]);
  sale(charlie.ContactID, '2026-03-01', [visit('99214')], 'DRAFT');
  sale(plan.ContactID, '2026-03-05', [visit('99213', 3)], 'AUTHORISED', { DueDate: '2026-04-04' });
  const voided = sale(alpha.ContactID, '2026-02-03', [visit('80053')]);
  updateDocument(state, 'Invoice', voided, { Status: 'VOIDED' }, context);

  const bill = (contactId: unknown, date: string, number: string, lines: XeroRecord[]) =>
    createDocument(
      state,
      'Invoice',
      {
        Type: 'ACCPAY',
        Contact: { ContactID: contactId },
        Date: date,
        DueDate: date,
        InvoiceNumber: number,
        Status: 'AUTHORISED',
        LineItems: lines,
      },
      context,
    );
  bill(refLab.ContactID, '2026-02-15', 'RL-1001', [
    {
      Description: 'Reference lab panels, February (SYNTHETIC)',
      LineAmount: 410.25,
      AccountCode: labFees.Code,
    },
  ]);
  const supplies = bill(supply.ContactID, '2026-02-20', 'MS-2001', [{ ItemCode: 'SUP-GLOVES', Quantity: 5 }]);

  const pay = (document: XeroRecord, amount: number, date: string, reference: string) =>
    createPayment(
      state,
      {
        Invoice: { InvoiceID: document.InvoiceID },
        Account: { AccountID: bank.AccountID },
        Amount: amount,
        Date: date,
        Reference: reference,
      },
      context,
    );
  pay(alphaInvoice, 70, '2026-02-20', 'CHK-1001');
  pay(bravoInvoice, 95, '2026-02-12', 'CARD-2002');
  pay(supplies, 99.95, '2026-02-25', 'ACH-3003');

  createDocument(
    state,
    'CreditNote',
    {
      Type: 'ACCRECCREDIT',
      Contact: { ContactID: alpha.ContactID },
      Date: '2026-03-10',
      Status: 'AUTHORISED',
      LineItems: [{ Description: 'Courtesy credit (SYNTHETIC)', LineAmount: 20, AccountCode: services.Code }],
    },
    context,
  );
  createJournal(
    state,
    {
      Narration: 'Accrued reference lab fees (SYNTHETIC)',
      Date: '2026-03-31',
      Status: 'POSTED',
      JournalLines: [
        { LineAmount: 250, AccountCode: labFees.Code, Description: 'Accrued reference lab fees (SYNTHETIC)' },
        {
          LineAmount: -250,
          AccountCode: payable.Code,
          Description: 'Accrued reference lab fees (SYNTHETIC)',
        },
      ],
    },
    context,
  );
  createBankTransaction(
    state,
    {
      Type: 'SPEND',
      Contact: { ContactID: supply.ContactID },
      BankAccount: { AccountID: card.AccountID },
      Date: '2026-03-03',
      Reference: 'CARD-4004',
      LineAmountTypes: 'NoTax',
      LineItems: [
        { Description: 'Exam gloves (SYNTHETIC)', Quantity: 1, UnitAmount: 19.99, AccountCode: '400' },
      ],
    },
    context,
  );
  createBankTransaction(
    state,
    {
      Type: 'RECEIVE',
      Contact: { ContactID: plan.ContactID },
      BankAccount: { AccountID: bank.AccountID },
      Date: '2026-03-06',
      LineAmountTypes: 'NoTax',
      LineItems: [
        { Description: 'Capitation (SYNTHETIC)', Quantity: 1, UnitAmount: 50, AccountCode: lab.Code },
      ],
    },
    context,
  );
}
