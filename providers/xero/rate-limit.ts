import { mostRestrictive, type RateLimitInfo, type RateLimitScope } from '../../src/http/rate-limit-info.js';
import { parseRetryAfter } from '../../src/http/retry-after.js';
import type { HttpResponse } from '../../src/http/transport.js';

/** Xero's documented limits: per tenant 60 a minute, 5,000 a day and 5 at once; per app 10,000 a minute. */
export const XERO_LIMITS = {
  tenantPerMinute: 60,
  tenantPerDay: 5_000,
  tenantConcurrent: 5,
  appPerMinute: 10_000,
} as const;

/** The budgets Xero reports, with the header that carries each one's remaining count. */
const BUDGETS = [
  {
    header: 'x-minlimit-remaining',
    limit: XERO_LIMITS.tenantPerMinute,
    windowSeconds: 60,
    scope: 'minute',
    policy: 'xero-tenant-minute',
  },
  {
    header: 'x-daylimit-remaining',
    limit: XERO_LIMITS.tenantPerDay,
    windowSeconds: 86_400,
    scope: 'day',
    policy: 'xero-tenant-day',
  },
  {
    header: 'x-appminlimit-remaining',
    limit: XERO_LIMITS.appPerMinute,
    windowSeconds: 60,
    scope: 'app',
    policy: 'xero-app-minute',
  },
] as const satisfies readonly {
  header: string;
  limit: number;
  windowSeconds: number;
  scope: RateLimitScope;
  policy: string;
}[];

function count(value: string | null): number | undefined {
  return value !== null && /^\s*\d{1,9}\s*$/.test(value) ? Number(value) : undefined;
}

/**
 * Reads Xero's three remaining counts (`X-MinLimit-Remaining`, `X-DayLimit-Remaining`,
 * `X-AppMinLimit-Remaining`) into the normalised form and returns the most restrictive one. Xero's windows
 * roll and it names no reset time, so ordinary answers carry no `resetSeconds`: a guessed full window would
 * make the limiter stall a minute each time the rolling count touched zero, although calls free up one by
 * one as they age out (the limiter tracks that itself). On a 429 the budget `X-Rate-Limit-Problem` names
 * wins, with `Retry-After` as its reset.
 */
export function parseXeroRateLimit(
  response: HttpResponse,
  now: number = Date.now(),
): RateLimitInfo | undefined {
  const infos = parseXeroRateLimitBudgets(response);
  if (response.status === 429) {
    const throttled = xeroThrottle(response, now);
    return { ...mostRestrictive(...infos), ...throttled };
  }
  return mostRestrictive(...infos);
}

/**
 * Each budget Xero reported on a response (tenant minute, tenant day, app minute) that it carried a count
 * for, so the tenant's and the app's limiters can each learn what other processes have used.
 */
export function parseXeroRateLimitBudgets(response: HttpResponse): RateLimitInfo[] {
  return BUDGETS.flatMap((budget): RateLimitInfo[] => {
    const remaining = count(response.headers.get(budget.header));
    if (remaining === undefined) return [];
    return [
      {
        limit: budget.limit,
        remaining,
        windowSeconds: budget.windowSeconds,
        scope: budget.scope,
        policy: budget.policy,
      },
    ];
  });
}

/** What Xero's `X-Rate-Limit-Problem` says was exceeded, normalised. */
export function rateLimitProblem(value: string | null): RateLimitScope | undefined {
  switch (value?.trim().toLowerCase()) {
    case 'minute':
      return 'minute';
    case 'day':
    case 'daily':
      return 'day';
    case 'appminute':
    case 'app':
      return 'app';
    case 'concurrent':
    case 'concurrency':
      return 'concurrency';
    default:
      return undefined;
  }
}

/** How long to wait when a 429 carries no `Retry-After`, by the budget that ran out. */
const DEFAULT_WAIT_SECONDS: Readonly<Record<RateLimitScope, number>> = {
  second: 1,
  minute: 60,
  app: 60,
  concurrency: 1,
  day: 3_600,
};

const POLICIES: Readonly<Record<RateLimitScope, string>> = {
  second: 'xero-tenant-minute',
  minute: 'xero-tenant-minute',
  day: 'xero-tenant-day',
  app: 'xero-app-minute',
  concurrency: 'xero-tenant-concurrent',
};

const LIMITS: Readonly<Record<RateLimitScope, number>> = {
  second: XERO_LIMITS.tenantPerMinute,
  minute: XERO_LIMITS.tenantPerMinute,
  day: XERO_LIMITS.tenantPerDay,
  app: XERO_LIMITS.appPerMinute,
  concurrency: XERO_LIMITS.tenantConcurrent,
};

/** The exhausted budget of a 429: scope from `X-Rate-Limit-Problem`, reset from `Retry-After`. */
export function xeroThrottle(response: HttpResponse, now: number = Date.now()): RateLimitInfo {
  const scope = rateLimitProblem(response.headers.get('x-rate-limit-problem')) ?? 'minute';
  const seconds = parseRetryAfter(response.headers.get('retry-after'), now) ?? DEFAULT_WAIT_SECONDS[scope];
  return { limit: LIMITS[scope], remaining: 0, resetSeconds: seconds, scope, policy: POLICIES[scope] };
}
