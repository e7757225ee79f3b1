import {type ExecutionInfo, type ExecutionsApi, NotFoundError} from './executions-api.js'
import type {StateMachineRef} from './start-run.js'

/** One line of `batchctl run --list`. */
export interface RunListing {
  workflow: string
  name: string
  executionArn: string
  status: ExecutionInfo['status']
  startDate: number
  stopDate?: number
  /** ms from start to stop, or to `now` while running. */
  durationMs: number
}

/**
 * Recent executions of each workflow's state machine, newest first. A workflow whose state
 * machine does not exist yet has none (it is not an error to list before the first apply).
 */
export async function listRuns(api: ExecutionsApi, machines: StateMachineRef[], options: {limit: number; now?: number}): Promise<RunListing[]> {
  const now = options.now ?? Date.now()
  const listings: RunListing[] = []
  for (const machine of machines) {
    let executions: ExecutionInfo[]
    try {
      executions = await api.list(machine.arn, options.limit)
    } catch (error) {
      if (error instanceof NotFoundError) continue
      throw error
    }
    for (const e of executions) {
      listings.push({
        workflow: machine.workflow,
        name: e.name,
        executionArn: e.executionArn,
        status: e.status,
        startDate: e.startDate,
        ...(e.stopDate !== undefined ? {stopDate: e.stopDate} : {}),
        durationMs: Math.max(0, (e.stopDate ?? now) - e.startDate),
      })
    }
  }
  return listings.sort((a, b) => b.startDate - a.startDate)
}
