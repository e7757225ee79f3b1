import {CreateEventBusCommand, EventBridgeClient} from '@aws-sdk/client-eventbridge'
import {describe, expect, it} from 'vitest'

import {createAdapters} from '../../src/aws/adapters.js'
import {AwsClients} from '../../src/aws/clients.js'
import type {BatchConfig} from '../../src/config/types.generated.js'
import {desiredModel} from '../../src/desired/index.js'
import {applyPlan, planNow} from '../aws/apply-harness.js'
import {startEmulator} from '../helpers/emulator.js'

/*
 * Promise 1 for every shape of target the desired model builds: apply the plan through the
 * real adapters against the emulator over HTTP, read everything back, and the next plan is
 * empty. Covers rule targets with literal parameters, event paths, container overrides and
 * workflow input (static and from the event), Scheduler schedules of each expression type and
 * classic schedule rules.
 */

const s3 = {source: ['aws.s3'], 'detail-type': ['Object Created']}
const config: BatchConfig = {
  project: 'shapes',
  region: 'us-east-1',
  tags: {team: 't'},
  defaults: {
    queue: 'q',
    scheduleRole: 'arn:aws:iam::123456789012:role/scheduler',
    triggerRole: 'arn:aws:iam::123456789012:role/events',
    workflowRole: 'arn:aws:iam::123456789012:role/sfn',
    timezone: 'Europe/Berlin',
  },
  computeEnvironments: {ce: {type: 'EC2', maxvCpus: 8, instanceTypes: ['optimal'], subnets: ['subnet-1'], securityGroups: ['sg-1'], instanceRole: 'ecsInstanceRole'}},
  jobQueues: {q: {priority: 1, computeEnvironments: ['ce']}},
  jobDefinitions: {job: {image: 'python:3.12', vcpus: 1, memory: 512, command: ['run', 'Ref::key']}},
  workflows: {
    flow: {
      steps: [
        {name: 'a', job: 'job', parameters: {key: '$.key'}},
        {name: 'b', job: 'job', after: ['a'], arraySize: 3, catch: {next: 'h'}},
        {name: 'c', job: 'job', after: ['a'], retry: {attempts: 2}},
        {name: 'd', job: 'job', after: ['b', 'c'], parameters: {key: '$.steps.b.JobId'}},
        {name: 'h', job: 'job', catch: {fail: 'HandlerFailed'}},
      ],
    },
  },
  triggers: {
    paths: {event: s3, submit: {job: 'job', arraySize: 2, parameters: {key: '$.detail.object.key', mode: 'x'}}},
    literal: {event: s3, description: 'literal', submit: {job: 'job', parameters: {key: 'fixed'}}},
    overrides: {event: s3, bus: 'custom', submit: {job: 'job', overrides: {command: ['echo'], vcpus: 2, environment: {A: '1'}}}},
    'start-static': {event: s3, enabled: false, start: {workflow: 'flow', input: {key: 'k'}}},
    'start-event': {event: s3, start: {workflow: 'flow', input: {key: '$.detail.object.key'}}},
  },
  schedules: {
    cron: {cron: '0 2 * * ? *', flexibleWindow: 10, retryPolicy: {maximumRetryAttempts: 2}, submit: {job: 'job', parameters: {key: 'nightly'}, arraySize: 4}},
    rate: {rate: '2 hours', timezone: 'UTC', start: {workflow: 'flow', input: {key: 'r'}}},
    once: {at: '2030-01-01T09:00:00', enabled: false, submit: {job: 'job'}},
    'rule-batch': {cron: '0 3 * * ? *', mode: 'rule', submit: {job: 'job', parameters: {key: 'rule'}}},
    'rule-start': {rate: '1 day', mode: 'rule', start: {workflow: 'flow'}},
  },
}

describe('desired schedules, triggers and workflows survive apply and read-back', () => {
  it('plans nothing after applying every target shape', async () => {
    const {emulator} = await startEmulator({services: {batch: {transitionMs: 200}}, clock: {speed: 20}})
    const clients = new AwsClients({region: 'us-east-1', endpoint: emulator.url, credentials: {accessKeyId: 'test', secretAccessKey: 'test'}})
    const registry = createAdapters(clients, {wait: {initialMs: 10, maxMs: 50, timeoutMs: 20_000}})
    // The custom bus is the user's, not batchctl's: it exists before the rule on it.
    const events = new EventBridgeClient({region: 'us-east-1', endpoint: emulator.url, credentials: {accessKeyId: 'test', secretAccessKey: 'test'}})
    await events.send(new CreateEventBusCommand({Name: 'custom'}))
    const model = desiredModel(config)
    const first = await planNow(registry, model)
    expect(first.plan.errors).toEqual([])
    expect(first.plan.changes.length).toBe(model.resources.length)
    await applyPlan(registry, first.plan)
    const second = await planNow(registry, model)
    expect(second.plan.errors).toEqual([])
    expect(second.plan.changes.map((c) => ({id: c.id, diffs: c.diffs}))).toEqual([])
  })
})
