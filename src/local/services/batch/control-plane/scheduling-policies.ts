import type {FairsharePolicy, SchedulingPolicyDetail} from '@aws-sdk/client-batch'

import {clientException} from '../../../aws-error.js'
import type {Handler} from '../../../service.js'
import {batchArn, type BatchState} from '../state.js'
import {paginate} from './pagination.js'
import {checkTags} from './tags.js'
import {checkName, checkStringList, copy, invalid, requireString} from './validate.js'

/**
 * Create/Update/Delete/DescribeSchedulingPolicies and ListSchedulingPolicies.
 * AWS: FairsharePolicy — https://docs.aws.amazon.com/batch/latest/APIReference/API_FairsharePolicy.html
 * AWS: ShareAttributes — https://docs.aws.amazon.com/batch/latest/APIReference/API_ShareAttributes.html
 */

/** shareDecaySeconds 0–604800, computeReservation 0–99, ≤ 500 share identifiers, weights 0.0001–999.9999, no overlaps. */
function checkFairshare(value: unknown): FairsharePolicy | undefined {
  if (value === undefined || value === null) return undefined
  const policy = structuredClone(value) as Record<string, any>
  const decay = policy.shareDecaySeconds
  if (decay !== undefined && (!Number.isInteger(decay) || decay < 0 || decay > 604_800)) {
    throw invalid('fairsharePolicy.shareDecaySeconds must be between 0 and 604800')
  }
  const reservation = policy.computeReservation
  if (reservation !== undefined && (!Number.isInteger(reservation) || reservation < 0 || reservation > 99)) {
    throw invalid('fairsharePolicy.computeReservation must be between 0 and 99')
  }
  const shares = (policy.shareDistribution ?? []) as Array<Record<string, any>>
  if (!Array.isArray(shares)) throw invalid('fairsharePolicy.shareDistribution must be a list')
  if (shares.length > 500) throw invalid('fairsharePolicy.shareDistribution can contain at most 500 share identifiers')
  const ids: string[] = []
  shares.forEach((share, i) => {
    const id = requireString(share?.shareIdentifier, `fairsharePolicy.shareDistribution[${i}].shareIdentifier`)
    if (!/^[A-Za-z0-9]{1,255}\*?$/.test(id)) {
      throw invalid(`shareIdentifier '${id}' must be up to 255 letters and digits, optionally followed by an asterisk (*)`)
    }
    const weight = share.weightFactor
    if (weight !== undefined && (typeof weight !== 'number' || weight < 0.0001 || weight > 999.9999)) {
      throw invalid(`weightFactor for '${id}' must be between 0.0001 and 999.9999`)
    }
    ids.push(id)
  })
  // "The list of share identifiers in a fair-share policy can't overlap" (UserA* and UserA1).
  for (const a of ids) {
    for (const b of ids) {
      if (a === b) continue
      if (a.endsWith('*') && b.startsWith(a.slice(0, -1))) throw invalid(`Share identifiers '${a}' and '${b}' overlap`)
    }
  }
  if (new Set(ids).size !== ids.length) throw invalid('Share identifiers in a fair-share policy must be unique')
  return policy as FairsharePolicy
}

const createSchedulingPolicy: Handler<BatchState> = (input, {state}) => {
  const name = checkName(input.name, 'name')
  if (input.quotaSharePolicy) throw clientException('The emulator does not support quota share policies')
  const fairsharePolicy = checkFairshare(input.fairsharePolicy)
  const tags = checkTags(input.tags)
  const arn = batchArn(state, 'scheduling-policy', name)
  if (state.schedulingPolicies.has(arn)) throw clientException('Object already exists')
  const policy: SchedulingPolicyDetail = {name, arn, ...(fairsharePolicy ? {fairsharePolicy} : {}), tags}
  state.schedulingPolicies.set(arn, policy)
  return {name, arn}
}

function existing(state: BatchState, arn: unknown): SchedulingPolicyDetail {
  const value = requireString(arn, 'arn')
  const policy = state.schedulingPolicies.get(value)
  if (!policy) throw clientException(`Scheduling policy ${value} does not exist`)
  return policy
}

const updateSchedulingPolicy: Handler<BatchState> = (input, {state}) => {
  const policy = existing(state, input.arn)
  const fairsharePolicy = checkFairshare(input.fairsharePolicy)
  if (fairsharePolicy) policy.fairsharePolicy = fairsharePolicy
  return {}
}

const deleteSchedulingPolicy: Handler<BatchState> = (input, {state}) => {
  const policy = existing(state, input.arn)
  const user = [...state.jobQueues.values()].find((queue) => queue.schedulingPolicyArn === policy.arn)
  if (user) throw clientException(`Cannot delete, scheduling policy is in use by job queue ${user.jobQueueArn}`)
  state.schedulingPolicies.delete(policy.arn!)
  return {}
}

const describeSchedulingPolicies: Handler<BatchState> = (input, {state}) => {
  const arns = checkStringList(input.arns ?? [], 'arns')
  if (arns.length === 0) throw invalid('arns is required')
  if (arns.length > 100) throw invalid('arns can contain at most 100 entries')
  const policies = arns.map((arn) => state.schedulingPolicies.get(arn)).filter((p): p is SchedulingPolicyDetail => p !== undefined)
  return {schedulingPolicies: policies.map(copy)}
}

const listSchedulingPolicies: Handler<BatchState> = (input, {state}) => {
  const page = paginate([...state.schedulingPolicies.values()], input, 'ListSchedulingPolicies')
  return {schedulingPolicies: page.items.map((policy) => ({arn: policy.arn})), ...(page.nextToken ? {nextToken: page.nextToken} : {})}
}

export const schedulingPolicyHandlers: Record<string, Handler<BatchState>> = {
  CreateSchedulingPolicy: createSchedulingPolicy,
  UpdateSchedulingPolicy: updateSchedulingPolicy,
  DeleteSchedulingPolicy: deleteSchedulingPolicy,
  DescribeSchedulingPolicies: describeSchedulingPolicies,
  ListSchedulingPolicies: listSchedulingPolicies,
}
