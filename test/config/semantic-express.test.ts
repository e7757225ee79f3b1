import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import {describe, expect, it} from 'vitest'

import {validateFile} from '../../src/config/validate-file.js'

/*
 * EXPRESS state machines refuse the Run a Job (.sync) and Wait for Callback (.waitForTaskToken)
 * integration patterns (https://docs.aws.amazon.com/step-functions/latest/dg/integrate-optimized.html),
 * and batchctl compiles `steps:` to `arn:aws:states:::batch:submitJob.sync`. batch.yaml offers
 * only `type: STANDARD` (schema enum), so validate refuses EXPRESS at the workflow's `type` before
 * any semantic check runs. These tests pin that: if EXPRESS is ever admitted by the schema, they
 * fail, and a semantic check for `.sync` in EXPRESS machines must come with it.
 */

const HEAD = `project: genomics
computeEnvironments:
  spot: {type: SPOT, maxvCpus: 64}
jobQueues:
  default: {priority: 10, computeEnvironments: [spot]}
jobDefinitions:
  align: {image: public.ecr.aws/docker/library/python:3.12-slim}
defaults: {queue: default, workflowRole: "arn:aws:iam::123456789012:role/sfn"}
workflows:
  pipeline:
`
const SYNC_ASL = JSON.stringify({
  StartAt: 'Align',
  States: {
    Align: {
      Type: 'Task',
      Resource: 'arn:aws:states:::batch:submitJob.sync',
      Parameters: {JobName: 'align', JobQueue: 'arn:aws:batch:us-east-1:123456789012:job-queue/q', JobDefinition: 'arn:aws:batch:us-east-1:123456789012:job-definition/d'},
      End: true,
    },
  },
})

function validate(workflow: string): ReturnType<typeof validateFile> {
  const dir = mkdtempSync(join(tmpdir(), 'batchctl-express-'))
  writeFileSync(join(dir, 'pipeline.asl.json'), SYNC_ASL)
  const file = join(dir, 'batch.yaml')
  writeFileSync(file, HEAD + workflow)
  return validateFile(file, {vars: {}})
}

describe('EXPRESS workflows', () => {
  it('refuses `type: EXPRESS` with steps at the type line', () => {
    const result = validate('    type: EXPRESS\n    steps:\n      - {name: align, job: align}\n')
    expect(result.config).toBeUndefined()
    expect(result.diagnostics.map((d) => [d.path, d.line])).toEqual([[['workflows', 'pipeline', 'type'], 11]])
  })

  it('refuses `type: EXPRESS` with a definitionFile that uses .sync', () => {
    const result = validate('    type: EXPRESS\n    definitionFile: ./pipeline.asl.json\n')
    expect(result.config).toBeUndefined()
    expect(result.diagnostics.map((d) => [d.path, d.line])).toEqual([[['workflows', 'pipeline', 'type'], 11]])
  })

  it('accepts the same workflows as STANDARD (the default)', () => {
    expect(validate('    steps:\n      - {name: align, job: align}\n').diagnostics).toEqual([])
    expect(validate('    type: STANDARD\n    definitionFile: ./pipeline.asl.json\n').diagnostics).toEqual([])
  })
})
