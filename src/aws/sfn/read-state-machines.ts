import {
  DescribeStateMachineCommand,
  ListStateMachinesCommand,
  ListTagsForResourceCommand,
  type DescribeStateMachineOutput,
  type SFNClient,
} from '@aws-sdk/client-sfn'

import type {SnapshotQuery} from '../../apply/adapter.js'
import {isOwnedBy, type AnyLiveResource, type StateMachineSpec} from '../../model/index.js'
import {pages} from '../pages.js'
import {unlessGone} from '../events/step-call.js'

/**
 * The live snapshot of state machines. ListStateMachines carries no tags, so tags are read
 * (ListTagsForResource) only for candidates — the project prefix (batchctl names state machines
 * `<project>-…`, replacements `<name>-<hash8>`) or a wanted name — and DescribeStateMachine only
 * for the ones owned or wanted. A machine being deleted (DELETING) is left out: it is going, and
 * the create step waits for its name to be free.
 */
export async function readStateMachines(sfn: SFNClient, query: SnapshotQuery): Promise<AnyLiveResource[]> {
  const wanted = new Set(query.wanted['sfn.stateMachine'] ?? [])
  const prefix = `${query.project}-`
  const listed = await pages(async (nextToken) => {
    const out = await sfn.send(new ListStateMachinesCommand({nextToken}))
    return {items: out.stateMachines ?? [], nextToken: out.nextToken}
  })
  const candidates = listed.filter((m) => m.name !== undefined && m.stateMachineArn !== undefined && (m.name.startsWith(prefix) || wanted.has(m.name)))
  const read = await Promise.all(
    candidates.map(async (machine): Promise<AnyLiveResource | undefined> => {
      const arn = machine.stateMachineArn!
      const tagged = await unlessGone(() => sfn.send(new ListTagsForResourceCommand({resourceArn: arn})))
      if (tagged === undefined) return undefined
      const tags = Object.fromEntries((tagged.tags ?? []).map((t) => [t.key ?? '', t.value ?? '']))
      if (!isOwnedBy(tags, query.project, query.env) && !wanted.has(machine.name!)) return undefined
      const described = await unlessGone(() => sfn.send(new DescribeStateMachineCommand({stateMachineArn: arn})))
      if (described === undefined || described.status === 'DELETING') return undefined
      return {
        kind: 'sfn.stateMachine',
        physicalName: machine.name!,
        service: 'sfn',
        arn,
        spec: stateMachineSpec(described),
        tags,
        ...(described.status === undefined ? {} : {status: described.status}),
      }
    }),
  )
  return read.filter((r): r is AnyLiveResource => r !== undefined)
}

/** DescribeStateMachine output → StateMachineSpec; the definition is parsed from its JSON text. */
export function stateMachineSpec(out: DescribeStateMachineOutput): StateMachineSpec {
  const logging = out.loggingConfiguration
  return {
    definition: JSON.parse(out.definition ?? '{}') as unknown,
    roleArn: out.roleArn ?? '',
    ...(out.type === undefined ? {} : {type: out.type as 'STANDARD' | 'EXPRESS'}),
    ...(logging === undefined
      ? {}
      : {
          loggingConfiguration: {
            ...(logging.level === undefined ? {} : {level: logging.level as 'ALL' | 'ERROR' | 'FATAL' | 'OFF'}),
            ...(logging.includeExecutionData === undefined ? {} : {includeExecutionData: logging.includeExecutionData}),
            ...(logging.destinations === undefined
              ? {}
              : {
                  destinations: logging.destinations.map((d) =>
                    d.cloudWatchLogsLogGroup?.logGroupArn === undefined ? {} : {cloudWatchLogsLogGroup: {logGroupArn: d.cloudWatchLogsLogGroup.logGroupArn}},
                  ),
                }),
          },
        }),
    ...(out.tracingConfiguration?.enabled === undefined ? {} : {tracingConfiguration: {enabled: out.tracingConfiguration.enabled}}),
  }
}
