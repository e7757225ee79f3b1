import {mkdtempSync, mkdirSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {checkWithRoles as checkSemantics} from './with-roles.js'
import type {BatchConfig, WorkflowStep} from '../../src/config/types.generated.js'

function withSteps(steps: WorkflowStep[]): BatchConfig {
  return {
    project: 'genomics',
    computeEnvironments: {spot: {type: 'SPOT', maxvCpus: 16}},
    jobQueues: {default: {priority: 1, computeEnvironments: ['spot']}},
    defaults: {queue: 'default'},
    jobDefinitions: {j: {image: 'public.ecr.aws/docker/library/busybox:latest'}},
    workflows: {pipeline: {steps}},
  }
}
const check = (steps: WorkflowStep[]) => checkSemantics(withSteps(steps), {baseDir: '/nonexistent'})

describe('workflow steps', () => {
  it('accepts fan-out and fan-in with a catch to another step', () => {
    expect(
      check([
        {name: 'prepare', job: 'j'},
        {name: 'left', job: 'j', after: ['prepare'], catch: {next: 'cleanup'}},
        {name: 'right', job: 'j', after: ['prepare']},
        {name: 'merge', job: 'j', after: ['left', 'right']},
        {name: 'cleanup', job: 'j'},
      ]),
    ).toEqual([])
  })

  it('names the cycle in execution order', () => {
    const found = check([
      {name: 'a', job: 'j', after: ['c']},
      {name: 'b', job: 'j', after: ['a']},
      {name: 'c', job: 'j', after: ['b']},
    ])
    expect(found).toHaveLength(1)
    expect(found[0]!.code).toBe('workflow-cycle')
    // Any rotation of the same cycle is a correct name for it; this walk starts at b.
    expect(found[0]!.message).toBe('Workflow "pipeline" has a cycle: b → c → a → b.')
    expect(found[0]!.path).toEqual(['workflows', 'pipeline', 'steps', 1, 'after'])
  })

  it('reports a step that runs after itself', () => {
    expect(check([{name: 'a', job: 'j', after: ['a']}])).toEqual([
      expect.objectContaining({code: 'workflow-cycle', path: ['workflows', 'pipeline', 'steps', 0, 'after', 0]}),
    ])
  })

  it('reports unknown `after` and `catch.next` steps with a suggestion', () => {
    const found = check([
      {name: 'prepare', job: 'j'},
      {name: 'align', job: 'j', after: ['prepar'], catch: {next: 'cleanup'}},
    ])
    expect(found).toEqual([
      expect.objectContaining({code: 'dangling-reference', path: ['workflows', 'pipeline', 'steps', 1, 'after', 0], hint: 'did you mean "prepare"?'}),
      expect.objectContaining({code: 'dangling-reference', path: ['workflows', 'pipeline', 'steps', 1, 'catch', 'next'], message: expect.stringContaining('"cleanup"')}),
    ])
  })

  it('reports duplicate step names at the second one', () => {
    expect(check([{name: 'a', job: 'j'}, {name: 'a', job: 'j'}])).toEqual([
      expect.objectContaining({code: 'duplicate-step', path: ['workflows', 'pipeline', 'steps', 1, 'name']}),
    ])
  })
})

describe('workflow definition files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'batchctl-asl-'))
  mkdirSync(join(dir, 'flows'))
  const valid = {StartAt: 'Run', States: {Run: {Type: 'Task', Resource: 'arn:aws:states:::batch:submitJob.sync', End: true}}}
  writeFileSync(join(dir, 'flows', 'ok.asl.json'), JSON.stringify(valid))
  writeFileSync(join(dir, 'flows', 'broken.asl.json'), JSON.stringify({StartAt: 'Run', States: {Run: {Type: 'Task', Resource: 'arn:aws:states:::batch:submitJob.sync', Next: 'Nowhere'}}}))
  writeFileSync(join(dir, 'flows', 'not-json.asl.json'), '{"StartAt": ')
  const run = (file: string) => checkSemantics({project: 'p', workflows: {w: {definitionFile: file}}}, {baseDir: dir})

  it('accepts a valid ASL file relative to baseDir', () => {
    expect(run('./flows/ok.asl.json')).toEqual([])
  })

  it('reports a missing file with the path it looked for', () => {
    expect(run('./flows/missing.asl.json')).toEqual([
      expect.objectContaining({code: 'asl-file-missing', path: ['workflows', 'w', 'definitionFile'], hint: `looked for ${join(dir, 'flows', 'missing.asl.json')}`}),
    ])
  })

  it('reports a file that is not JSON', () => {
    expect(run('./flows/not-json.asl.json')).toEqual([expect.objectContaining({code: 'asl-invalid', message: expect.stringContaining('is not JSON')})])
  })

  it('reports invalid ASL with asl-validator\'s message', () => {
    expect(run('./flows/broken.asl.json')).toEqual([
      expect.objectContaining({code: 'asl-invalid', message: expect.stringContaining('Nowhere')}),
    ])
  })
})
