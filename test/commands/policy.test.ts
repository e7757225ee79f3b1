import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import type {PolicyReport} from '../../src/policy/project-policies.js'
import {repoRoot, runCli} from '../helpers/cli.js'

const file = join(repoRoot, 'examples', 'spot-array-pipeline', 'batch.yaml')

describe('batchctl policy', () => {
  it('--json prints the report: valid documents for the deployer and each role', async () => {
    const result = await runCli(['policy', '-f', file, '--json', '--region', 'eu-west-1'])
    expect(result.code).toBe(0)
    const report = JSON.parse(result.stdout) as PolicyReport
    expect(report).toMatchObject({project: 'genomics', region: 'eu-west-1', account: '123456789012'})
    expect(report.deployer.Statement.find((s) => s.Sid === 'BatchJobQueues')?.Resource).toContain('arn:aws:batch:eu-west-1:123456789012:job-queue/genomics-*')
    expect(report.roles.map((r) => r.roleArn)).toEqual([
      'arn:aws:iam::123456789012:role/genomics-batch-job',
      'arn:aws:iam::123456789012:role/genomics-sfn',
      'arn:aws:iam::123456789012:role/genomics-scheduler',
    ])
  })

  it('prints headings and pasteable JSON for people', async () => {
    const result = await runCli(['policy', '-f', file, '--account', '210987654321'])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('IAM policies for genomics in us-east-1, account 210987654321')
    expect(result.stdout).toContain('== Deployer: the identity that runs batchctl')
    expect(result.stdout).toContain('== Role arn:aws:iam::123456789012:role/genomics-sfn')
    expect(result.stdout).toContain('Step Functions workflow role; used by workflows.pipeline')
    expect(result.stdout).toContain('"arn:aws:events:us-east-1:210987654321:rule/StepFunctionsGetEventsForBatchJobsRule"')
    // The deployer block is one JSON document.
    const block = result.stdout.split('== Deployer')[1]!.split('\n== Role')[0]!
    const json = block.slice(block.indexOf('{'))
    expect(JSON.parse(json)).toMatchObject({Version: '2012-10-17'})
  })

  it('an invalid batch.yaml stops with exit 1', async () => {
    const result = await runCli(['policy', '-f', join(repoRoot, 'examples', 'missing.yaml')])
    expect(result.code).toBe(1)
  })
})
