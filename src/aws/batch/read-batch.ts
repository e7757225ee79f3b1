import {
  DescribeComputeEnvironmentsCommand,
  DescribeJobDefinitionsCommand,
  DescribeJobQueuesCommand,
  DescribeSchedulingPoliciesCommand,
  ListSchedulingPoliciesCommand,
  type BatchClient,
  type JobDefinition,
} from '@aws-sdk/client-batch'

import type {SnapshotQuery} from '../../apply/adapter.js'
import {isOwnedBy, type AnyLiveResource, type JobDefinitionRevision, type ResourceKind} from '../../model/index.js'
import {pages} from '../pages.js'

/** Kept here too: the other adapters import it from this module. */
import {computeEnvironmentSpec, jobDefinitionSpec, jobQueueSpec, schedulingPolicySpec} from './live-specs.js'

/**
 * The live snapshot of the Batch kinds. The Describe calls cannot filter by tag, and resources
 * the project owns may hold names batch.yaml no longer wants (orphans, replaced compute
 * environments with generated names), so every kind is listed in full, 100 per page, and
 * filtered here: one call per page per kind, whatever the number of resources.
 * DescribeJobDefinitions cannot be asked for names without a revision ("name:revision" or
 * ARN only, https://docs.aws.amazon.com/batch/latest/APIReference/API_DescribeJobDefinitions.html),
 * so it lists every ACTIVE revision.
 */
export async function readBatch(batch: BatchClient, query: SnapshotQuery, signal?: AbortSignal): Promise<AnyLiveResource[]> {
  const keep = keeper(query)
  const opts = signal === undefined ? {} : {abortSignal: signal}
  const [ces, queues, policies, definitions] = await Promise.all([
    pages(async (nextToken) => {
      const out = await batch.send(new DescribeComputeEnvironmentsCommand({nextToken}), opts)
      return {items: out.computeEnvironments ?? [], nextToken: out.nextToken}
    }),
    pages(async (nextToken) => {
      const out = await batch.send(new DescribeJobQueuesCommand({nextToken}), opts)
      return {items: out.jobQueues ?? [], nextToken: out.nextToken}
    }),
    readSchedulingPolicies(batch, opts),
    pages(async (nextToken) => {
      const out = await batch.send(new DescribeJobDefinitionsCommand({status: 'ACTIVE', nextToken}), opts)
      return {items: out.jobDefinitions ?? [], nextToken: out.nextToken}
    }),
  ])
  const out: AnyLiveResource[] = []
  for (const ce of ces) {
    const live: AnyLiveResource = {
      kind: 'batch.computeEnvironment',
      physicalName: ce.computeEnvironmentName ?? '',
      service: 'batch',
      arn: ce.computeEnvironmentArn ?? '',
      spec: computeEnvironmentSpec(ce),
      tags: ce.tags ?? {},
      ...status(ce.status, ce.statusReason),
    }
    if (keep(live)) out.push(live)
  }
  for (const queue of queues) {
    const live: AnyLiveResource = {
      kind: 'batch.jobQueue',
      physicalName: queue.jobQueueName ?? '',
      service: 'batch',
      arn: queue.jobQueueArn ?? '',
      spec: jobQueueSpec(queue),
      tags: queue.tags ?? {},
      ...status(queue.status, queue.statusReason),
    }
    if (keep(live)) out.push(live)
  }
  for (const policy of policies) {
    const live: AnyLiveResource = {
      kind: 'batch.schedulingPolicy',
      physicalName: policy.name ?? '',
      service: 'batch',
      arn: policy.arn ?? '',
      spec: schedulingPolicySpec(policy),
      tags: policy.tags ?? {},
    }
    if (keep(live)) out.push(live)
  }
  for (const live of jobDefinitionsByName(definitions)) if (keep(live)) out.push(live)
  return out
}

function status(value: string | undefined, reason: string | undefined): {status?: string; statusReason?: string} {
  return {...(value === undefined ? {} : {status: value}), ...(reason === undefined ? {} : {statusReason: reason})}
}

/** Owned by the project (and env), or holding a name batch.yaml wants. */
function keeper(query: SnapshotQuery): (live: AnyLiveResource) => boolean {
  const wanted = new Map<ResourceKind, Set<string>>()
  for (const [kind, names] of Object.entries(query.wanted)) wanted.set(kind as ResourceKind, new Set(names))
  return (live) => isOwnedBy(live.tags, query.project, query.env) || (wanted.get(live.kind)?.has(live.physicalName) ?? false)
}

/** ListSchedulingPolicies names every policy; DescribeSchedulingPolicies takes up to 100 ARNs a call. */
async function readSchedulingPolicies(batch: BatchClient, opts: {abortSignal?: AbortSignal}) {
  const listed = await pages(async (nextToken) => {
    const out = await batch.send(new ListSchedulingPoliciesCommand({nextToken}), opts)
    return {items: out.schedulingPolicies ?? [], nextToken: out.nextToken}
  })
  const arns = listed.map((p) => p.arn).filter((arn): arn is string => arn !== undefined)
  const chunks: string[][] = []
  for (let i = 0; i < arns.length; i += 100) chunks.push(arns.slice(i, i + 100))
  const described = await Promise.all(chunks.map((chunk) => batch.send(new DescribeSchedulingPoliciesCommand({arns: chunk}), opts)))
  return described.flatMap((d) => d.schedulingPolicies ?? [])
}

/**
 * ACTIVE revisions grouped by name: the spec and tags of the latest one, and every ACTIVE
 * revision (INACTIVE ones are not listed: they cost a call per name and the planner only
 * deregisters ACTIVE revisions).
 */
function jobDefinitionsByName(definitions: JobDefinition[]): AnyLiveResource[] {
  const byName = new Map<string, JobDefinition[]>()
  for (const jd of definitions) {
    const name = jd.jobDefinitionName ?? ''
    byName.set(name, [...(byName.get(name) ?? []), jd])
  }
  return [...byName.entries()].map(([name, list]) => {
    const sorted = [...list].sort((a, b) => (b.revision ?? 0) - (a.revision ?? 0))
    const latest = sorted[0]!
    const revisions: JobDefinitionRevision[] = sorted.map((jd) => ({revision: jd.revision ?? 0, arn: jd.jobDefinitionArn ?? '', status: 'ACTIVE'}))
    return {
      kind: 'batch.jobDefinition',
      physicalName: name,
      service: 'batch',
      arn: latest.jobDefinitionArn ?? '',
      spec: jobDefinitionSpec(latest),
      tags: latest.tags ?? {},
      status: latest.status ?? 'ACTIVE',
      revision: latest.revision ?? 0,
      revisions,
    }
  })
}
