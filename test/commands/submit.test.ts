import {describe, expect, it} from 'vitest'

import {SUBMISSION_TAG} from '../../src/jobs/jobs-api.js'
import {describe1} from '../local/batch-jobs-setup.js'
import {cliProject, submitInputs} from './submit-helpers.js'

// AWS: SubmitJob — AWS Batch API Reference (https://docs.aws.amazon.com/batch/latest/APIReference/API_SubmitJob.html):
// arrayProperties.size 2..10,000; dependsOn type N_TO_N / SEQUENTIAL; containerOverrides.resourceRequirements
// VCPU / MEMORY (MiB) / GPU; nodeOverrides.numNodes and nodePropertyOverrides for multi-node jobs.
describe('batchctl submit (CLI against the emulator)', () => {
  it('submits a batch.yaml job to the default queue, latest ACTIVE revision, and prints its id', async () => {
    const {cli, emulator, batch} = await cliProject()
    const result = await cli(['submit', 'align'])
    expect(result.stderr).toContain('submitted align to demo-default as')
    expect(result.code).toBe(0)
    const jobId = result.stdout.trim()
    const [input] = submitInputs(emulator)
    expect(input).toMatchObject({jobName: 'align', jobQueue: 'demo-default', jobDefinition: expect.stringMatching(/job-definition\/demo-align:2$/)})
    expect(input!.tags[SUBMISSION_TAG]).toMatch(/^[0-9a-f-]{36}$/)
    expect((await describe1(batch, jobId)).jobName).toBe('align')
  })

  it('sends overrides, array size, dependencies, retry, timeout and tags as SubmitJob fields', async () => {
    const {cli, emulator} = await cliProject()
    const first = await cli(['submit', 'align', '--name', 'first'])
    const firstId = first.stdout.trim()
    const args = ['submit', 'align', '--array-size', '5', '--param', 'sample=s1', '--set-env', 'A=1=2', '--command', '["sh", "-c", "echo hi"]']
    args.push('--vcpus', '2', '--memory', '2048', '--depends-on', `${firstId}:N_TO_N`, '--retry', '3', '--timeout', '600', '--tag', 'team=bio', '--json')
    const result = await cli(args)
    expect(result.code).toBe(0)
    const out = JSON.parse(result.stdout)
    expect(out).toMatchObject({jobName: 'align', jobQueue: 'demo-default', arraySize: 5, recovered: false})
    const input = submitInputs(emulator)[1]!
    expect(input).toMatchObject({
      arrayProperties: {size: 5},
      parameters: {sample: 's1'},
      dependsOn: [{jobId: firstId, type: 'N_TO_N'}],
      retryStrategy: {attempts: 3},
      timeout: {attemptDurationSeconds: 600},
      containerOverrides: {
        command: ['sh', '-c', 'echo hi'],
        environment: [{name: 'A', value: '1=2'}],
        resourceRequirements: [
          {type: 'VCPU', value: '2'},
          {type: 'MEMORY', value: '2048'},
        ],
      },
    })
    expect(input.tags).toMatchObject({team: 'bio', [SUBMISSION_TAG]: out.submissionId})
  })

  it('submits a multi-node job by definition name with node overrides, not container overrides', async () => {
    const {cli, emulator} = await cliProject()
    const result = await cli(['submit', 'mnp', '--nodes', '3', '--set-env', 'X=1', '--json'])
    expect(result.code).toBe(0)
    const input = submitInputs(emulator)[0]!
    expect(input.containerOverrides).toBeUndefined()
    expect(input.nodeOverrides).toEqual({numNodes: 3, nodePropertyOverrides: [{targetNodes: '0:', containerOverrides: {environment: [{name: 'X', value: '1'}]}}]})
    expect(JSON.parse(result.stdout)).toMatchObject({numNodes: 3, jobName: 'mnp'})
  })

  it('--wait exits 0 for a job that SUCCEEDED and 1 with the reason for one that FAILED', async () => {
    const {cli} = await cliProject({speed: 50})
    const ok = await cli(['submit', 'align', '--wait'])
    expect(ok.code).toBe(0)
    expect(ok.stderr).toMatch(/align \(.+\) SUCCEEDED/)
    const failed = await cli(['submit', 'align', '--wait', '--set-env', 'BATCHCTL_SIM_EXIT_CODE=3'])
    expect(failed.code).toBe(1)
    expect(failed.stderr).toMatch(/FAILED: Essential container in task exited/)
  })

  it('--wait --json reports the final status, exit 1 when FAILED', async () => {
    const {cli} = await cliProject({speed: 50})
    const failed = await cli(['submit', 'align', '--wait', '--json', '--array-size', '3', '--set-env', 'BATCHCTL_SIM_FAIL_INDEXES=1'])
    expect(failed.code).toBe(1)
    expect(JSON.parse(failed.stdout)).toMatchObject({status: 'FAILED', arraySize: 3})
  })

  it('starts no duplicate job when the SubmitJob answer is lost', async () => {
    // The emulator carries the first SubmitJob out, then resets the connection without answering.
    const {cli, emulator, batch} = await cliProject({faults: {rules: [{service: 'batch', operation: 'SubmitJob', dropResponseRate: 1, times: 1}]}})
    const result = await cli(['submit', 'align', '--json'])
    expect(result.code).toBe(0)
    const out = JSON.parse(result.stdout)
    expect(out.recovered).toBe(true)
    expect(emulator.calls.count('batch', 'SubmitJob')).toBe(1)
    expect(emulator.calls.find('batch', 'SubmitJob')[0]!.injected).toBe(true)
    expect((await describe1(batch, out.jobId)).tags?.[SUBMISSION_TAG]).toBe(out.submissionId)
  })

  it('refuses an unknown job with the batch.yaml keys as a hint, before submitting anything', async () => {
    const {cli, emulator} = await cliProject()
    const result = await cli(['submit', 'algn'])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('no ACTIVE job definition algn')
    expect(result.stderr).toContain('did you mean align?')
    expect(emulator.calls.count('batch', 'SubmitJob')).toBe(0)
  })
})
