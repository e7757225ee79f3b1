import {BatchClient, CreateComputeEnvironmentCommand, DescribeComputeEnvironmentsCommand} from '@aws-sdk/client-batch'
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {startEmulator} from '../helpers/emulator.js'

describe('emulator state file', () => {
  it('keeps Batch resources across a restart (local plan/apply sessions rely on it)', async () => {
    const stateFile = join(mkdtempSync(join(tmpdir(), 'batchctl-persist-')), 'state.json')
    const first = await startEmulator({stateFile, services: {batch: {transitionMs: 10}}})
    const batch = new BatchClient(first.config)
    await batch.send(
      new CreateComputeEnvironmentCommand({
        computeEnvironmentName: 'kept',
        type: 'MANAGED',
        computeResources: {type: 'FARGATE', maxvCpus: 4, subnets: ['subnet-1'], securityGroupIds: ['sg-1']},
        tags: {team: 'genomics'},
      }),
    )
    await first.emulator.stop()

    const second = await startEmulator({stateFile})
    const described = await new BatchClient(second.config).send(new DescribeComputeEnvironmentsCommand({computeEnvironments: ['kept']}))
    expect(described.computeEnvironments).toMatchObject([{computeEnvironmentName: 'kept', status: 'VALID', tags: {team: 'genomics'}}])
  })
})
