/**
 * Contacts: one list for customers and suppliers. `IsCustomer` and `IsSupplier` cannot be written; they turn
 * true when a sales or purchase document is raised against the contact. Names are unique among active
 * contacts, and the refusal echoes the name, as Xero's does.
 */
import { Problems } from './errors.js';
import {
  allRecords,
  isObject,
  type OrganisationState,
  putRecord,
  textOf,
  type WriteContext,
  type XeroRecord,
} from './state.js';
import { msDateTime } from './time.js';

const ADDRESS_TYPES = ['STREET', 'POBOX'] as const;
const PHONE_TYPES = ['DEFAULT', 'DDI', 'FAX', 'MOBILE'] as const;
const ADDRESS_FIELDS = [
  'AddressLine1',
  'AddressLine2',
  'AddressLine3',
  'AddressLine4',
  'City',
  'Region',
  'PostalCode',
  'Country',
  'AttentionTo',
] as const;
const WRITABLE = [
  'Name',
  'FirstName',
  'LastName',
  'EmailAddress',
  'ContactNumber',
  'AccountNumber',
  'TaxNumber',
  'BankAccountDetails',
  'DefaultCurrency',
  'ContactStatus',
] as const;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function emptyAddress(type: string): XeroRecord {
  return { AddressType: type, City: '', Region: '', PostalCode: '', Country: '', AttentionTo: '' };
}

function emptyPhone(type: string): XeroRecord {
  return { PhoneType: type, PhoneNumber: '', PhoneAreaCode: '', PhoneCountryCode: '' };
}

/** Xero keeps one address per type and one phone per type; a write changes the types it names. */
function mergeByType(
  existing: readonly XeroRecord[],
  incoming: unknown,
  typeField: string,
  types: readonly string[],
  empty: (type: string) => XeroRecord,
  fields: readonly string[],
): XeroRecord[] {
  const byType = new Map(
    types.map((type) => [type, existing.find((entry) => entry[typeField] === type) ?? empty(type)]),
  );
  if (Array.isArray(incoming)) {
    for (const entry of incoming) {
      if (!isObject(entry) || typeof entry[typeField] !== 'string' || !byType.has(entry[typeField] as string))
        continue;
      const type = entry[typeField] as string;
      const merged: XeroRecord = { ...empty(type) };
      for (const field of fields) if (typeof entry[field] === 'string') merged[field] = entry[field];
      byType.set(type, merged);
    }
  }
  return types.map((type) => byType.get(type) ?? empty(type));
}

/** An active contact with this name (any case), other than `selfId`. */
export function activeContactNamed(
  state: OrganisationState,
  name: string,
  selfId?: string,
): XeroRecord | undefined {
  const wanted = name.trim().toLowerCase();
  return allRecords(state, 'Contact').find(
    (contact) =>
      contact.ContactID !== selfId &&
      contact.ContactStatus === 'ACTIVE' &&
      String(contact.Name).trim().toLowerCase() === wanted,
  );
}

function validate(
  state: OrganisationState,
  fields: XeroRecord,
  selfId: string | undefined,
  problems: Problems,
): void {
  const name = textOf(fields.Name);
  if (!name) problems.add('The contact name must be specified.');
  else if (name.length > 255) problems.add('The contact name must not exceed 255 characters.');
  else if (fields.ContactStatus !== 'ARCHIVED' && activeContactNamed(state, name, selfId)) {
    problems.add(
      `The contact name ${name} is already assigned to another contact. The contact name must be unique across all active contacts.`,
    );
  }
  const email = textOf(fields.EmailAddress);
  if (email && !EMAIL.test(email)) problems.add(`Email address ${email} must be valid.`);
  if (
    fields.ContactStatus !== undefined &&
    fields.ContactStatus !== 'ACTIVE' &&
    fields.ContactStatus !== 'ARCHIVED'
  ) {
    problems.add('Contact status can only be ACTIVE or ARCHIVED.');
  }
  if (fields.DefaultCurrency !== undefined && !state.currencies.includes(String(fields.DefaultCurrency))) {
    problems.add(`The currency ${String(fields.DefaultCurrency)} is not enabled for this organisation.`);
  }
}

function writable(input: XeroRecord): XeroRecord {
  return Object.fromEntries(
    WRITABLE.filter((key) => input[key] !== undefined).map((key) => [key, input[key]]),
  );
}

export function createContact(
  state: OrganisationState,
  input: XeroRecord,
  context: WriteContext,
): XeroRecord {
  const fields = writable(input);
  const problems = new Problems();
  validate(state, fields, undefined, problems);
  problems.check();
  const record: XeroRecord = {
    ContactID: state.ids.next(),
    ContactStatus: fields.ContactStatus ?? 'ACTIVE',
    ...fields,
    Name: textOf(fields.Name),
    BankAccountDetails: fields.BankAccountDetails ?? '',
    Addresses: mergeByType([], input.Addresses, 'AddressType', ADDRESS_TYPES, emptyAddress, ADDRESS_FIELDS),
    Phones: mergeByType([], input.Phones, 'PhoneType', PHONE_TYPES, emptyPhone, [
      'PhoneNumber',
      'PhoneAreaCode',
      'PhoneCountryCode',
    ]),
    UpdatedDateUTC: msDateTime(context.now),
    ContactGroups: [],
    IsSupplier: false,
    IsCustomer: false,
    SalesTrackingCategories: [],
    PurchasesTrackingCategories: [],
    ContactPersons: [],
    HasValidationErrors: false,
    HasAttachments: false,
  };
  putRecord(state, 'Contact', record);
  return record;
}

export function updateContact(
  state: OrganisationState,
  existing: XeroRecord,
  input: XeroRecord,
  context: WriteContext,
): XeroRecord {
  const fields = { ...existing, ...writable(input) };
  const problems = new Problems();
  validate(state, fields, String(existing.ContactID), problems);
  problems.check();
  const record: XeroRecord = {
    ...fields,
    Name: textOf(fields.Name),
    Addresses: mergeByType(
      existing.Addresses as XeroRecord[],
      input.Addresses,
      'AddressType',
      ADDRESS_TYPES,
      emptyAddress,
      ADDRESS_FIELDS,
    ),
    Phones: mergeByType(existing.Phones as XeroRecord[], input.Phones, 'PhoneType', PHONE_TYPES, emptyPhone, [
      'PhoneNumber',
      'PhoneAreaCode',
      'PhoneCountryCode',
    ]),
    UpdatedDateUTC: msDateTime(context.now),
  };
  putRecord(state, 'Contact', record);
  return record;
}

/** Raising a sales or purchase document marks the contact a customer or a supplier. */
export function markContactRole(contact: XeroRecord, role: 'customer' | 'supplier', now: number): void {
  const field = role === 'customer' ? 'IsCustomer' : 'IsSupplier';
  if (contact[field] === true) return;
  contact[field] = true;
  contact.UpdatedDateUTC = msDateTime(now);
}

/** The short form of a contact that documents embed. */
export function contactSummary(contact: XeroRecord | undefined, id: unknown): XeroRecord {
  if (!contact) return { ContactID: id, HasValidationErrors: false };
  return {
    ContactID: contact.ContactID,
    ContactStatus: contact.ContactStatus,
    Name: contact.Name,
    ...(contact.FirstName !== undefined ? { FirstName: contact.FirstName } : {}),
    ...(contact.LastName !== undefined ? { LastName: contact.LastName } : {}),
    ...(contact.EmailAddress !== undefined ? { EmailAddress: contact.EmailAddress } : {}),
    HasValidationErrors: false,
  };
}
