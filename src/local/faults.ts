/**
 * Fault injection for tests and benchmarks: per-operation latency, throttling and server
 * errors at given rates, drawn from a seeded generator so a failing run can be replayed.
 */
export interface FaultRule {
  /** Signing name of the service (`batch`, `logs`, ...); all services when absent. */
  service?: string
  /** Operation name (`DescribeJobs`); all operations when absent. */
  operation?: string
  /** Added latency in real milliseconds. */
  latencyMs?: number
  /** Probability (0..1) of answering with the service's throttling error. */
  throttleRate?: number
  /** Probability (0..1) of answering with a 500 server error. */
  errorRate?: number
  /**
   * Probability (0..1) of carrying the request out and then closing the connection without
   * an answer: the client sees a reset and cannot tell whether the call happened.
   */
  dropResponseRate?: number
  /** The rule applies to the first `times` matching requests only (default: every one). */
  times?: number
}

export interface FaultOptions {
  rules: FaultRule[]
  seed?: number
}

export type FaultDecision = {latencyMs: number; fail?: 'throttle' | 'server'; dropResponse?: boolean}

/** mulberry32: small, fast, seedable; good enough to decide which requests fail. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export class Faults {
  private rules: FaultRule[] = []
  private random: () => number = seededRandom(1)
  private matched = new Map<FaultRule, number>()

  constructor(options?: FaultOptions) {
    if (options) this.configure(options)
  }

  /** Replace the rules (and reseed); an empty list turns injection off. */
  configure(options: FaultOptions): void {
    this.rules = [...options.rules]
    this.matched = new Map()
    this.random = seededRandom(options.seed ?? 1)
  }

  decide(service: string, operation: string): FaultDecision {
    let latencyMs = 0
    let dropResponse = false
    for (const rule of this.rules) {
      if (rule.service && rule.service !== service) continue
      if (rule.operation && rule.operation !== operation) continue
      if (rule.times !== undefined) {
        const seen = this.matched.get(rule) ?? 0
        if (seen >= rule.times) continue
        this.matched.set(rule, seen + 1)
      }
      latencyMs += rule.latencyMs ?? 0
      if (rule.throttleRate && this.random() < rule.throttleRate) return {latencyMs, fail: 'throttle'}
      if (rule.errorRate && this.random() < rule.errorRate) return {latencyMs, fail: 'server'}
      if (rule.dropResponseRate && this.random() < rule.dropResponseRate) dropResponse = true
    }
    return dropResponse ? {latencyMs, dropResponse} : {latencyMs}
  }
}
