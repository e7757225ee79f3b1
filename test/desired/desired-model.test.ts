import {readdirSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {validateFile} from '../../src/config/validate-file.js'
import type {BatchConfig} from '../../src/config/types.generated.js'
import {desiredModel} from '../../src/desired/index.js'
import {plan} from '../../src/plan/index.js'
import {repoRoot} from '../helpers/cli.js'

function resource(model: ReturnType<typeof desiredModel>, kind: string, logicalName: string) {
  const found = model.resources.find((r) => r.kind === kind && r.logicalName === logicalName)
  if (!found) throw new Error(`no ${kind}/${logicalName}`)
  return found
}

const base: BatchConfig = {
  project: 'genomics',
  defaults: {queue: 'default', executionRole: 'arn:aws:iam::123456789012:role/exec', subnets: ['subnet-1'], securityGroups: ['sg-1']},
  images: {worker: {base: 'python:3.12-slim', repository: {lifecycle: {keepUntagged: 5}}}},
  computeEnvironments: {
    fargate: {type: 'FARGATE', maxvCpus: 64},
    spot: {type: 'SPOT', maxvCpus: 256, instanceRole: 'ecsInstanceRole', allocationStrategy: 'SPOT_PRICE_CAPACITY_OPTIMIZED', bidPercentage: 60},
  },
  jobQueues: {default: {priority: 10, computeEnvironments: ['fargate']}, bulk: {priority: 1, computeEnvironments: ['spot'], schedulingPolicy: 'fair'}},
  schedulingPolicies: {fair: {shareDecaySeconds: 3600, shareDistribution: [{shareIdentifier: 'a', weightFactor: 0.5}]}},
  jobDefinitions: {
    align: {image: 'worker', vcpus: 1, memory: 2048, command: ['python', 'align.py', 'Ref::sample'], environment: {B: '2', A: '1'}, secrets: {TOKEN: 'arn:aws:ssm:us-east-1:123456789012:parameter/token'}, retry: {attempts: 3}, timeout: 3600},
    train: {image: 'pytorch/pytorch:2', platform: 'EC2', vcpus: 8, memory: 32768, nodes: {count: 4, main: 0, ranges: [{targetNodes: '0', container: {vcpus: 16}}, {targetNodes: '1:3'}]}},
  },
}

describe('desired model from batch.yaml', () => {
  it('names resources <project>[-<env>]-<key> and links queues to their compute environments in order', () => {
    const model = desiredModel(base, {env: 'prod'})
    const queue = resource(model, 'batch.jobQueue', 'bulk')
    expect(queue.physicalName).toBe('genomics-prod-bulk')
    expect(queue.spec).toEqual({
      priority: 1,
      computeEnvironmentOrder: [{order: 1, computeEnvironment: {ref: {kind: 'batch.computeEnvironment', logicalName: 'spot'}}}],
      schedulingPolicy: {ref: {kind: 'batch.schedulingPolicy', logicalName: 'fair'}},
    })
  })

  it('gives Fargate compute environments only what Fargate takes, and EC2/Spot their instance settings', () => {
    const model = desiredModel(base)
    expect(resource(model, 'batch.computeEnvironment', 'fargate').spec).toEqual({
      type: 'MANAGED',
      computeResources: {type: 'FARGATE', maxvCpus: 64, subnets: ['subnet-1'], securityGroupIds: ['sg-1']},
    })
    expect(resource(model, 'batch.computeEnvironment', 'spot').spec).toMatchObject({
      computeResources: {type: 'SPOT', minvCpus: 0, instanceTypes: ['optimal'], instanceRole: 'ecsInstanceRole', bidPercentage: 60},
    })
  })

  it('makes a Fargate job definition when the default queue is Fargate, with sizes as resourceRequirements', () => {
    const align = resource(desiredModel(base, {imageUris: {worker: 'r/worker@sha256:abc'}}), 'batch.jobDefinition', 'align')
    expect(align.spec).toMatchObject({
      type: 'container',
      platformCapabilities: ['FARGATE'],
      retryStrategy: {attempts: 3},
      timeout: {attemptDurationSeconds: 3600},
      containerProperties: {
        image: 'r/worker@sha256:abc',
        resourceRequirements: [{type: 'VCPU', value: '1'}, {type: 'MEMORY', value: '2048'}],
        environment: [{name: 'A', value: '1'}, {name: 'B', value: '2'}],
        secrets: [{name: 'TOKEN', valueFrom: 'arn:aws:ssm:us-east-1:123456789012:parameter/token'}],
        executionRoleArn: 'arn:aws:iam::123456789012:role/exec',
        fargatePlatformConfiguration: {platformVersion: 'LATEST'},
        networkConfiguration: {assignPublicIp: 'DISABLED'},
      },
    })
    const unresolved = resource(desiredModel(base), 'batch.jobDefinition', 'align')
    expect(unresolved.spec).toMatchObject({containerProperties: {image: '(image worker: known after build)'}})
  })

  it('expands multi-node ranges over the job container with per-range overrides', () => {
    const train = resource(desiredModel(base), 'batch.jobDefinition', 'train')
    expect(train.spec).toMatchObject({
      type: 'multinode',
      nodeProperties: {
        numNodes: 4,
        mainNode: 0,
        nodeRangeProperties: [
          {targetNodes: '0', container: {image: 'pytorch/pytorch:2', resourceRequirements: [{type: 'VCPU', value: '16'}, {type: 'MEMORY', value: '32768'}]}},
          {targetNodes: '1:3', container: {resourceRequirements: [{type: 'VCPU', value: '8'}, {type: 'MEMORY', value: '32768'}]}},
        ],
      },
    })
  })

  it('makes one ECR repository per image with its lifecycle policy', () => {
    const repo = resource(desiredModel(base), 'ecr.repository', 'worker')
    expect(repo.physicalName).toBe('genomics-worker')
    expect(repo.spec).toMatchObject({imageTagMutability: 'MUTABLE', imageScanningConfiguration: {scanOnPush: true}})
    expect(JSON.stringify((repo.spec as {lifecyclePolicy?: unknown}).lifecyclePolicy)).toContain('"countNumber":5')
  })

  it('plans every example from nothing as creates only, without errors', () => {
    const examples = readdirSync(join(repoRoot, 'examples'), {withFileTypes: true}).filter((d) => d.isDirectory())
    expect(examples.length).toBeGreaterThanOrEqual(3)
    for (const example of examples) {
      const {config, diagnostics} = validateFile(join(repoRoot, 'examples', example.name, 'batch.yaml'))
      expect(diagnostics).toEqual([])
      const model = desiredModel(config!)
      const result = plan(model, {resources: []})
      expect(result.errors).toEqual([])
      expect(result.changes.length).toBe(model.resources.length)
      expect(new Set(result.changes.map((c) => c.action))).toEqual(new Set(['create']))
    }
  })
})
