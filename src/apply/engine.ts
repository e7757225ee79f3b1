import type {Change, Plan, Step} from '../plan/index.js'
import type {ResourceKind} from '../model/index.js'
import type {ServiceAdapter} from './adapter.js'
import type {ApplyEvent, ApplyResult, StepInfo} from './events.js'

export interface ApplyOptions {
  adapters: ReadonlyMap<ResourceKind, ServiceAdapter>
  /** Steps running at once (default 4). Independent changes run in parallel up to this. */
  concurrency?: number
  /** Ctrl-C: no new steps start; running ones are told to stop waiting. */
  signal?: AbortSignal
  onEvent?: (event: ApplyEvent) => void
  /** Change ids (`kind/logicalName`) to apply, with every step they depend on; all when absent. */
  targets?: string[]
  /** Attempts per step for errors AWS marks as retryable (default 3). */
  stepAttempts?: number
  now?: () => number
}

/** Errors worth retrying a whole step for: throttling and AWS server errors the SDK gave up on. */
function isRetryable(error: unknown): boolean {
  const e = error as {$retryable?: unknown; $metadata?: {httpStatusCode?: number}; name?: string}
  const status = e?.$metadata?.httpStatusCode
  return Boolean(e?.$retryable) || (status !== undefined && (status >= 500 || status === 429)) || /Throttl|TooManyRequests/.test(e?.name ?? '')
}

function info(step: Step, change: Change): StepInfo {
  return {
    id: step.id,
    changeId: step.changeId,
    op: step.op,
    kind: step.kind,
    physicalName: step.physicalName,
    action: change.action,
    ...(change.logicalName ? {logicalName: change.logicalName} : {}),
    ...(step.note ? {note: step.note} : {}),
  }
}

/** The steps of the targeted changes and, transitively, every step they depend on. */
export function selectSteps(plan: Plan, targets: string[] | undefined): Step[] {
  const all = plan.changes.flatMap((change) => change.steps)
  if (!targets) return all
  const byId = new Map(all.map((step) => [step.id, step]))
  const wanted = new Set<string>()
  const visit = (step: Step): void => {
    if (wanted.has(step.id)) return
    wanted.add(step.id)
    for (const dep of step.dependsOn) {
      const next = byId.get(dep)
      if (next) visit(next)
    }
  }
  for (const step of all) if (targets.includes(step.changeId)) visit(step)
  return all.filter((step) => wanted.has(step.id))
}

/**
 * Runs a plan's steps through the adapters: a step starts when every step it depends on is
 * done, up to `concurrency` at once. On a failure or an interrupt no new step starts; steps in
 * flight finish (or stop waiting), and the result lists what was done, what failed and what
 * never started — apply always returns the resulting state, and a re-run converges.
 */
export async function applyPlan(plan: Plan, options: ApplyOptions): Promise<ApplyResult> {
  const now = options.now ?? Date.now
  const started = now()
  const emit = (event: ApplyEvent) => options.onEvent?.(event)
  const changes = new Map(plan.changes.map((change) => [change.id, change]))
  const steps = selectSteps(plan, options.targets)
  const infos = new Map(steps.map((step) => [step.id, info(step, changes.get(step.changeId)!)]))
  const stepsById = new Map(steps.map((step) => [step.id, step]))
  const waitingOn = new Map(steps.map((step) => [step.id, new Set(step.dependsOn.filter((dep) => stepsById.has(dep)))]))
  const dependants = new Map<string, string[]>()
  for (const step of steps) for (const dep of step.dependsOn) dependants.set(dep, [...(dependants.get(dep) ?? []), step.id])

  const concurrency = Math.max(1, options.concurrency ?? 4)
  const attempts = Math.max(1, options.stepAttempts ?? 3)
  // Two ways to stop: a failed step stops new steps from starting but lets the others finish
  // (aborting a call in flight could leave it half-done); an interrupt also tells running steps
  // to stop waiting (`signal`), which adapters honour between calls.
  const interrupt = new AbortController()
  let stopping = false
  const onAbort = () => {
    stopping = true
    interrupt.abort()
  }
  options.signal?.addEventListener('abort', onAbort)
  if (options.signal?.aborted) onAbort()

  const done: StepInfo[] = []
  const failed: Array<{step: StepInfo; error: string}> = []
  const ready = steps.filter((step) => waitingOn.get(step.id)!.size === 0)
  const running = new Set<Promise<void>>()
  const startedIds = new Set<string>()
  emit({type: 'apply-started', steps: steps.map((step) => infos.get(step.id)!), at: now()})

  const runStep = async (step: Step): Promise<void> => {
    const stepInfo = infos.get(step.id)!
    const change = changes.get(step.changeId)!
    const adapter = options.adapters.get(step.kind)
    const t0 = now()
    emit({type: 'step-started', step: stepInfo, at: t0})
    for (let attempt = 1; ; attempt++) {
      try {
        if (!adapter) throw new Error(`no adapter for ${step.kind}`)
        await adapter.execute(step, {
          plan,
          change,
          signal: interrupt.signal,
          progress: (progress) => emit({type: 'step-progress', step: stepInfo, progress, at: now()}),
        })
        done.push(stepInfo)
        emit({type: 'step-done', step: stepInfo, at: now(), durationMs: now() - t0})
        for (const next of dependants.get(step.id) ?? []) {
          const waiting = waitingOn.get(next)
          if (!waiting) continue
          waiting.delete(step.id)
          if (waiting.size === 0) ready.push(stepsById.get(next)!)
        }
        return
      } catch (error) {
        const message = (error as Error)?.message ?? String(error)
        if (attempt < attempts && isRetryable(error) && !stopping) {
          emit({type: 'step-retrying', step: stepInfo, attempt, error: message, at: now()})
          await new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 250 * 2 ** attempt)))
          continue
        }
        failed.push({step: stepInfo, error: message})
        emit({type: 'step-failed', step: stepInfo, error: message, at: now()})
        stopping = true
        return
      }
    }
  }

  while (!stopping && (ready.length > 0 || running.size > 0)) {
    while (!stopping && ready.length > 0 && running.size < concurrency) {
      const step = ready.shift()!
      startedIds.add(step.id)
      const promise: Promise<void> = runStep(step).finally(() => running.delete(promise))
      running.add(promise)
    }
    if (running.size > 0) await Promise.race(running)
  }
  await Promise.all(running)
  options.signal?.removeEventListener('abort', onAbort)

  const notStarted = steps.filter((step) => !startedIds.has(step.id)).map((step) => infos.get(step.id)!)
  // An interrupt makes waiting steps fail with an abort: that is still an interrupted apply.
  const stopped = options.signal?.aborted ? 'interrupted' : failed.length > 0 ? 'failed' : undefined
  const result: ApplyResult = {
    ok: failed.length === 0 && notStarted.length === 0,
    ...(stopped ? {stopped} : {}),
    done,
    failed,
    notStarted,
    durationMs: now() - started,
  }
  emit({type: 'apply-finished', result, at: now()})
  return result
}
