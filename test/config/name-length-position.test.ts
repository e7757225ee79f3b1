import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {validateFile} from '../../src/config/validate-file.js'

// Step Functions state machine names: 1-80 characters —
// https://docs.aws.amazon.com/es_es/step-functions/latest/apireference/API_StateMachineListItem.html
// (replacements of a name at the limit are shortened by the planner, see src/plan/replacement-name.ts,
// so validate only has to hold the user's own name to the limit).
function write(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'batchctl-names-'))
  const file = join(dir, 'batch.yaml')
  writeFileSync(file, text)
  return file
}

const key = 'align-and-call-variants-for-every-new-sample-in-the-b' // 53 characters

const yaml = `project: genomics-research
defaults:
  workflowRole: arn:aws:iam::123456789012:role/sfn
computeEnvironments:
  spot: {type: SPOT, maxvCpus: 64}
jobQueues:
  default: {priority: 10, computeEnvironments: [spot]}
jobDefinitions:
  align: {image: public.ecr.aws/docker/library/python:3.12-slim}
workflows:
  ${key}:
    steps:
      - {name: align, job: align, queue: default}
environments:
  staging: {}
`

describe('user-given names too long for AWS', () => {
  it('are reported at the key, with file:line:column, for the environment that makes them too long', () => {
    const file = write(yaml)
    // genomics-research-<key> = 18 + 53 = 71 fits; genomics-research-staging-<key> = 79 fits too.
    expect(validateFile(file).diagnostics).toEqual([])
    const longer = write(yaml.replace('staging: {}', 'staging: {}\n  integration: {}'))
    const found = validateFile(longer).diagnostics
    expect(found).toHaveLength(1)
    expect(found[0]).toMatchObject({
      code: 'name-too-long',
      file: longer,
      line: 11,
      column: 3,
    })
    expect(found[0]!.message).toContain(`Physical name "genomics-research-integration-${key}" in environment "integration" has 83 characters; Step Functions CreateStateMachine allows 80.`)
    // Named once, not again by validateFile's "(in environment …)" suffix.
    expect(found[0]!.message.match(/integration/g)).toHaveLength(2)
    expect(found[0]!.frame).toContain(key)
  })

  it('are reported for the selected environment only when --env is given', () => {
    const file = write(yaml.replace('staging: {}', 'staging: {}\n  integration: {}'))
    expect(validateFile(file, {env: 'staging'}).diagnostics).toEqual([])
    expect(validateFile(file, {env: 'integration'}).diagnostics.map((d) => [d.code, d.line])).toEqual([['name-too-long', 11]])
  })
})
