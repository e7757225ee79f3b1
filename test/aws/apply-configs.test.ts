import {describe, expect, it} from 'vitest'

import {comparableSpec} from '../../src/plan/index.js'

import type {BatchConfig} from '../../src/config/types.generated.js'
import {desiredModel} from '../../src/desired/index.js'
import {applyPlan, batchAndEcr, harness, planNow} from './apply-harness.js'

/**
 * Test configs beyond the examples: an environment (`--env prod`, so ownership carries
 * batchctl:env), Fargate and Spot side by side, fair share, and the job definition fields the
 * examples leave out (logging, host volumes, ulimit-free linux parameters, ARM Fargate,
 * multi-node range overrides).
 */
const config = {
  project: 'genomics',
  region: 'us-east-1',
  tags: {team: 'research'},
  defaults: {queue: 'default', executionRole: 'arn:aws:iam::123456789012:role/exec', subnets: ['subnet-1', 'subnet-2'], securityGroups: ['sg-1']},
  images: {worker: {base: 'python:3.12-slim', repository: {lifecycle: {keepUntagged: 5}}}},
  computeEnvironments: {
    fargate: {type: 'FARGATE', maxvCpus: 64},
    spot: {type: 'SPOT', maxvCpus: 256, instanceRole: 'ecsInstanceRole', allocationStrategy: 'SPOT_PRICE_CAPACITY_OPTIMIZED', bidPercentage: 60},
  },
  jobQueues: {
    default: {priority: 10, computeEnvironments: ['fargate']},
    bulk: {priority: 1, computeEnvironments: ['spot'], schedulingPolicy: 'fair'},
  },
  schedulingPolicies: {fair: {shareDecaySeconds: 3600, shareDistribution: [{shareIdentifier: 'a', weightFactor: 0.5}, {shareIdentifier: 'b'}]}},
  jobDefinitions: {
    align: {
      image: 'worker',
      vcpus: 1,
      memory: 2048,
      command: ['python', 'align.py', 'Ref::sample'],
      environment: {B: '2', A: '1', EMPTY: ''},
      secrets: {TOKEN: 'arn:aws:ssm:us-east-1:123456789012:parameter/token'},
      retry: {attempts: 3},
      timeout: 3600,
      fargate: {cpuArchitecture: 'ARM64', platformVersion: '1.4.0', assignPublicIp: true},
      logConfiguration: {logDriver: 'awslogs', options: {'awslogs-group': '/batch/align'}},
    },
    train: {
      image: 'pytorch/pytorch:2',
      platform: 'EC2',
      queue: 'bulk',
      vcpus: 8,
      memory: 32768,
      volumes: [{name: 'scratch', hostPath: '/scratch'}],
      mountPoints: [{sourceVolume: 'scratch', containerPath: '/scratch'}],
      linuxParameters: {initProcessEnabled: true},
      nodes: {count: 4, main: 0, ranges: [{targetNodes: '0', container: {vcpus: 16}}, {targetNodes: '1:3'}]},
    },
  },
} as unknown as BatchConfig

describe('test configs round-trip', () => {
  it('with an environment: apply, read, plan is empty; every resource carries batchctl:env', async () => {
    const {registry} = await harness()
    const model = batchAndEcr(desiredModel(config, {env: 'prod', imageUris: {worker: `123456789012.dkr.ecr.us-east-1.amazonaws.com/genomics-prod-worker@sha256:${'b'.repeat(64)}`}}))
    const first = await planNow(registry, model)
    expect(first.plan.errors).toEqual([])
    await applyPlan(registry, first.plan)
    const second = await planNow(registry, model)
    expect(second.plan.changes.map((c) => ({id: c.id, diffs: c.diffs}))).toEqual([])
    expect(second.snapshot.resources).toHaveLength(model.resources.length)
    // Job definitions plan as unchanged by their spec-hash tag alone; their read-back spec must match too.
    for (const live of second.snapshot.resources.filter((r) => r.kind === 'batch.jobDefinition')) {
      const desired = model.resources.find((r) => r.kind === live.kind && r.physicalName === live.physicalName)!
      expect(comparableSpec(live.kind, live.spec)).toEqual(comparableSpec(desired.kind, desired.spec))
    }
    for (const live of second.snapshot.resources) expect(live.tags).toMatchObject({'batchctl:project': 'genomics', 'batchctl:env': 'prod'})

    // The same project without the environment owns none of it: every name differs, nothing is read as its own.
    const dev = batchAndEcr(desiredModel(config, {imageUris: {worker: 'r/worker@sha256:abc'}}))
    const devPlan = await planNow(registry, dev)
    expect(devPlan.plan.changes.every((c) => c.action === 'create')).toBe(true)
  })
})
