import {describe, expect, it} from 'vitest'

import type {ServiceAdapter, StepContext} from '../../src/apply/adapter.js'
import {applyPlan, selectSteps} from '../../src/apply/engine.js'
import type {ApplyEvent} from '../../src/apply/events.js'
import type {ResourceKind} from '../../src/model/index.js'
import type {Change, Plan, Step} from '../../src/plan/index.js'

/** A plan of hand-made changes: each `[id, kind, dependsOn step ids]` is one change with one step. */
function planOf(specs: Array<[string, ResourceKind, string[]]>): Plan {
  const changes = specs.map(([id, kind, deps]): Change => {
    const step: Step = {id: `${id}#create`, changeId: id, op: 'create', kind, physicalName: id, dependsOn: deps.map((d) => `${d}#create`)}
    return {
      action: 'create',
      id,
      kind,
      service: kind.split('.')[0] as Change['service'],
      logicalName: id,
      physicalName: id,
      diffs: [],
      dependsOn: deps,
      steps: [step],
      desired: {} as never,
      tags: {},
      specHash: 'h',
    }
  })
  return {project: 'p', changes, errors: [], names: {}, summary: {add: changes.length, change: 0, replace: 0, destroy: 0}, fingerprint: {desired: '', live: ''}}
}

/** An adapter that records when each step runs and can fail or hang on demand. */
function recordingAdapter(options: {failOn?: string; throttleOnce?: string; delayMs?: number} = {}) {
  const log: string[] = []
  let inFlight = 0
  let maxInFlight = 0
  const throttled = new Set<string>()
  const adapter: ServiceAdapter = {
    kinds: ['batch.computeEnvironment', 'batch.jobQueue', 'batch.jobDefinition'],
    read: async () => [],
    async execute(step: Step, context: StepContext) {
      inFlight++
      maxInFlight = Math.max(maxInFlight, inFlight)
      log.push(`start ${step.changeId}`)
      try {
        context.progress({type: 'call', operation: 'Create'})
        await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 5))
        if (step.changeId === options.throttleOnce && !throttled.has(step.id)) {
          throttled.add(step.id)
          throw Object.assign(new Error('Rate exceeded'), {name: 'TooManyRequestsException', $metadata: {httpStatusCode: 429}})
        }
        if (step.changeId === options.failOn) throw new Error(`${step.changeId} is INVALID: subnet not found`)
        log.push(`end ${step.changeId}`)
      } finally {
        inFlight--
      }
    },
  }
  const adapters = new Map(adapter.kinds.map((kind) => [kind, adapter]))
  return {adapters, log, maxInFlight: () => maxInFlight}
}

