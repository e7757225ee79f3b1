import {describe, expect, it} from 'vitest'

import {UserError} from '../../src/errors.js'
import {plan} from '../../src/plan/index.js'
import {chooseImports, parseImportKeys, restrictToImports} from '../../src/services/importing.js'
import {fargateEnvironment, jobDefinition, jobQueue, liveOf, model, snapshot} from '../plan/builders.js'

// The pure half of `batchctl import`: which names the user means, whether each is a conflict
// of the plan, and the restriction of the adopting plan to the changes apply will run.

const ce = fargateEnvironment('fargate')
const queue = jobQueue('default', ['fargate'])
const other = jobQueue('other', ['fargate'])
const job = jobDefinition('work')

function thrown(fn: () => unknown): UserError {
  try {
    fn()
  } catch (error) {
    if (error instanceof UserError) return error
    throw error
  }
  throw new Error('expected a UserError')
}

describe('parseImportKeys', () => {
  it('reads kind/name and the `kind name` pair of the conflict hint, once each', () => {
    expect(parseImportKeys(['batch.jobQueue/default', 'batch.computeEnvironment', 'spot', 'batch.jobQueue/default'])).toEqual([
      'batch.jobQueue/default',
      'batch.computeEnvironment/spot',
    ])
  })

  it('refuses unknown kinds and names without a logical name, listing the kinds', () => {
    for (const token of ['queue/default', 'batch.jobQueue', 'batch.jobQueue/', '/default']) {
      const error = thrown(() => parseImportKeys([token]))
      expect(error.message).toBe(`not a resource to import: ${token}`)
      expect(error.hints.join(' ')).toContain('batch.jobQueue')
    }
  })
})

describe('chooseImports', () => {
  // Both queues hold wanted names without ownership tags: two conflicts.
  const plain = plan(model([ce, queue, other]), snapshot([liveOf(ce), liveOf(queue, {owner: null}), liveOf(other, {owner: null})]))
  const wanted = ['batch.computeEnvironment/fargate', 'batch.jobQueue/default', 'batch.jobQueue/other']

  it('accepts conflicts by name, or all of them', () => {
    expect(chooseImports(plain, wanted, {keys: ['batch.jobQueue/default']})).toEqual(['batch.jobQueue/default'])
    expect(chooseImports(plain, wanted, {allConflicts: true}).sort()).toEqual(['batch.jobQueue/default', 'batch.jobQueue/other'])
  })

  it('says why a name cannot be imported and lists the conflicts that exist', () => {
    const error = thrown(() => chooseImports(plain, wanted, {keys: ['batch.computeEnvironment/fargate', 'batch.jobQueue/nope']}))
    expect(error.message).toContain('batch.computeEnvironment/fargate has no conflict')
    expect(error.message).toContain('batch.jobQueue/nope is not in batch.yaml')
    expect(error.hints).toHaveLength(2)
    expect(error.hints[0]).toMatch(/^conflict: batch\.jobQueue\/default \(/)
  })

  it('says there is nothing to import when the plan has no conflicts', () => {
    const clean = plan(model([ce]), snapshot([liveOf(ce)]))
    expect(thrown(() => chooseImports(clean, ['batch.computeEnvironment/fargate'], {keys: ['batch.computeEnvironment/fargate']})).hints).toEqual([
      'the plan has no conflicts: nothing needs importing',
    ])
  })
})

describe('restrictToImports', () => {
  it('keeps the adopting change and the changes it needs, drops the rest and the other conflicts', () => {
    // The CE does not exist yet (the adopted queue links to it); the job definition is new
    // but unrelated; the other queue stays a conflict.
    const desired = model([ce, queue, other, job])
    const adopting = plan(desired, snapshot([liveOf(queue, {owner: null}), liveOf(other, {owner: null})]), {adopt: ['batch.jobQueue/default']})
    expect(adopting.errors.map((e) => `${e.code}:${e.logicalName}`)).toEqual(['conflict:other'])
    const restricted = restrictToImports(adopting, ['batch.jobQueue/default'])
    expect(restricted.changes.map((c) => `${c.action} ${c.id}`)).toEqual(['create batch.computeEnvironment/fargate', 'update batch.jobQueue/default'])
    expect(restricted.errors).toEqual([])
    expect(restricted.summary).toEqual({add: 1, change: 1, replace: 0, destroy: 0})
    expect(restricted.fingerprint).toEqual(adopting.fingerprint)
  })

  it('keeps plan errors other than conflicts, so apply still refuses them', () => {
    const dangling = jobQueue('broken', ['missing'])
    const adopting = plan(model([ce, queue, dangling]), snapshot([liveOf(ce), liveOf(queue, {owner: null})]), {adopt: ['batch.jobQueue/default']})
    const codes = restrictToImports(adopting, ['batch.jobQueue/default']).errors.map((e) => e.code)
    expect(codes).toContain('dangling-reference')
  })
})
