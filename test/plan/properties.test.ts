import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {refKey, type AnyLiveResource, type LiveSnapshot, type Model} from '../../src/model/index.js'
import {executionOrder, fingerprintOf, plan, summarize, type Plan} from '../../src/plan/index.js'
import {resourcesArb} from './arbitraries.js'
import {awsView} from './aws-view.js'
import {PROJECT, liveImage} from './builders.js'
import {applySymbolically} from './simulate.js'

const envArb = fc.constantFrom(undefined, 'prod')
const modelArb: fc.Arbitrary<Model> = fc.record({resources: resourcesArb, env: envArb}).map(({resources, env}) => (env === undefined ? {project: PROJECT, resources} : {project: PROJECT, env, resources}))

/** The live image of a model as AWS would report it, without the job definition spec-hash shortcut. */
function awsImage(m: Model): LiveSnapshot {
  return {
    resources: liveImage(m).resources.map((r) => {
      const {['batchctl:spec-hash']: _hash, ...tags} = r.tags
      return {...r, spec: awsView(r.kind, r.spec), tags} as AnyLiveResource
    }),
  }
}

/** Structural invariants every plan keeps. */
function checkInvariants(p: Plan) {
  const ids = p.changes.map((c) => c.id)
  expect(new Set(ids).size).toBe(ids.length)
  const stepIds = new Set(p.changes.flatMap((c) => c.steps.map((s) => s.id)))
  for (const c of p.changes) {
    expect(c.steps.length).toBeGreaterThan(0)
    for (const d of c.dependsOn) expect(ids).toContain(d)
    for (const s of c.steps) for (const d of s.dependsOn) expect(stepIds.has(d)).toBe(true)
  }
  expect(executionOrder(p)).toHaveLength(stepIds.size)
  expect(p.summary).toEqual(summarize(p.changes))
  for (const c of p.changes) for (const d of c.diffs) if (d.sensitive) expect([undefined, '(sensitive)']).toContain(d.after)
  // Plain data only: a plan saved with --out reads back the same.
  expect(JSON.parse(JSON.stringify(p))).toEqual(p)
}

describe('planner properties', () => {
  it('a model planned against its own live image is empty', () => {
    fc.assert(
      fc.property(modelArb, (m) => {
        const p = plan(m, liveImage(m))
        expect(p.errors.filter((e) => e.code !== 'duplicate-name')).toEqual([])
        expect(p.changes).toEqual([])
      }),
      {numRuns: 200},
    )
  })

  it('a model planned against its live image as AWS reports it (defaults, order, JSON text) is empty', () => {
    fc.assert(
      fc.property(modelArb, (m) => {
        expect(plan(m, awsImage(m)).changes).toEqual([])
      }),
      {numRuns: 200},
    )
  })

  it('any two models plan without throwing, and the plan is well-formed', () => {
    fc.assert(
      fc.property(modelArb, modelArb, fc.array(fc.boolean(), {minLength: 30, maxLength: 30}), (a, b, owned) => {
        // Some of b's resources belong to nobody: they must surface as conflicts, never changes.
        const live = liveImage(b).resources.map((r, i) => (owned[i % owned.length] ? r : ({...r, tags: {}} as AnyLiveResource)))
        const p = plan(a, {resources: live})
        checkInvariants(p)
        const unowned = new Set(live.filter((r) => r.tags['batchctl:project'] === undefined && r.kind !== 'scheduler.schedule'))
        for (const c of p.changes) if (c.action !== 'create') expect(unowned.has(c.live)).toBe(false)
      }),
      {numRuns: 300},
    )
  })

  it('the live fingerprint ignores snapshot order and changes with any live change', () => {
    fc.assert(
      fc.property(modelArb, (m) => {
        const live = liveImage(m)
        fc.pre(live.resources.length > 1)
        const reversed = {resources: [...live.resources].reverse()}
        expect(fingerprintOf(m, reversed)).toEqual(fingerprintOf(m, live))
        const first = live.resources[0]!
        const touched = {resources: [{...first, tags: {...first.tags, touched: 'yes'}} as AnyLiveResource, ...live.resources.slice(1)]}
        expect(fingerprintOf(m, touched).live).not.toBe(fingerprintOf(m, live).live)
        // Status is not something planning reads.
        const status = {resources: [{...first, status: 'UPDATING'} as AnyLiveResource, ...live.resources.slice(1)]}
        expect(fingerprintOf(m, status)).toEqual(fingerprintOf(m, live))
      }),
      {numRuns: 100},
    )
  })

  it('applying a plan symbolically and planning again is empty', () => {
    fc.assert(
      fc.property(modelArb, modelArb, (a, b0) => {
        const b = a.env === undefined ? {project: b0.project, resources: b0.resources} : {...b0, env: a.env}
        const start = {resources: liveImage(b).resources.map((r) => ({...r, spec: awsView(r.kind, r.spec)}) as AnyLiveResource)}
        const first = plan(a, start)
        fc.pre(first.errors.length === 0)
        const after = applySymbolically(first, start)
        const second = plan(a, after)
        expect(second.errors).toEqual([])
        expect(second.changes.map((c) => `${c.action} ${c.id} ${JSON.stringify(c.diffs)}`)).toEqual([])
        // Every desired resource exists under the name the first plan promised.
        for (const r of a.resources) {
          const name = first.names[refKey(r)]
          expect(after.resources.some((l) => l.kind === r.kind && l.physicalName === name)).toBe(true)
        }
      }),
      {numRuns: 300},
    )
  })
})