describe('apply engine', () => {
  it('starts a step only after the steps it depends on are done, and runs independent ones in parallel', async () => {
    const plan = planOf([
      ['ce-a', 'batch.computeEnvironment', []],
      ['ce-b', 'batch.computeEnvironment', []],
      ['queue', 'batch.jobQueue', ['ce-a', 'ce-b']],
      ['jd', 'batch.jobDefinition', []],
    ])
    const {adapters, log, maxInFlight} = recordingAdapter({delayMs: 20})
    const result = await applyPlan(plan, {adapters, concurrency: 4})
    expect(result.ok).toBe(true)
    expect(result.done.map((s) => s.changeId).sort()).toEqual(['ce-a', 'ce-b', 'jd', 'queue'])
    expect(log.indexOf('start queue')).toBeGreaterThan(log.indexOf('end ce-a'))
    expect(log.indexOf('start queue')).toBeGreaterThan(log.indexOf('end ce-b'))
    expect(maxInFlight()).toBe(3)
  })

  it('honours the concurrency limit', async () => {
    const plan = planOf([1, 2, 3, 4, 5, 6].map((i) => [`jd-${i}`, 'batch.jobDefinition', []]))
    const {adapters, maxInFlight} = recordingAdapter({delayMs: 10})
    await applyPlan(plan, {adapters, concurrency: 2})
    expect(maxInFlight()).toBe(2)
  })

  it('stops starting steps after a failure, lets running ones finish, and reports what was not started', async () => {
    const plan = planOf([
      ['ce-a', 'batch.computeEnvironment', []],
      ['queue', 'batch.jobQueue', ['ce-a']],
      ['jd', 'batch.jobDefinition', []],
    ])
    const {adapters} = recordingAdapter({failOn: 'ce-a', delayMs: 20})
    const events: ApplyEvent[] = []
    const result = await applyPlan(plan, {adapters, concurrency: 2, onEvent: (e) => events.push(e)})
    expect(result.ok).toBe(false)
    expect(result.stopped).toBe('failed')
    expect(result.failed).toEqual([{step: expect.objectContaining({changeId: 'ce-a'}), error: 'ce-a is INVALID: subnet not found'}])
    expect(result.done.map((s) => s.changeId)).toEqual(['jd'])
    expect(result.notStarted.map((s) => s.changeId)).toEqual(['queue'])
    expect(events.at(-1)).toMatchObject({type: 'apply-finished', result: {ok: false}})
  })

  it('retries a step that AWS throttled after the SDK gave up, and says so', async () => {
    const plan = planOf([['jd', 'batch.jobDefinition', []]])
    const {adapters, log} = recordingAdapter({throttleOnce: 'jd'})
    const events: ApplyEvent[] = []
    const result = await applyPlan(plan, {adapters, onEvent: (e) => events.push(e)})
    expect(result.ok).toBe(true)
    expect(log.filter((line) => line === 'start jd')).toHaveLength(2)
    expect(events.some((e) => e.type === 'step-retrying')).toBe(true)
  })

  it('starts nothing new once interrupted and reports the rest as not started', async () => {
    const plan = planOf([
      ['a', 'batch.jobDefinition', []],
      ['b', 'batch.jobDefinition', ['a']],
      ['c', 'batch.jobDefinition', ['b']],
    ])
    const {adapters} = recordingAdapter({delayMs: 30})
    const controller = new AbortController()
    const result = await applyPlan(plan, {
      adapters,
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === 'step-done' && e.step.changeId === 'a') controller.abort()
      },
    })
    expect(result.stopped).toBe('interrupted')
    expect(result.done.map((s) => s.changeId)).toEqual(['a'])
    expect(result.notStarted.map((s) => s.changeId)).toEqual(['b', 'c'])
  })

  it('limits --target to the named changes and what they need', () => {
    const plan = planOf([
      ['ce', 'batch.computeEnvironment', []],
      ['queue', 'batch.jobQueue', ['ce']],
      ['jd', 'batch.jobDefinition', []],
    ])
    expect(selectSteps(plan, ['queue']).map((s) => s.changeId)).toEqual(['ce', 'queue'])
    expect(selectSteps(plan, undefined)).toHaveLength(3)
  })
})

describe('apply engine and steps in flight', () => {
  it('lets steps in flight finish when another step fails, without signalling them to stop', async () => {
    const plan = planOf([
      ['fails', 'batch.jobDefinition', []],
      ['slow', 'batch.computeEnvironment', []],
    ])
    const seen: boolean[] = []
    const adapter: ServiceAdapter = {
      kinds: ['batch.computeEnvironment', 'batch.jobDefinition'],
      read: async () => [],
      async execute(step, context) {
        if (step.changeId === 'fails') throw new Error('boom')
        await new Promise((resolve) => setTimeout(resolve, 30))
        seen.push(context.signal.aborted)
      },
    }
    const result = await applyPlan(plan, {adapters: new Map(adapter.kinds.map((k) => [k, adapter])), concurrency: 2})
    expect(result.failed.map((f) => f.step.changeId)).toEqual(['fails'])
    expect(result.done.map((s) => s.changeId)).toEqual(['slow'])
    expect(seen).toEqual([false])
  })
})
