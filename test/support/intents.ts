/** Valid intents against the simulator's clinic seed, for executor tests to start from and mutate. */

export function paymentIntent(overrides: Record<string, unknown> = {}) {
  return {
    intent: 'record_payment',
    customerId: '1',
    date: '2026-03-10',
    amount: '20.00',
    currency: 'USD',
    depositAccountId: null,
    reference: null,
    memo: null,
    allocations: [{ invoiceId: '2', amount: '20.00' }],
    ...overrides,
  };
}

export function contactIntent(displayName: string, overrides: Record<string, unknown> = {}) {
  return {
    intent: 'create_contact',
    role: 'customer',
    displayName,
    givenName: null,
    familyName: null,
    companyName: null,
    email: null,
    phone: null,
    address: null,
    notes: null,
    currency: null,
    ...overrides,
  };
}

export function invoiceIntent(overrides: Record<string, unknown> = {}) {
  return {
    intent: 'create_invoice',
    customerId: '1',
    invoiceNumber: null,
    issueDate: '2026-03-10',
    dueDate: '2026-04-09',
    currency: 'USD',
    lines: [
      {
        description: 'Office visit',
        itemId: '1',
        accountId: null,
        quantity: '2',
        unitPrice: '62.50',
        amount: '125.00',
        taxRateId: null,
        serviceDate: '2026-03-10',
      },
    ],
    memo: null,
    customerMemo: null,
    ...overrides,
  };
}

export function journalIntent(debit: string, credit: string, overrides: Record<string, unknown> = {}) {
  return {
    intent: 'post_journal_entry',
    date: '2026-03-31',
    currency: 'USD',
    entryNumber: null,
    memo: null,
    lines: [
      { accountId: '8', side: 'debit', amount: debit, description: null, contactId: null },
      { accountId: '1', side: 'credit', amount: credit, description: null, contactId: null },
    ],
    ...overrides,
  };
}

/** Requests that change the ledger (everything but reads and queries). */
export function writeRequests<Request extends { method: string; path: string }>(
  requests: readonly Request[],
): Request[] {
  return requests.filter((request) => request.method === 'POST' && !request.path.endsWith('/query'));
}
