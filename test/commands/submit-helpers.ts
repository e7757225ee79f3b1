import {RegisterJobDefinitionCommand} from '@aws-sdk/client-batch'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

import type {FaultOptions} from '../../src/local/faults.js'
import {type CliResult, runCli} from '../helpers/cli.js'
import {createEc2Environment, createQueue, registerContainerDefinition, startBatch} from '../local/batch-jobs-setup.js'

/** batch.yaml of project `demo`: queue key `default` (→ demo-default), job key `align` (→ demo-align). */
const BATCH_YAML = `project: demo
defaults:
  queue: default
computeEnvironments:
  ce:
    type: EC2
    maxvCpus: 64
    subnets: [subnet-0abc1234]
    securityGroups: [sg-0abc1234]
jobQueues:
  default: {priority: 1, computeEnvironments: [ce]}
jobDefinitions:
  align:
    image: public.ecr.aws/docker/library/busybox:1.36
    command: [echo, hello]
    vcpus: 1
    memory: 512
`

/**
 * An emulator running `speed` times real time with what `batchctl apply` would create for
 * BATCH_YAML (made with the SDK, as apply is not there yet) plus a multi-node definition
 * `mnp` of 2 nodes, and a project folder holding the batch.yaml.
 */
export async function cliProject(options: {speed?: number; maxvCpus?: number; faults?: FaultOptions} = {}) {
  const fixture = await startBatch({clock: {speed: options.speed ?? 50}, ...(options.faults ? {faults: options.faults} : {})})
  const ce = await createEc2Environment(fixture.batch, 'demo-ce', options.maxvCpus ?? 64)
  await createQueue(fixture.batch, 'demo-default', [ce])
  await registerContainerDefinition(fixture.batch, 'demo-align', {command: ['echo', 'hello']})
  // A second revision: submit must pick the latest ACTIVE one.
  await registerContainerDefinition(fixture.batch, 'demo-align', {command: ['echo', 'hello', 'v2']})
  await fixture.batch.send(
    new RegisterJobDefinitionCommand({
      jobDefinitionName: 'mnp',
      type: 'multinode',
      nodeProperties: {
        numNodes: 2,
        mainNode: 0,
        nodeRangeProperties: [{targetNodes: '0:', container: {image: 'busybox', command: ['train'], resourceRequirements: [{type: 'VCPU', value: '1'}, {type: 'MEMORY', value: '512'}]}}],
      },
    }),
  )
  const dir = mkdtempSync(join(tmpdir(), 'batchctl-submit-'))
  writeFileSync(join(dir, 'batch.yaml'), BATCH_YAML)
  const cli = (args: string[], timeoutMs = 60_000): Promise<CliResult> =>
    runCli([...args, '--local'], {cwd: dir, env: {BATCHCTL_LOCAL_ENDPOINT: fixture.emulator.url, AWS_REGION: 'us-east-1'}, timeoutMs})
  return {...fixture, dir, cli}
}

/** The decoded inputs of the SubmitJob calls the emulator received. */
export function submitInputs(emulator: {calls: {find(s: string, o: string): Array<{input: unknown}>}}): Array<Record<string, any>> {
  return emulator.calls.find('batch', 'SubmitJob').map((call) => call.input as Record<string, any>)
}
