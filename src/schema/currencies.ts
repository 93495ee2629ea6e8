import { z } from 'zod';

/**
 * ISO 4217 codes whose minor unit is not 2, checked against the ISO 4217 list as amended through 2025
 * (SIX Group, maintenance agency). Every other code, including the non-currency "N.A." codes such as XAU
 * and XDR, falls back to 2: those have no minor unit, and 2 keeps them usable rather than throwing.
 */
const EXCEPTION_CODES: ReadonlyArray<readonly [scale: number, codes: readonly string[]]> = [
  [
    0,
    [
      'BIF',
      'CLP',
      'DJF',
      'GNF',
      'ISK',
      'JPY',
      'KMF',
      'KRW',
      'PYG',
      'RWF',
      'UGX',
      'UYI',
      'VND',
      'VUV',
      'XAF',
      'XOF',
      'XPF',
    ],
  ],
  [3, ['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND']],
  [4, ['CLF', 'UYW']],
];

const EXCEPTION_SCALES: ReadonlyMap<string, number> = new Map(
  EXCEPTION_CODES.flatMap(([scale, codes]) => codes.map((code): [string, number] => [code, scale])),
);

/**
 * Active ISO 4217 codes that ICU (and so `Intl.supportedValuesOf('currency')` in Node 20) leaves out:
 * mostly fund codes, which would otherwise be rejected even though the scale table above knows them.
 */
const ISO_CODES_MISSING_FROM_ICU: readonly string[] = [
  'BOV',
  'CHE',
  'CHW',
  'CLF',
  'COU',
  'MXV',
  'USN',
  'UYI',
  'UYW',
  'VED',
];

const CODE_SHAPE = /^[A-Z]{3}$/;

// Lazily built so importing the module stays cheap; it holds only static ICU configuration.
let knownCodes: ReadonlySet<string> | undefined;

function knownCurrencyCodes(): ReadonlySet<string> {
  knownCodes ??= new Set([...Intl.supportedValuesOf('currency'), ...ISO_CODES_MISSING_FROM_ICU]);
  return knownCodes;
}

/**
 * Number of minor-unit digits ISO 4217 assigns to a currency. Unknown codes get 2; this function does
 * not validate (use {@link isCurrencyCode} for that).
 *
 * @example
 * currencyScale('USD'); // 2
 * currencyScale('JPY'); // 0
 * currencyScale('KWD'); // 3
 */
export function currencyScale(code: string): number {
  return EXCEPTION_SCALES.get(code) ?? 2;
}

/**
 * True when `code` is three uppercase letters and a currency the runtime's ICU data knows, plus the
 * ISO 4217 fund codes ICU omits (CLF, UYI, UYW, BOV, CHE, CHW, COU, MXV, USN) and VED.
 *
 * @example
 * isCurrencyCode('EUR'); // true
 * isCurrencyCode('eur'); // false
 * isCurrencyCode('ABC'); // false
 */
export function isCurrencyCode(code: string): boolean {
  return typeof code === 'string' && CODE_SHAPE.test(code) && knownCurrencyCodes().has(code);
}

/**
 * An ISO 4217 alphabetic currency code.
 *
 * @example
 * CurrencyCode.parse('USD'); // 'USD'
 * CurrencyCode.safeParse('usd').success; // false
 */
export const CurrencyCode = z
  .string()
  .regex(CODE_SHAPE, { error: 'Expected a three-letter uppercase ISO 4217 currency code' })
  .refine(isCurrencyCode, { error: 'Unknown ISO 4217 currency code' })
  .describe('ISO 4217 alphabetic currency code, three uppercase letters, e.g. "USD", "EUR", "JPY".');

/** An ISO 4217 alphabetic currency code, as validated by the {@link CurrencyCode} schema. */
export type CurrencyCode = z.infer<typeof CurrencyCode>;
