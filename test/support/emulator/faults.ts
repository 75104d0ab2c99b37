import { seededRandom } from '../seeded-random.js';

export type FaultKind = '500' | '502' | '503' | '429' | '403-secondary' | 'latency' | 'drop';

export interface FaultOptions {
  /** Seed of the generator that decides which requests fail: the same seed fails the same requests. */
  seed?: number;
  /** Share of matching requests that get a fault, 0..1. */
  rate: number;
  kinds: FaultKind[];
  /** Only these requests: operationIds (`repos/create-release`, `graphql`) or `METHOD /path` patterns with `*` wildcards. */
  routes?: string[];
  /** Delay added by a `latency` fault (default 200 ms). */
  latencyMs?: number;
  /** `retry-after` sent with 429 and secondary-rate-limit 403 answers, in seconds (default 1; octokit treats 0 as "wait 60 s"). */
  retryAfterSeconds?: number;
}

/**
 * Decides, request by request in arrival order, whether to inject a fault. Each matching request
 * draws twice from the generator (whether, then which kind), so a run with a fixed seed and the same
 * request sequence gets the same faults.
 */
export class FaultInjector {
  private random: () => number;
  private readonly patterns: RegExp[];

  constructor(readonly options: FaultOptions) {
    if (!(options.rate >= 0 && options.rate <= 1))
      throw new Error(`fault rate must be between 0 and 1, got ${options.rate}`);
    if (options.kinds.length === 0) throw new Error('fault kinds must name at least one kind');
    this.random = seededRandom(options.seed ?? 1);
    this.patterns = (options.routes ?? []).map(routePattern);
  }

  get latencyMs(): number {
    return this.options.latencyMs ?? 200;
  }

  get retryAfterSeconds(): number {
    return this.options.retryAfterSeconds ?? 1;
  }

  next(method: string, path: string, operationId: string | undefined): FaultKind | undefined {
    if (
      this.patterns.length > 0 &&
      !this.patterns.some((pattern) => pattern.test(operationId ?? '') || pattern.test(`${method} ${path}`))
    )
      return undefined;
    const hit = this.random() < this.options.rate;
    const pick = this.random();
    if (!hit) return undefined;
    return this.options.kinds[Math.floor(pick * this.options.kinds.length)];
  }
}

function routePattern(route: string): RegExp {
  const escaped = route.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 'i');
}
