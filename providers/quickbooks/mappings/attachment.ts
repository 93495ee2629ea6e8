import { RECORD_METADATA } from './shared.js';

const ENTITY_IN = `{
  "Invoice": "invoice", "Bill": "bill", "Payment": "payment", "BillPayment": "payment",
  "Customer": "contact", "Vendor": "contact", "JournalEntry": "journal_entry", "Purchase": "expense",
  "CreditMemo": "credit_note"
}`;
const ENTITY_OUT = `{
  "invoice": "Invoice", "bill": "Bill", "payment": "Payment", "contact": "Customer",
  "journal_entry": "JournalEntry", "expense": "Purchase", "credit_note": "CreditMemo"
}`;

/** QuickBooks Attachable ↔ unified Attachment. Temporary download links are never mapped. */
export const attachmentMapping = {
  response: {
    ...RECORD_METADATA,
    fileName: 'FileName',
    contentType: 'ContentType',
    size: 'Size',
    entityType: `$lookup(${ENTITY_IN}, AttachableRef[0].EntityRef.type)`,
    entityId: 'AttachableRef[0].EntityRef.value',
    note: 'Note',
  },
  request: {
    FileName: 'fileName',
    ContentType: 'contentType',
    Note: 'note',
    AttachableRef: `entityId ? [{ "EntityRef": { "type": $lookup(${ENTITY_OUT}, entityType), "value": entityId } }]`,
  },
} as const;
