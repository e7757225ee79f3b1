import {TagResourceCommand, UntagResourceCommand, type BatchClient} from '@aws-sdk/client-batch'

import type {StepContext} from '../../apply/adapter.js'
import {BugError} from '../../errors.js'
import {refKey, TAG_SPEC_HASH, isOwnedBy, ownerOf, type Link} from '../../model/index.js'
import {checkAborted, messageHas, type WaitOptions} from './wait.js'

/** The Batch resource types that have ARNs of the form `arn:<partition>:batch:<region>:<account>:<type>/<name>`. */
export type BatchArnType = 'compute-environment' | 'job-queue' | 'scheduling-policy' | 'job-definition'

/** What every Batch step needs besides its StepContext. */
export interface BatchEnv {
  batch: BatchClient
  /** The ARN of a Batch resource given by name (ARNs are returned as they are). */
  arn(type: BatchArnType, nameOrArn: string): Promise<string>
  wait: WaitOptions
}

/** Any Batch SDK command (the SDK's own union is too narrow to name generically). */
type Command = object

/** Sends one call: refuses once the step was aborted, reports it, and passes the abort signal to the SDK. */
export async function call<T>(env: BatchEnv, ctx: StepContext, command: Command): Promise<T> {
  checkAborted(ctx.signal)
  ctx.progress({type: 'call', operation: command.constructor.name.replace(/Command$/, '')})
  return (await env.batch.send(command as never, {abortSignal: ctx.signal})) as T
}

/**
 * The physical name (or, for `{external}`, the name or ARN) a link designates after apply:
 * `{ref}` links go through `plan.names`, which holds the generated names of replacements.
 */
export function resolveLink(link: Link, ctx: StepContext): string {
  if ('external' in link) return link.external
  const name = ctx.plan.names[refKey(link.ref)]
  if (name === undefined) throw new BugError(`plan.names has no entry for ${refKey(link.ref)}`)
  return name
}

/**
 * Brings a resource's tags to `wanted` (user tags plus ownership tags) with one TagResource for
 * new or changed values and one UntagResource for keys no longer wanted. `aws:` tags belong to
 * AWS and are left alone.
 */
export async function syncTags(env: BatchEnv, ctx: StepContext, arn: string, live: Record<string, string>, wanted: Record<string, string>): Promise<void> {
  const set = Object.fromEntries(Object.entries(wanted).filter(([k, v]) => live[k] !== v))
  const remove = Object.keys(live).filter((k) => !(k in wanted) && !k.toLowerCase().startsWith('aws:'))
  if (Object.keys(set).length > 0) await call(env, ctx, new TagResourceCommand({resourceArn: arn, tags: set}))
  if (remove.length > 0) await call(env, ctx, new UntagResourceCommand({resourceArn: arn, tagKeys: remove}))
}

/**
 * Runs a Create call so that running the step again (the engine retries failed steps, e.g.
 * after a wait timed out) does not fail on the resource its first run made: AWS's "Object
 * already exists" is accepted when the existing resource carries this change's owner and
 * spec hash. Anything else holding the name is still an error.
 */
export async function createOnce(ctx: StepContext, create: () => Promise<unknown>, existingTags: () => Promise<Record<string, string> | undefined>): Promise<void> {
  try {
    await create()
  } catch (error) {
    if (!messageHas(error, 'already exists') || ctx.change.action === 'delete') throw error
    const wanted = ctx.change.tags
    const tags = await existingTags()
    const owner = ownerOf(wanted)
    const ours = tags !== undefined && owner !== undefined && isOwnedBy(tags, owner.project, owner.env) && tags[TAG_SPEC_HASH] === wanted[TAG_SPEC_HASH]
    if (!ours) throw error
  }
}
