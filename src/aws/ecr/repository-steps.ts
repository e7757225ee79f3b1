import {
  CreateRepositoryCommand,
  DeleteLifecyclePolicyCommand,
  DeleteRepositoryCommand,
  DescribeRepositoriesCommand,
  ListTagsForResourceCommand,
  PutImageScanningConfigurationCommand,
  PutImageTagMutabilityCommand,
  PutLifecyclePolicyCommand,
  TagResourceCommand,
  UntagResourceCommand,
  type ECRClient,
} from '@aws-sdk/client-ecr'

import type {StepContext} from '../../apply/adapter.js'
import {BugError} from '../../errors.js'
import {canonicalJson, type RepositorySpec} from '../../model/index.js'
import {createOnce} from '../batch/batch-env.js'
import {normalizeSpec} from '../../plan/index.js'
import {checkAborted} from '../batch/wait.js'

/*
 * ECR repository steps. AWS: CreateRepository, PutImageTagMutability,
 * PutImageScanningConfiguration, PutLifecyclePolicy / DeleteLifecyclePolicy, TagResource /
 * UntagResource, DeleteRepository (https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_Operations.html).
 * Every call takes effect when it returns: nothing to wait for.
 */

async function call(ecr: ECRClient, ctx: StepContext, command: object): Promise<void> {
  checkAborted(ctx.signal)
  ctx.progress({type: 'call', operation: command.constructor.name.replace(/Command$/, '')})
  await ecr.send(command as never, {abortSignal: ctx.signal})
}

function desiredSpec(ctx: StepContext): RepositorySpec {
  const change = ctx.change
  if (change.action === 'delete' || change.desired.kind !== 'ecr.repository') throw new BugError(`${change.id} has no desired repository`)
  return normalizeSpec('ecr.repository', change.desired.spec)
}

const asTags = (tags: Record<string, string>) => Object.entries(tags).map(([Key, Value]) => ({Key, Value}))

export async function createRepository(ecr: ECRClient, ctx: StepContext, name: string): Promise<void> {
  if (ctx.change.action === 'delete') throw new BugError('create step in a delete change')
  const spec = desiredSpec(ctx)
  const input = {
    repositoryName: name,
    imageTagMutability: spec.imageTagMutability,
    imageScanningConfiguration: spec.imageScanningConfiguration,
    ...(spec.encryptionConfiguration === undefined ? {} : {encryptionConfiguration: spec.encryptionConfiguration}),
    tags: asTags(ctx.change.tags),
  }
  // ECR says "The repository with name '…' already exists": a rerun of this step goes on to the lifecycle policy.
  await createOnce(
    ctx,
    () => call(ecr, ctx, new CreateRepositoryCommand(input)),
    async () => {
      const described = await ecr.send(new DescribeRepositoriesCommand({repositoryNames: [name]}), {abortSignal: ctx.signal})
      const arn = described.repositories?.[0]?.repositoryArn
      if (arn === undefined) return undefined
      const out = await ecr.send(new ListTagsForResourceCommand({resourceArn: arn}), {abortSignal: ctx.signal})
      return Object.fromEntries((out.tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']))
    },
  )
  if (spec.lifecyclePolicy !== undefined) {
    await call(ecr, ctx, new PutLifecyclePolicyCommand({repositoryName: name, lifecyclePolicyText: JSON.stringify(spec.lifecyclePolicy)}))
  }
}

export async function updateRepository(ecr: ECRClient, ctx: StepContext, name: string): Promise<void> {
  const change = ctx.change
  if (change.action !== 'update' || change.live.kind !== 'ecr.repository') throw new BugError(`${change.id}: update step outside an update change`)
  const before = normalizeSpec('ecr.repository', change.live.spec)
  const after = desiredSpec(ctx)
  const differs = (a: unknown, b: unknown) => canonicalJson(a) !== canonicalJson(b)
  if (after.imageTagMutability !== undefined && before.imageTagMutability !== after.imageTagMutability) {
    await call(ecr, ctx, new PutImageTagMutabilityCommand({repositoryName: name, imageTagMutability: after.imageTagMutability}))
  }
  if (after.imageScanningConfiguration !== undefined && differs(before.imageScanningConfiguration, after.imageScanningConfiguration)) {
    await call(ecr, ctx, new PutImageScanningConfigurationCommand({repositoryName: name, imageScanningConfiguration: after.imageScanningConfiguration}))
  }
  if (differs(before.lifecyclePolicy, after.lifecyclePolicy)) {
    await call(
      ecr,
      ctx,
      after.lifecyclePolicy === undefined
        ? new DeleteLifecyclePolicyCommand({repositoryName: name})
        : new PutLifecyclePolicyCommand({repositoryName: name, lifecyclePolicyText: JSON.stringify(after.lifecyclePolicy)}),
    )
  }
  const live = change.live.tags
  const set = Object.entries(change.tags).filter(([k, v]) => live[k] !== v)
  const remove = Object.keys(live).filter((k) => !(k in change.tags) && !k.toLowerCase().startsWith('aws:'))
  if (set.length > 0) await call(ecr, ctx, new TagResourceCommand({resourceArn: change.live.arn, tags: set.map(([Key, Value]) => ({Key, Value}))}))
  if (remove.length > 0) await call(ecr, ctx, new UntagResourceCommand({resourceArn: change.live.arn, tagKeys: remove}))
}

/**
 * Deletes the repository with its images (`force`): the plan lists the delete (or the
 * delete-before-create replace, which exists because the name is in every image URI).
 */
export async function deleteRepository(ecr: ECRClient, ctx: StepContext, name: string): Promise<void> {
  try {
    await call(ecr, ctx, new DeleteRepositoryCommand({repositoryName: name, force: true}))
  } catch (error) {
    if ((error as {name?: string}).name !== 'RepositoryNotFoundException') throw error
  }
}
