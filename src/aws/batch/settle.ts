import {DescribeComputeEnvironmentsCommand, DescribeJobQueuesCommand} from '@aws-sdk/client-batch'

import type {StepContext} from '../../apply/adapter.js'
import {UserError} from '../../errors.js'
import {call, type BatchEnv} from './batch-env.js'
import {pollUntil} from './wait.js'

/** Compute environments and job queues: the two Batch kinds with a CREATING/UPDATING/DELETING life. */
export type SettlingKind = 'compute environment' | 'job queue'

/** What the waiters and the create retry look at. */
export interface Observed {
  status?: string
  statusReason?: string
  state?: string
  tags?: Record<string, string>
}

/** One Describe of one compute environment or job queue by name; undefined when AWS no longer lists it. */
export async function describeOne(env: BatchEnv, ctx: StepContext, kind: SettlingKind, name: string): Promise<Observed | undefined> {
  if (kind === 'compute environment') {
    const out = await call<{computeEnvironments?: Observed[]}>(env, ctx, new DescribeComputeEnvironmentsCommand({computeEnvironments: [name]}))
    return out.computeEnvironments?.[0]
  }
  const out = await call<{jobQueues?: Observed[]}>(env, ctx, new DescribeJobQueuesCommand({jobQueues: [name]}))
  return out.jobQueues?.[0]
}

/**
 * Waits until AWS reports the resource VALID (and in `state`, when given). INVALID is an error
 * carrying AWS's statusReason: AWS accepted the request but cannot build the resource (e.g. an
 * instance role that is not an instance profile).
 */
export async function waitValid(env: BatchEnv, ctx: StepContext, kind: SettlingKind, name: string, state?: 'ENABLED' | 'DISABLED'): Promise<void> {
  await pollUntil(
    async () => {
      const seen = await describeOne(env, ctx, kind, name)
      if (seen === undefined) throw new UserError(`${kind} ${name} disappeared while waiting for it to become VALID`)
      if (seen.status === 'INVALID') {
        throw new UserError(`${kind} ${name} is INVALID: ${seen.statusReason ?? 'AWS gave no reason'}`, {
          code: 'ResourceInvalid',
          hints: ['fix the cause in batch.yaml (or in the IAM/VPC resources it names) and run apply again'],
        })
      }
      if (seen.status === 'VALID' && (state === undefined || seen.state === state)) return true
      ctx.progress({type: 'waiting', for: 'VALID', ...(seen.status === undefined ? {} : {status: seen.status})})
      return undefined
    },
    `${kind} ${name} to become VALID`,
    ctx.signal,
    env.wait,
  )
}

/** Waits until AWS no longer lists the resource (DELETING → gone). */
export async function waitGone(env: BatchEnv, ctx: StepContext, kind: SettlingKind, name: string): Promise<void> {
  await pollUntil(
    async () => {
      const seen = await describeOne(env, ctx, kind, name)
      if (seen === undefined || seen.status === 'DELETED') return true
      ctx.progress({type: 'waiting', for: 'deleted', ...(seen.status === undefined ? {} : {status: seen.status})})
      return undefined
    },
    `${kind} ${name} to be deleted`,
    ctx.signal,
    env.wait,
  )
}
