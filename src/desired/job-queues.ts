import type {JobQueueSpec, Resource, SchedulingPolicySpec} from '../model/index.js'
import {compact, type DesiredContext, entries, nameOf, ref, stringMap} from './context.js'

/** `jobQueues:` → batch.jobQueue resources; compute environments in the order written. */
export function jobQueues(ctx: DesiredContext): Array<Resource<'batch.jobQueue'>> {
  return entries(ctx.config.jobQueues).map(([key, queue]) => {
    const spec: JobQueueSpec = compact({
      priority: queue.priority,
      state: queue.state,
      computeEnvironmentOrder: queue.computeEnvironments.map((ce, index) => ({
        order: index + 1,
        computeEnvironment: ref('batch.computeEnvironment', ce),
      })),
      schedulingPolicy: queue.schedulingPolicy ? ref('batch.schedulingPolicy', queue.schedulingPolicy) : undefined,
      jobStateTimeLimitActions: queue.jobStateTimeLimitActions?.map((action) => ({
        reason: action.reason,
        state: 'RUNNABLE' as const,
        maxTimeSeconds: action.maxTimeSeconds,
        // The model types only CANCEL; TERMINATE passes through as written (AWS accepts both).
        action: (action.action ?? 'CANCEL') as 'CANCEL',
      })),
    })
    return {
      kind: 'batch.jobQueue',
      logicalName: key,
      physicalName: nameOf(ctx, key),
      service: 'batch',
      spec,
      dependsOn: [],
      tags: {...stringMap(ctx.config.tags), ...stringMap(queue.tags)},
    }
  })
}

/** `schedulingPolicies:` → batch.schedulingPolicy resources (fair share). */
export function schedulingPolicies(ctx: DesiredContext): Array<Resource<'batch.schedulingPolicy'>> {
  return entries(ctx.config.schedulingPolicies).map(([key, policy]) => {
    const spec: SchedulingPolicySpec = {
      fairsharePolicy: compact({
        shareDecaySeconds: policy.shareDecaySeconds,
        computeReservation: policy.computeReservation,
        shareDistribution: policy.shareDistribution?.map((share) =>
          compact({shareIdentifier: share.shareIdentifier, weightFactor: share.weightFactor}),
        ),
      }),
    }
    return {
      kind: 'batch.schedulingPolicy',
      logicalName: key,
      physicalName: nameOf(ctx, key),
      service: 'batch',
      spec,
      dependsOn: [],
      tags: {...stringMap(ctx.config.tags), ...stringMap(policy.tags)},
    }
  })
}
