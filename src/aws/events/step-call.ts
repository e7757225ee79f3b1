import type {StepContext} from '../../apply/adapter.js'
import {checkAborted} from '../batch/wait.js'

/** Any SDK v3 client: `send(command, {abortSignal})`. */
export interface SdkClient {
  send(command: never, options?: {abortSignal?: AbortSignal}): Promise<unknown>
}

/** Sends one call of a step: refuses once the step was aborted, reports it, and passes the abort signal to the SDK. */
export async function send<T>(client: SdkClient, ctx: StepContext, command: object): Promise<T> {
  checkAborted(ctx.signal)
  ctx.progress({type: 'call', operation: command.constructor.name.replace(/Command$/, '')})
  return (await client.send(command as never, {abortSignal: ctx.signal})) as T
}

/** The AWS error code of an SDK error (`ResourceNotFoundException`, ...), or undefined. */
export function errorName(error: unknown): string | undefined {
  return error !== null && typeof error === 'object' && 'name' in error && typeof error.name === 'string' ? error.name : undefined
}

/** `{Key, Value}` tag lists (EventBridge, Scheduler) ↔ maps. */
export function tagList(tags: Record<string, string>): Array<{Key: string; Value: string}> {
  return Object.entries(tags).map(([Key, Value]) => ({Key, Value}))
}

export function tagMap(tags: ReadonlyArray<{Key?: string; Value?: string}> | undefined): Record<string, string> {
  return Object.fromEntries((tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']))
}

/** What to write and what to remove to bring `live` tags to `wanted`; `aws:` tags belong to AWS and stay. */
export function tagDelta(live: Record<string, string>, wanted: Record<string, string>): {set: Record<string, string>; remove: string[]} {
  return {
    set: Object.fromEntries(Object.entries(wanted).filter(([k, v]) => live[k] !== v)),
    remove: Object.keys(live).filter((k) => !(k in wanted) && !k.toLowerCase().startsWith('aws:')),
  }
}

/**
 * Runs one read of a listed resource; undefined when the resource went away between the list
 * and this call (a delete finishing meanwhile is no error for a snapshot).
 */
export async function unlessGone<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read()
  } catch (error) {
    const name = errorName(error)
    if (name === 'ResourceNotFoundException' || name === 'ResourceNotFound' || name === 'StateMachineDoesNotExist') return undefined
    throw error
  }
}
