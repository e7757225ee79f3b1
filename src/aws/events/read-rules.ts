import {
  ListEventBusesCommand,
  ListRulesCommand,
  ListTagsForResourceCommand,
  ListTargetsByRuleCommand,
  type EventBridgeClient,
  type Rule,
} from '@aws-sdk/client-eventbridge'

import type {SnapshotQuery} from '../../apply/adapter.js'
import {isOwnedBy, type AnyLiveResource, type EventRuleSpec} from '../../model/index.js'
import {pages} from '../pages.js'
import {ruleTargetSpec} from './rule-targets.js'
import {tagMap, unlessGone} from './step-call.js'

/**
 * The live snapshot of EventBridge rules. Rules cannot be listed by tag, and a rule lives on one
 * event bus, so: ListEventBuses once, then on each bus ListRules by name prefix — the project
 * prefix (batchctl names rules `<project>-…`) and each wanted name outside it. Only those
 * candidates cost more: ListTagsForResource each, and ListTargetsByRule for the ones owned or
 * wanted. ListRules already returns every field DescribeRule would (pattern, schedule, state,
 * description, bus), so no DescribeRule is needed
 * (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_ListRules.html).
 */
export async function readRules(events: EventBridgeClient, query: SnapshotQuery): Promise<AnyLiveResource[]> {
  const wanted = new Set(query.wanted['events.rule'] ?? [])
  const prefix = `${query.project}-`
  const prefixes = [prefix, ...[...wanted].filter((name) => !name.startsWith(prefix))]
  const buses = await pages(async (NextToken) => {
    const out = await events.send(new ListEventBusesCommand({NextToken}))
    return {items: out.EventBuses ?? [], nextToken: out.NextToken}
  })
  const listed = await Promise.all(
    buses.flatMap((bus) =>
      prefixes.map((NamePrefix) =>
        pages(async (NextToken) => {
          const out = await events.send(new ListRulesCommand({EventBusName: bus.Name, NamePrefix, NextToken}))
          return {items: out.Rules ?? [], nextToken: out.NextToken}
        }),
      ),
    ),
  )
  const candidates = new Map<string, Rule>()
  for (const rule of listed.flat()) {
    const name = rule.Name ?? ''
    if (rule.Arn !== undefined && (name.startsWith(prefix) || wanted.has(name))) candidates.set(rule.Arn, rule)
  }
  const read = await Promise.all(
    [...candidates.values()].map(async (rule): Promise<AnyLiveResource | undefined> => {
      const arn = rule.Arn!
      const tagged = await unlessGone(() => events.send(new ListTagsForResourceCommand({ResourceARN: arn})))
      if (tagged === undefined) return undefined
      const tags = tagMap(tagged.Tags)
      if (!isOwnedBy(tags, query.project, query.env) && !wanted.has(rule.Name ?? '')) return undefined
      const targets = await unlessGone(() =>
        pages(async (NextToken) => {
          const out = await events.send(new ListTargetsByRuleCommand({Rule: rule.Name, EventBusName: rule.EventBusName, NextToken}))
          return {items: out.Targets ?? [], nextToken: out.NextToken}
        }),
      )
      if (targets === undefined) return undefined
      const spec: EventRuleSpec = {
        eventBusName: rule.EventBusName ?? 'default',
        ...(rule.EventPattern === undefined ? {} : {eventPattern: JSON.parse(rule.EventPattern) as unknown}),
        ...(rule.ScheduleExpression === undefined || rule.ScheduleExpression === '' ? {} : {scheduleExpression: rule.ScheduleExpression}),
        ...(rule.State === undefined ? {} : {state: rule.State as 'ENABLED' | 'DISABLED'}),
        ...(rule.Description === undefined ? {} : {description: rule.Description}),
        targets: targets.map(ruleTargetSpec),
      }
      return {kind: 'events.rule', physicalName: rule.Name ?? '', service: 'events', arn, spec, tags, ...(rule.State === undefined ? {} : {status: rule.State})}
    }),
  )
  return read.filter((r): r is AnyLiveResource => r !== undefined)
}
