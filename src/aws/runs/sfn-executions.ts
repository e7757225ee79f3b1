import {DescribeJobsCommand} from '@aws-sdk/client-batch'
import {
  DescribeExecutionCommand,
  DescribeStateMachineForExecutionCommand,
  GetExecutionHistoryCommand,
  type HistoryEvent as SdkHistoryEvent,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn'
import {GetCallerIdentityCommand} from '@aws-sdk/client-sts'

import {
  type ExecutionInfo,
  ExecutionAlreadyExistsError,
  type ExecutionsApi,
  type ExecutionStatus,
  type HistoryEvent,
  type JobProgress,
  NotFoundError,
} from '../../runs/executions-api.js'
import type {AwsClients} from '../clients.js'

// AWS: https://docs.aws.amazon.com/step-functions/latest/apireference/API_GetExecutionHistory.html (maxResults 1..1000)
const HISTORY_PAGE = 1000
// AWS: https://docs.aws.amazon.com/batch/latest/APIReference/API_DescribeJobs.html (up to 100 job IDs)
const DESCRIBE_JOBS_BATCH = 100

function errorName(error: unknown): string {
  return (error as {name?: string}).name ?? ''
}

function ms(date: Date | undefined): number | undefined {
  return date === undefined ? undefined : date.getTime()
}

/** Folds the one `*EventDetails` member of an SDK event into flat optional fields. */
export function flattenEvent(event: SdkHistoryEvent): HistoryEvent {
  const flat: HistoryEvent = {id: event.id ?? 0, type: String(event.type), timestamp: ms(event.timestamp) ?? 0}
  if (event.previousEventId !== undefined && event.previousEventId !== 0) flat.previousEventId = event.previousEventId
  for (const [key, value] of Object.entries(event)) {
    if (!key.endsWith('EventDetails') || !value || typeof value !== 'object') continue
    const details = value as Record<string, unknown>
    for (const field of ['name', 'error', 'cause', 'output', 'resourceType', 'resource'] as const) {
      if (typeof details[field] === 'string') flat[field] = details[field]
    }
    if (typeof details.length === 'number') flat.length = details.length
    if (typeof details.index === 'number') flat.index = details.index
  }
  return flat
}

/** The Step Functions, Batch (DescribeJobs) and STS calls `batchctl run` makes. */
export function sfnExecutions(clients: AwsClients, options: {historyPageSize?: number} = {}): ExecutionsApi {
  const {sfn, batch, sts} = clients
  const historyPage = options.historyPageSize ?? HISTORY_PAGE
  return {
    async callerIdentity() {
      const identity = await sts.send(new GetCallerIdentityCommand({}))
      const partition = identity.Arn?.split(':')[1] ?? 'aws'
      return {account: identity.Account ?? '', partition}
    },

    async findStateMachines(name) {
      const arns: string[] = []
      let nextToken: string | undefined
      do {
        const page = await sfn.send(new ListStateMachinesCommand({...(nextToken ? {nextToken} : {})}))
        for (const machine of page.stateMachines ?? []) if (machine.name === name && machine.stateMachineArn) arns.push(machine.stateMachineArn)
        nextToken = page.nextToken
      } while (nextToken)
      return arns
    },

    async start({stateMachineArn, name, input}) {
      try {
        const out = await sfn.send(new StartExecutionCommand({stateMachineArn, name, input}))
        return {executionArn: out.executionArn ?? '', startDate: ms(out.startDate) ?? Date.now()}
      } catch (error) {
        if (errorName(error) === 'ExecutionAlreadyExists') throw new ExecutionAlreadyExistsError((error as Error).message, {cause: error})
        if (errorName(error) === 'StateMachineDoesNotExist') throw new NotFoundError((error as Error).message, {cause: error})
        throw error
      }
    },

    async describe(executionArn) {
      try {
        const out = await sfn.send(new DescribeExecutionCommand({executionArn}))
        return toInfo({...out, executionArn: out.executionArn ?? executionArn})
      } catch (error) {
        if (errorName(error) === 'ExecutionDoesNotExist') throw new NotFoundError((error as Error).message, {cause: error})
        throw error
      }
    },

    async definition(executionArn) {
      const out = await sfn.send(new DescribeStateMachineForExecutionCommand({executionArn}))
      return out.definition ?? '{}'
    },

    async historySince(executionArn, afterId) {
      // Newest first, so a poll reads only the pages holding events it has not seen yet.
      const fresh: HistoryEvent[] = []
      let nextToken: string | undefined
      let reachedSeen = false
      do {
        const page = await sfn.send(
          new GetExecutionHistoryCommand({executionArn, reverseOrder: true, maxResults: historyPage, ...(nextToken ? {nextToken} : {})}),
        )
        for (const event of page.events ?? []) {
          if ((event.id ?? 0) <= afterId) {
            reachedSeen = true
            break
          }
          fresh.push(flattenEvent(event))
        }
        nextToken = page.nextToken
      } while (nextToken && !reachedSeen)
      return fresh.reverse()
    },

    async list(stateMachineArn, max) {
      const found: ExecutionInfo[] = []
      let nextToken: string | undefined
      do {
        const request = {stateMachineArn, maxResults: Math.min(1000, max - found.length), ...(nextToken ? {nextToken} : {})}
        const page = await sfn.send(new ListExecutionsCommand(request)).catch((error: unknown) => {
          if (errorName(error) === 'StateMachineDoesNotExist') throw new NotFoundError((error as Error).message, {cause: error})
          throw error
        })
        for (const e of page.executions ?? []) found.push(toInfo({...e, stateMachineArn: e.stateMachineArn ?? stateMachineArn}))
        nextToken = page.nextToken
      } while (nextToken && found.length < max)
      return found.slice(0, max)
    },

    async stop(executionArn, error, cause) {
      await sfn.send(new StopExecutionCommand({executionArn, ...(error ? {error} : {}), ...(cause ? {cause} : {})}))
    },

    async describeJobs(jobIds) {
      const unique = [...new Set(jobIds)]
      const found: JobProgress[] = []
      for (let i = 0; i < unique.length; i += DESCRIBE_JOBS_BATCH) {
        const out = await batch.send(new DescribeJobsCommand({jobs: unique.slice(i, i + DESCRIBE_JOBS_BATCH)}))
        for (const job of out.jobs ?? []) {
          if (!job.jobId) continue
          const summary = job.arrayProperties?.statusSummary
          found.push({
            jobId: job.jobId,
            ...(job.jobName ? {jobName: job.jobName} : {}),
            status: String(job.status),
            ...(job.statusReason ? {statusReason: job.statusReason} : {}),
            ...(job.arrayProperties?.size !== undefined ? {arraySize: job.arrayProperties.size} : {}),
            ...(summary ? {statusSummary: {...summary}} : {}),
          })
        }
      }
      return found
    },
  }
}

function toInfo(e: {
  executionArn?: string
  stateMachineArn?: string
  name?: string
  status?: string
  startDate?: Date
  stopDate?: Date
  input?: string
  output?: string
  error?: string
  cause?: string
}): ExecutionInfo {
  const stop = ms(e.stopDate)
  return {
    executionArn: e.executionArn ?? '',
    stateMachineArn: e.stateMachineArn ?? '',
    name: e.name ?? '',
    status: (e.status ?? 'RUNNING') as ExecutionStatus,
    startDate: ms(e.startDate) ?? 0,
    ...(stop !== undefined ? {stopDate: stop} : {}),
    ...(e.input !== undefined ? {input: e.input} : {}),
    ...(e.output !== undefined ? {output: e.output} : {}),
    ...(e.error !== undefined ? {error: e.error} : {}),
    ...(e.cause !== undefined ? {cause: e.cause} : {}),
  }
}
