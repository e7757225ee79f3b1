import type {Resource} from '../model/index.js'
import {compact, type DesiredContext, entries} from './context.js'
import {eventRule} from './invocation.js'

/**
 * `triggers:` → one `events.rule` per entry: the event pattern on its bus, and one target
 * (id `batchctl`) that submits the job or starts the workflow, with `$.` values taken from
 * the event through an input transformer (see `ruleInput`).
 * The trigger's `retryPolicy` and `deadLetterQueue` become the target's RetryPolicy and
 * DeadLetterConfig. The target sends no share identifier or scheduling priority: a rule cannot
 * pass them to Batch (validate refuses triggers on fair-share queues).
 */
export function triggers(ctx: DesiredContext): Array<Resource<'events.rule'>> {
  return entries(ctx.config.triggers).map(([key, trigger]) =>
    eventRule(ctx, key, trigger, compact({eventBusName: trigger.bus, eventPattern: trigger.event}), `Trigger "${key}"`, 'triggerRole'),
  )
}
