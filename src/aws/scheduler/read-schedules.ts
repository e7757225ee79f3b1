import {
  GetScheduleCommand,
  ListScheduleGroupsCommand,
  ListSchedulesCommand,
  ListTagsForResourceCommand,
  type SchedulerClient,
} from '@aws-sdk/client-scheduler'
import pLimit from 'p-limit'

import type {SnapshotQuery} from '../../apply/adapter.js'
import {isOwnedBy, type AnyLiveResource} from '../../model/index.js'
import {pages} from '../pages.js'
import {tagMap, unlessGone} from '../events/step-call.js'
import {scheduleSpec} from './schedule-target.js'

/**
 * The live snapshot of schedule groups and schedules. Ownership lives on the group (schedules
 * take no tags), so: ListScheduleGroups once; ListTagsForResource for candidate groups only (the
 * project prefix — batchctl names groups `<project>-…` — or a wanted name); then, in each group
 * owned or wanted, ListSchedules and one GetSchedule per schedule (the list has no targets,
 * https://docs.aws.amazon.com/scheduler/latest/APIReference/API_ListSchedules.html). In a group
 * the project does not own only the wanted schedule names are read (for the conflict check).
 * Groups in the DELETING state are left out: their name is not free yet, and the create step
 * waits for it.
 */
export async function readSchedules(scheduler: SchedulerClient, query: SnapshotQuery): Promise<AnyLiveResource[]> {
  const wantedGroups = new Set(query.wanted['scheduler.scheduleGroup'] ?? [])
  const wantedSchedules = new Set(query.wanted['scheduler.schedule'] ?? [])
  const prefix = `${query.project}-`
  // GetSchedule is one call per schedule: a bounded number in flight keeps a large group from
  // running into Scheduler's request-rate quota.
  const limit = pLimit(10)
  const groups = await pages(async (NextToken) => {
    const out = await scheduler.send(new ListScheduleGroupsCommand({NextToken}))
    return {items: out.ScheduleGroups ?? [], nextToken: out.NextToken}
  })
  const candidates = groups.filter((g) => g.Name !== undefined && g.Arn !== undefined && g.State !== 'DELETING' && (g.Name.startsWith(prefix) || wantedGroups.has(g.Name)))
  const read = await Promise.all(
    candidates.map(async (group): Promise<AnyLiveResource[]> => {
      const name = group.Name!
      const arn = group.Arn!
      const tagged = await unlessGone(() => scheduler.send(new ListTagsForResourceCommand({ResourceArn: arn})))
      if (tagged === undefined) return []
      const tags = tagMap(tagged.Tags)
      const owned = isOwnedBy(tags, query.project, query.env)
      if (!owned && !wantedGroups.has(name)) return []
      const live: AnyLiveResource = {kind: 'scheduler.scheduleGroup', physicalName: name, service: 'scheduler', arn, spec: {}, tags, ...(group.State === undefined ? {} : {status: group.State})}
      const listed = await unlessGone(() =>
        pages(async (NextToken) => {
          const out = await scheduler.send(new ListSchedulesCommand({GroupName: name, NextToken}))
          return {items: out.Schedules ?? [], nextToken: out.NextToken}
        }),
      )
      if (listed === undefined) return []
      const schedules = await Promise.all(
        listed
          .filter((s) => s.Name !== undefined && (owned || wantedSchedules.has(s.Name)))
          .map(async (s): Promise<AnyLiveResource | undefined> => {
            const out = await limit(() => unlessGone(() => scheduler.send(new GetScheduleCommand({Name: s.Name, GroupName: name}))))
            if (out === undefined) return undefined
            return {
              kind: 'scheduler.schedule',
              physicalName: s.Name!,
              service: 'scheduler',
              arn: out.Arn ?? s.Arn ?? '',
              spec: scheduleSpec(out, arn),
              // Schedules cannot be tagged: the planner reads ownership from the group.
              tags: {},
              ...(out.State === undefined ? {} : {status: out.State}),
            }
          }),
      )
      return [live, ...schedules.filter((r): r is AnyLiveResource => r !== undefined)]
    }),
  )
  return read.flat()
}
