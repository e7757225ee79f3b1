import fc from 'fast-check'
import {describe, expect, it} from 'vitest'

import type {AnyLiveResource, Model} from '../../src/model/index.js'
import {plan} from '../../src/plan/index.js'
import {resourcesArb} from '../plan/arbitraries.js'
import {PROJECT, liveImage} from '../plan/builders.js'
import {loadOutputSchemas, validatorOf} from './output-schemas.js'

// The CLI contract test sees the plans a few projects produce; this one feeds the real planner
// arbitrary pairs of models (renames, replaces, deletes, conflicts, adoption) and checks that
// every plan it can make, as JSON, is valid against schema/output/plan.schema.json.

const validatePlan = validatorOf(loadOutputSchemas(), 'plan')
const modelArb: fc.Arbitrary<Model> = fc
  .record({resources: resourcesArb, env: fc.constantFrom(undefined, 'prod')})
  .map(({resources, env}) => (env === undefined ? {project: PROJECT, resources} : {project: PROJECT, env, resources}))

describe('plan.schema.json against the planner', () => {
  it('every plan between two arbitrary models validates, whatever its changes and errors', () => {
    const actions = new Set<string>()
    const errorCodes = new Set<string>()
    fc.assert(
      fc.property(modelArb, modelArb, fc.array(fc.boolean(), {minLength: 20, maxLength: 20}), fc.boolean(), (a, b, owned, adopt) => {
        const live = liveImage(b).resources.map((r, i) => (owned[i % owned.length] ? r : ({...r, tags: {}} as AnyLiveResource)))
        const options = adopt ? {adopt: a.resources.map((r) => `${r.kind}/${r.logicalName}`)} : {}
        const document: unknown = JSON.parse(JSON.stringify(plan(a, {resources: live}, options)))
        const ok = validatePlan(document)
        expect(ok ? [] : validatePlan.errors).toEqual([])
        const p = document as {changes: Array<{action: string}>; errors: Array<{code: string}>}
        for (const change of p.changes) actions.add(change.action)
        for (const error of p.errors) errorCodes.add(error.code)
      }),
      {numRuns: 300, seed: 4711},
    )
    // The runs did exercise every branch of the change union, and conflicts.
    expect([...actions].sort()).toEqual(['create', 'delete', 'replace', 'update'])
    expect(errorCodes).toContain('conflict')
  })
})
