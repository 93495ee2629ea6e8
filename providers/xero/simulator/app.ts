/**
 * One Xero app's minute budget. Xero allows an app 10,000 calls in any minute across all its tenants, on top
 * of each tenant's own limits, so a busy tenant can starve a quiet one. Several simulators stand for several
 * tenants of one app only if they count against one window; {@link createXeroApp} is that window.
 */
import { createInstantLog } from './instant-log.js';

/** Xero's documented app-wide limit: calls in any minute, across every tenant. */
export const XERO_APP_PER_MINUTE = 10_000;

const MINUTE = 60_000;

/** Options for {@link createXeroApp}. */
export interface XeroAppOptions {
  /** Calls the app may make in any minute across all its tenants. Default Xero's 10,000. */
  appPerMinute?: number;
}

/**
 * One Xero app, shared by the simulators of its tenants: pass it as `app` to each `createXeroSimulator`. Calls
 * any of them admit count against one sliding minute, every answer's `X-AppMinLimit-Remaining` reports what
 * is left of it, and once it is spent every tenant gets 429 `appminute`. Time comes from `Date.now()`.
 *
 * @example
 * const app = createXeroApp({ appPerMinute: 100 });
 * const clinic = createXeroSimulator({ app });
 * const dental = createXeroSimulator({ app, tenantId: '…', accessToken: 'dental-token' });
 * const server = setupServer(...clinic.handlers, ...dental.handlers);
 */
export interface XeroApp {
  /** The limit the app was created with. */
  readonly appPerMinute: number;
  /** Calls left in the minute ending now, across every tenant: what `X-AppMinLimit-Remaining` says. */
  remaining(): number;
  /**
   * Forgets every tenant's calls. A simulator's own `reset()` takes back only the calls it admitted, so
   * resetting one tenant leaves the others' usage counting.
   */
  reset(): void;
}

/**
 * The sliding minute behind an app. Each throttle records its calls under its own owner token, so that its
 * `reset()` can take back its calls without touching another tenant's.
 */
export interface AppWindow {
  readonly limit: number;
  /** Calls admitted in the minute ending `now`. */
  count(now: number): number;
  /** The call that must leave the minute before another is admitted, when the window is full. */
  blocking(now: number): number | undefined;
  record(now: number, owner: object): void;
  forget(owner: object): void;
  clear(): void;
}

/** A window for one simulator alone, or the one inside a {@link XeroApp}. */
export function createAppWindow(limit: number): AppWindow {
  const log = createInstantLog();
  return {
    limit,
    count: (now) => log.count(now, MINUTE),
    blocking: (now) => log.blocking(now, MINUTE, limit),
    record(now, owner) {
      log.prune(now - MINUTE);
      log.add(now, owner);
    },
    forget: (owner) => log.forget(owner),
    clear: () => log.clear(),
  };
}

// Kept off the public object so that `XeroApp` shows only what a test should touch.
const windows = new WeakMap<XeroApp, AppWindow>();

/** Creates an app whose minute budget simulators share; see {@link XeroApp}. */
export function createXeroApp(options: XeroAppOptions = {}): XeroApp {
  const appPerMinute = options.appPerMinute ?? XERO_APP_PER_MINUTE;
  if (!Number.isInteger(appPerMinute) || appPerMinute < 0) {
    throw new RangeError(`createXeroApp: appPerMinute must be a whole number ≥ 0, got ${appPerMinute}`);
  }
  const window = createAppWindow(appPerMinute);
  const app: XeroApp = {
    appPerMinute,
    remaining: () => Math.max(0, appPerMinute - window.count(Date.now())),
    reset: () => window.clear(),
  };
  windows.set(app, window);
  return app;
}

/** The window behind an app from {@link createXeroApp}. */
export function appWindowOf(app: XeroApp): AppWindow {
  const window = windows.get(app);
  if (!window) throw new TypeError('XeroSimulatorOptions.app must come from createXeroApp');
  return window;
}
