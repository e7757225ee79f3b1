import type {ServiceAdapter, SnapshotQuery} from '../apply/adapter.js'
import {applyPlan} from '../apply/engine.js'
import type {ApplyEvent, ApplyResult} from '../apply/events.js'
import {UserError} from '../errors.js'
import type {ResourceKind} from '../model/index.js'
import {fingerprintOf, type Plan} from '../plan/index.js'
import {readSnapshot} from './planning.js'

export interface ApplyProjectOptions {
  adapters: readonly ServiceAdapter[]
  concurrency?: number
  targets?: string[]
  signal?: AbortSignal
  onEvent?: (event: ApplyEvent) => void
}

/** A plan with errors (conflicts, cycles) is never applied: nothing is touched for it. */
export function assertApplicable(plan: Plan): void {
  if (plan.errors.length === 0) return
  throw new UserError(`the plan has ${plan.errors.length} error${plan.errors.length === 1 ? '' : 's'}; nothing was changed`, {
    code: 'plan-errors',
    hints: plan.errors.flatMap((error) => [error.message, ...error.hints]),
  })
}

/**
 * A saved plan is applied only while AWS still looks as it did when it was made: re-read the
 * same resources and compare fingerprints (Terraform refuses stale plans the same way).
 */
export async function assertFresh(plan: Plan, query: SnapshotQuery, adapters: readonly ServiceAdapter[], saved = true): Promise<void> {
  const live = await readSnapshot(adapters, query)
  const now = fingerprintOf({project: plan.project, resources: []}, live).live
  if (now !== plan.fingerprint.live) {
    throw new UserError(`the ${saved ? 'saved ' : ''}plan is stale: AWS changed since it was made; nothing was changed`, {
      code: 'plan-stale',
      hints: [saved ? 'run `batchctl plan --out plan.json` again and review it' : 'run `batchctl apply` again to review the new plan'],
    })
  }
}

/** Runs a plan through the engine with every adapter; see src/apply/engine.ts for the guarantees. */
export function applyProject(plan: Plan, options: ApplyProjectOptions): Promise<ApplyResult> {
  assertApplicable(plan)
  const byKind = new Map<ResourceKind, ServiceAdapter>()
  for (const adapter of options.adapters) for (const kind of adapter.kinds) byKind.set(kind, adapter)
  // Refuse up front rather than stop half-way: every change must have an adapter to carry it out.
  const missing = [...new Set(plan.changes.map((change) => change.kind).filter((kind) => !byKind.has(kind)))]
  if (missing.length > 0) {
    throw new UserError(`this batchctl cannot change ${missing.join(', ')} yet; nothing was changed`, {code: 'unsupported-kind'})
  }
  return applyPlan(plan, {
    adapters: byKind,
    ...(options.concurrency === undefined ? {} : {concurrency: options.concurrency}),
    ...(options.targets ? {targets: options.targets} : {}),
    ...(options.signal ? {signal: options.signal} : {}),
    ...(options.onEvent ? {onEvent: options.onEvent} : {}),
  })
}
