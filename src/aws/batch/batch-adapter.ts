import {GetCallerIdentityCommand} from '@aws-sdk/client-sts'

import type {ServiceAdapter, SnapshotQuery, StepContext} from '../../apply/adapter.js'
import {BugError} from '../../errors.js'
import type {AnyLiveResource, ResourceKind} from '../../model/index.js'
import type {Step} from '../../plan/index.js'
import type {AwsClients} from '../clients.js'
import type {BatchArnType, BatchEnv} from './batch-env.js'
import {createComputeEnvironment, deleteComputeEnvironment, disableComputeEnvironment, updateComputeEnvironment} from './compute-environment-steps.js'
import {deregisterRevisions, registerRevision, retagJobDefinition} from './job-definition-steps.js'
import {createJobQueue, deleteJobQueue, disableJobQueue, updateJobQueue} from './job-queue-steps.js'
import {readBatch} from './read-batch.js'
import {createSchedulingPolicy, deleteSchedulingPolicy, updateSchedulingPolicy} from './scheduling-policy-steps.js'
import type {WaitOptions} from './wait.js'

/** Options of the service adapters. */
export interface AdapterOptions {
  /** Polling and retry delays of the waiters (tests shorten them). */
  wait?: WaitOptions
}

/** Reads and changes compute environments, job queues, scheduling policies and job definitions. */
export class BatchAdapter implements ServiceAdapter {
  readonly kinds: readonly ResourceKind[] = ['batch.schedulingPolicy', 'batch.computeEnvironment', 'batch.jobQueue', 'batch.jobDefinition']
  private readonly env: BatchEnv
  private identity: Promise<{partition: string; account: string}> | undefined

  constructor(
    private readonly clients: AwsClients,
    options: AdapterOptions = {},
  ) {
    this.env = {batch: clients.batch, arn: (type, name) => this.arnOf(type, name), wait: options.wait ?? {}}
  }

  read(query: SnapshotQuery): Promise<AnyLiveResource[]> {
    return readBatch(this.clients.batch, query)
  }

  async execute(step: Step, context: StepContext): Promise<void> {
    const {env} = this
    const name = step.physicalName
    const unsupported = () => new BugError(`${step.kind} has no step ${step.op} (${step.id})`)
    switch (step.kind) {
      case 'batch.computeEnvironment':
        if (step.op === 'create') return createComputeEnvironment(env, context, name)
        if (step.op === 'update') return updateComputeEnvironment(env, context, name)
        if (step.op === 'disable') return disableComputeEnvironment(env, context, name)
        if (step.op === 'delete') return deleteComputeEnvironment(env, context, name)
        throw unsupported()
      case 'batch.jobQueue':
        if (step.op === 'create') return createJobQueue(env, context, name)
        if (step.op === 'update') return updateJobQueue(env, context, name)
        if (step.op === 'disable') return disableJobQueue(env, context, name)
        if (step.op === 'delete') return deleteJobQueue(env, context, name)
        throw unsupported()
      case 'batch.schedulingPolicy':
        if (step.op === 'create') return createSchedulingPolicy(env, context, name)
        if (step.op === 'update') return updateSchedulingPolicy(env, context)
        if (step.op === 'delete') return deleteSchedulingPolicy(env, context, name)
        throw unsupported()
      case 'batch.jobDefinition':
        if (step.op === 'create' || step.op === 'register-revision') return registerRevision(env, context, name)
        if (step.op === 'deregister-revisions') return deregisterRevisions(env, context, step)
        if (step.op === 'update') return retagJobDefinition(env, context)
        throw unsupported()
      default:
        throw new BugError(`the Batch adapter does not handle ${step.kind}`)
    }
  }

  /**
   * `arn:<partition>:batch:<region>:<account>:<type>/<name>`. The account and partition come
   * from one STS GetCallerIdentity per adapter (the caller's ARN names the partition).
   */
  private async arnOf(type: BatchArnType, nameOrArn: string): Promise<string> {
    if (nameOrArn.startsWith('arn:')) return nameOrArn
    this.identity ??= this.clients.sts.send(new GetCallerIdentityCommand({})).then((out) => ({
      partition: out.Arn?.split(':')[1] ?? 'aws',
      account: out.Account ?? '',
    }))
    const {partition, account} = await this.identity.catch((error: unknown) => {
      this.identity = undefined
      throw error
    })
    return `arn:${partition}:batch:${this.clients.target.region}:${account}:${type}/${nameOrArn}`
  }
}
