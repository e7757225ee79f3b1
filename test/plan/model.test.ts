import {describe, expect, it} from 'vitest'
import {
  canonicalJson,
  isOwnedBy,
  kindFromArn,
  nameFromArn,
  ownershipTags,
  specHash,
  userTags,
} from '../../src/model/index.js'
import {diffValues} from '../../src/plan/diff.js'

describe('spec hash', () => {
  it('ignores key order and undefined members but not array order', () => {
    expect(canonicalJson({b: 1, a: {d: [2, 1], c: undefined}})).toBe('{"a":{"d":[2,1]},"b":1}')
    expect(specHash({a: 1, b: 2})).toBe(specHash({b: 2, a: 1}))
    expect(specHash({a: [1, 2]})).not.toBe(specHash({a: [2, 1]}))
    expect(specHash({})).toMatch(/^[0-9a-f]{64}$/)
  })
})

describe('ownership tags', () => {
  it('writes project, logical name and hash, and env only when there is one', () => {
    expect(ownershipTags({project: 'p', logicalName: 'q', specHash: 'h'})).toEqual({'batchctl:project': 'p', 'batchctl:logical-name': 'q', 'batchctl:spec-hash': 'h'})
    expect(ownershipTags({project: 'p', env: 'prod', logicalName: 'q', specHash: 'h'})['batchctl:env']).toBe('prod')
  })

  it('owns only an exact project and env match', () => {
    const tags = ownershipTags({project: 'p', env: 'prod', logicalName: 'q', specHash: 'h'})
    expect(isOwnedBy(tags, 'p', 'prod')).toBe(true)
    expect(isOwnedBy(tags, 'p', undefined)).toBe(false)
    expect(isOwnedBy(tags, 'other', 'prod')).toBe(false)
    expect(isOwnedBy({}, 'p', undefined)).toBe(false)
    expect(userTags({...tags, team: 'x'})).toEqual({team: 'x'})
  })
})

describe('ARNs', () => {
  it.each([
    ['arn:aws:batch:us-east-1:123456789012:job-queue/default', 'default', 'batch.jobQueue'],
    ['arn:aws:batch:us-east-1:123456789012:compute-environment/spot', 'spot', 'batch.computeEnvironment'],
    ['arn:aws:batch:us-east-1:123456789012:job-definition/align:12', 'align', 'batch.jobDefinition'],
    ['arn:aws:batch:us-east-1:123456789012:scheduling-policy/fair', 'fair', 'batch.schedulingPolicy'],
    ['arn:aws:states:us-east-1:123456789012:stateMachine:pipeline', 'pipeline', 'sfn.stateMachine'],
    ['arn:aws:scheduler:us-east-1:123456789012:schedule-group/crons', 'crons', 'scheduler.scheduleGroup'],
    ['arn:aws:events:us-east-1:123456789012:rule/on-upload', 'on-upload', 'events.rule'],
    ['arn:aws:ecr:us-east-1:123456789012:repository/team/worker', 'team/worker', 'ecr.repository'],
    ['arn:aws-cn:batch:cn-north-1:123456789012:job-queue/q', 'q', 'batch.jobQueue'],
    ['plain-name', 'plain-name', undefined],
  ])('%s → %s', (arn, name, kind) => {
    expect(nameFromArn(arn)).toBe(name)
    expect(kindFromArn(arn)).toBe(kind)
  })
})

describe('field diffs', () => {
  it('matches keyed list items by key, reports whole unkeyed lists, and recurses into objects', () => {
    expect(
      diffValues(
        {env: [{name: 'A', value: '1'}, {name: 'B', value: '2'}], types: ['c5'], nested: {x: 1}},
        {env: [{name: 'B', value: '3'}, {name: 'C', value: '4'}], types: ['c5', 'm5'], nested: {x: 1, y: 2}},
      ),
    ).toEqual([
      {path: 'env[name=A]', before: {name: 'A', value: '1'}, after: undefined},
      {path: 'env[name=B].value', before: '2', after: '3'},
      {path: 'env[name=C]', before: undefined, after: {name: 'C', value: '4'}},
      {path: 'nested.y', before: undefined, after: 2},
      {path: 'types', before: ['c5'], after: ['c5', 'm5']},
    ])
  })
})
