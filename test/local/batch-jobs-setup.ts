import {
  BatchClient,
  CreateComputeEnvironmentCommand,
  CreateJobQueueCommand,
  DescribeJobsCommand,
  type JobDetail,
  type RegisterJobDefinitionCommandInput,
  RegisterJobDefinitionCommand,
} from '@aws-sdk/client-batch'

import type {Emulator, EmulatorOptions} from '../../src/local/emulator.js'
import {type ClientConfig, startEmulator} from '../helpers/emulator.js'

/** Batch timing used by the jobs tests: CE/queue transitions instant, 500 ms between job states, 2 s runs. */
export const TIMING = {transitionMs: 0, jobTransitionMs: 500, jobDurationMs: 2000}

export interface BatchFixture {
  emulator: Emulator
  config: ClientConfig
  batch: BatchClient
}

/**
 * An emulator and a real Batch client; `options.services.batch` defaults to {@link TIMING}.
 * The clock stands still (speed 0) unless `options.clock` says otherwise: only `clock.advance`
 * moves time, so what a test observes between two requests cannot change under it.
 */
export async function startBatch(options: EmulatorOptions = {}): Promise<BatchFixture> {
  const {emulator, config} = await startEmulator({
    clock: {speed: 0},
    ...options,
    services: {...options.services, batch: {...TIMING, ...(options.services?.batch as object | undefined)}},
  })
  return {emulator, config, batch: new BatchClient(config)}
}

/** A managed EC2 compute environment (VALID at once with transitionMs 0). */
export async function createEc2Environment(batch: BatchClient, name: string, maxvCpus: number): Promise<string> {
  const out = await batch.send(
    new CreateComputeEnvironmentCommand({
      computeEnvironmentName: name,
      type: 'MANAGED',
      state: 'ENABLED',
      computeResources: {
        type: 'EC2',
        minvCpus: 0,
        maxvCpus,
        instanceTypes: ['optimal'],
        instanceRole: 'ecsInstanceRole',
        subnets: ['subnet-11111111'],
        securityGroupIds: ['sg-11111111'],
      },
    }),
  )
  return out.computeEnvironmentArn!
}

export async function createFargateEnvironment(batch: BatchClient, name: string, maxvCpus: number): Promise<string> {
  const out = await batch.send(
    new CreateComputeEnvironmentCommand({
      computeEnvironmentName: name,
      type: 'MANAGED',
      state: 'ENABLED',
      computeResources: {type: 'FARGATE', maxvCpus, subnets: ['subnet-11111111'], securityGroupIds: ['sg-11111111']},
    }),
  )
  return out.computeEnvironmentArn!
}

export async function createQueue(
  batch: BatchClient,
  name: string,
  environments: string[],
  extra: {priority?: number; schedulingPolicyArn?: string} = {},
): Promise<string> {
  const out = await batch.send(
    new CreateJobQueueCommand({
      jobQueueName: name,
      state: 'ENABLED',
      priority: extra.priority ?? 1,
      computeEnvironmentOrder: environments.map((computeEnvironment, i) => ({order: i + 1, computeEnvironment})),
      ...(extra.schedulingPolicyArn ? {schedulingPolicyArn: extra.schedulingPolicyArn} : {}),
    }),
  )
  return out.jobQueueArn!
}

/** A container job definition running `command` with `vcpus` vCPUs (resource requirements) and 512 MiB. */
export async function registerContainerDefinition(
  batch: BatchClient,
  name: string,
  extra: Partial<RegisterJobDefinitionCommandInput> & {command?: string[]; vcpus?: number; environment?: {name: string; value: string}[]} = {},
): Promise<string> {
  const {command, vcpus, environment, ...rest} = extra
  const out = await batch.send(
    new RegisterJobDefinitionCommand({
      jobDefinitionName: name,
      type: 'container',
      containerProperties: {
        image: 'busybox',
        command: command ?? ['echo', 'hello'],
        resourceRequirements: [
          {type: 'VCPU', value: String(vcpus ?? 1)},
          {type: 'MEMORY', value: '512'},
        ],
        ...(environment ? {environment} : {}),
      },
      ...rest,
    }),
  )
  return out.jobDefinitionArn!
}

/** A Fargate job definition `fargate` (1 vCPU, 2 GiB, the execution role Fargate needs); `environment` for sim controls. */
export async function registerFargateDefinition(batch: BatchClient, environment: {name: string; value: string}[] = []): Promise<void> {
  await batch.send(
    new RegisterJobDefinitionCommand({
      jobDefinitionName: 'fargate',
      type: 'container',
      platformCapabilities: ['FARGATE'],
      containerProperties: {
        image: 'busybox',
        executionRoleArn: 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole',
        resourceRequirements: [{type: 'VCPU', value: '1'}, {type: 'MEMORY', value: '2048'}],
        ...(environment.length > 0 ? {environment} : {}),
      },
    }),
  )
}

/** One EC2 environment of `maxvCpus`, one queue `q` on it and a definition `def`. */
export async function simpleSetup(fixture: BatchFixture, maxvCpus = 4, definition: Parameters<typeof registerContainerDefinition>[2] = {}): Promise<void> {
  const ce = await createEc2Environment(fixture.batch, 'ce', maxvCpus)
  await createQueue(fixture.batch, 'q', [ce])
  await registerContainerDefinition(fixture.batch, 'def', definition)
}

export async function describe1(batch: BatchClient, jobId: string): Promise<JobDetail> {
  const out = await batch.send(new DescribeJobsCommand({jobs: [jobId]}))
  if (!out.jobs?.[0]) throw new Error(`job ${jobId} not found`)
  return out.jobs[0]
}

/** Advances virtual time in steps so timers scheduled by earlier timers fire in order. */
export function advance(emulator: Emulator, ms: number, step = 100): void {
  for (let done = 0; done < ms; done += step) emulator.clock.advance(Math.min(step, ms - done))
}
