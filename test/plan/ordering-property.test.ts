/**
 * The execution order, replayed step by step on a symbolic account: nothing is created or
 * updated before what it links to exists, and nothing is deleted while something still links to it.
 */
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {
  collectExternals,
  collectRefs,
  kindFromArn,
  nameFromArn,
  refKey,
  type AnyLiveResource,
  type Model,
} from '../../src/model/index.js'
import {executionOrder, plan, type Change, type Plan, type Step} from '../../src/plan/index.js'
import {resourcesArb} from './arbitraries.js'
import {awsView} from './aws-view.js'
import {PROJECT, liveImage} from './builders.js'

const key = (kind: string, name: string) => `${kind}|${name}`

/** Physical targets (kind|name) a live resource links to. */
function liveLinks(live: AnyLiveResource): string[] {
  return collectExternals(live.spec).flatMap((e) => {
    const kind = kindFromArn(e)
    return kind === undefined ? [] : [key(kind, nameFromArn(e))]
  })
}

/** Physical targets (kind|name) a desired spec links to once applied. */
function desiredLinks(change: Change, p: Plan): string[] {
  if (change.action === 'delete') return []
  return [...collectRefs(change.desired.spec), ...change.desired.dependsOn].map((r) => key(r.kind, p.names[refKey(r)] ?? r.logicalName))
}

/**
 * Another valid order of the same DAG: always the *last* ready step. Listing order alone
 * happens to put dependencies first, so only an adversarial order shows missing edges.
 */
function reverseReadyOrder(p: Plan): Step[] {
  const steps = p.changes.flatMap((c) => c.steps)
  const left = new Map(steps.map((s) => [s.id, new Set(s.dependsOn)]))
  const out: Step[] = []
  while (out.length < steps.length) {
    const ready = steps.filter((s) => !out.includes(s) && left.get(s.id)!.size === 0)
    const next = ready[ready.length - 1]
    if (next === undefined) break
    out.push(next)
    for (const deps of left.values()) deps.delete(next.id)
  }
  return out
}

function replay(p: Plan, live: AnyLiveResource[], order: Step[]) {
  const exists = new Map<string, number>()
  const links = new Map<string, string[]>()
  const add = (k: string, l: string[]) => {
    exists.set(k, (exists.get(k) ?? 0) + 1)
    links.set(k, l)
  }
  for (const r of live) add(key(r.kind, r.physicalName), liveLinks(r))
  const managed = new Set([...exists.keys(), ...p.changes.map((c) => key(c.kind, c.physicalName))])
  const changes = new Map(p.changes.map((c) => [c.id, c]))
  const disabled = new Set<string>()
  // Promise 3: a queue in service always has an enabled compute environment among those it names.
  const checkCapacity = (after: string) => {
    for (const [holder, l] of links) {
      if (!holder.startsWith('batch.jobQueue|') || (exists.get(holder) ?? 0) === 0 || disabled.has(holder)) continue
      const ces = l.filter((t) => t.startsWith('batch.computeEnvironment|'))
      if (ces.length === 0) continue
      expect(ces.some((t) => (exists.get(t) ?? 0) > 0 && !disabled.has(t)), `${holder} has no enabled CE after ${after}`).toBe(true)
    }
  }
  expect(order).toHaveLength(p.changes.flatMap((c) => c.steps).length)
  for (const step of order) {
    const change = changes.get(step.changeId)!
    const k = key(step.kind, step.physicalName)
    switch (step.op) {
      case 'create':
      case 'update':
      case 'register-revision': {
        const targets = desiredLinks(change, p).filter((t) => managed.has(t))
        for (const t of targets) expect(exists.get(t) ?? 0, `${step.id} needs ${t}`).toBeGreaterThan(0)
        if (step.op === 'create') {
          add(k, targets)
          disabled.delete(k)
        }
        else links.set(k, targets)
        break
      }
      case 'disable':
        disabled.add(k)
        break
      case 'delete':
      case 'deregister-revisions': {
        if (change.action === 'update') break // pruning old revisions removes nothing
        const holders = [...links.entries()].filter(([holder, l]) => holder !== k && (exists.get(holder) ?? 0) > 0 && l.includes(k)).map(([h]) => h)
        expect(holders, `${step.id} while still linked from`).toEqual([])
        exists.set(k, (exists.get(k) ?? 1) - 1)
        break
      }
    }
    checkCapacity(step.id)
  }
}

describe('execution order, replayed', () => {
  it('never creates before dependencies exist, deletes while still referenced, or leaves a queue without an enabled CE', () => {
    const modelArb = resourcesArb.map((resources): Model => ({project: PROJECT, resources}))
    fc.assert(
      fc.property(modelArb, modelArb, (a, b) => {
        const live = liveImage(b).resources.map((r) => ({...r, spec: awsView(r.kind, r.spec)}) as AnyLiveResource)
        const p = plan(a, {resources: live})
        fc.pre(p.errors.length === 0)
        replay(p, live, executionOrder(p))
        replay(p, live, reverseReadyOrder(p))
      }),
      {numRuns: 300},
    )
  })
})
