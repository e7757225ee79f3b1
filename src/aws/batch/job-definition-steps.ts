import {DeregisterJobDefinitionCommand, RegisterJobDefinitionCommand, type RegisterJobDefinitionRequest} from '@aws-sdk/client-batch'

import type {StepContext} from '../../apply/adapter.js'
import {BugError} from '../../errors.js'
import type {JobDefinitionRevision} from '../../model/index.js'
import type {Step} from '../../plan/index.js'
import {call, syncTags, type BatchEnv} from './batch-env.js'

/*
 * Job definition steps. Revisions are immutable: a create or a spec change registers a new
 * revision (RegisterJobDefinition with all tags, including the spec hash of this revision),
 * and older ACTIVE revisions are deregistered (DeregisterJobDefinition, one per revision).
 * AWS: https://docs.aws.amazon.com/batch/latest/APIReference/API_RegisterJobDefinition.html
 */

export async function registerRevision(env: BatchEnv, ctx: StepContext, name: string): Promise<void> {
  const change = ctx.change
  if (change.action === 'delete' || change.desired.kind !== 'batch.jobDefinition') throw new BugError(`${change.id} has no desired job definition`)
  // The desired spec is normalized (defaults filled in): it is exactly what the plan hashed.
  const spec = change.desired.spec
  const request: RegisterJobDefinitionRequest = {
    jobDefinitionName: name,
    ...(spec as Omit<RegisterJobDefinitionRequest, 'jobDefinitionName'>),
    tags: change.tags,
  }
  await call(env, ctx, new RegisterJobDefinitionCommand(request))
}

/** Marks each listed revision INACTIVE (deregistering an INACTIVE revision again is harmless). */
export async function deregisterRevisions(env: BatchEnv, ctx: StepContext, step: Step): Promise<void> {
  const revisions: JobDefinitionRevision[] = step.revisions ?? []
  for (const revision of revisions) {
    await call(env, ctx, new DeregisterJobDefinitionCommand({jobDefinition: revision.arn}))
  }
}

/** Same spec, other tags: the latest revision is re-tagged in place (no new revision). */
export async function retagJobDefinition(env: BatchEnv, ctx: StepContext): Promise<void> {
  const change = ctx.change
  if (change.action !== 'update' || change.live.kind !== 'batch.jobDefinition') throw new BugError(`${change.id}: update step outside an update change`)
  await syncTags(env, ctx, change.live.arn, change.live.tags, change.tags)
}
