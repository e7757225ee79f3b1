import {type CloudWatchLogsClient, FilterLogEventsCommand, StartLiveTailCommand, type StartLiveTailResponseStream} from '@aws-sdk/client-cloudwatch-logs'

import {
  type FilterRequest,
  type LiveTailMessage,
  type LiveTailRequest,
  LiveTailUnavailable,
  type LogEvent,
  type LogsApi,
  LogStreamMissing,
} from '../../jobs/jobs-api.js'

/** Options of the adapter. */
export interface LogEventsOptions {
  /** The account of the log groups, when a Live Tail request does not carry it (StartLiveTail takes ARNs). */
  accountId?: () => Promise<string>
}

/** FilterLogEvents and StartLiveTail over the SDK: the logs calls the jobs services make. */
export class LogEvents implements LogsApi {
  constructor(
    private readonly logs: CloudWatchLogsClient,
    private readonly options: LogEventsOptions = {},
  ) {}

  /**
   * StartLiveTail on one group by ARN: "Specify each log group by its ARN" (logGroupIdentifiers,
   * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_StartLiveTail.html).
   */
  async startLiveTail(request: LiveTailRequest, signal: AbortSignal): Promise<AsyncIterable<LiveTailMessage>> {
    const accountId = request.accountId ?? (await this.options.accountId?.())
    if (!accountId) throw new LiveTailUnavailable('the account of the log group is unknown, so its ARN is too')
    const region = await this.logs.config.region()
    const arn = `arn:${partitionOf(region)}:logs:${region}:${accountId}:log-group:${request.logGroupName}`
    const out = await this.logs.send(
      new StartLiveTailCommand({
        logGroupIdentifiers: [arn],
        logStreamNamePrefixes: request.logStreamNamePrefixes,
        ...(request.filterPattern ? {logEventFilterPattern: request.filterPattern} : {}),
      }),
      {abortSignal: signal},
    )
    const stream = out.responseStream
    if (!stream) throw new LiveTailUnavailable('StartLiveTail answered without a response stream')
    return messages(stream)
  }

  async filterLogEvents(request: FilterRequest): Promise<{events: LogEvent[]; nextToken?: string}> {
    if (request.logStreamNames.length < 1 || request.logStreamNames.length > 100) {
      throw new RangeError('FilterLogEvents takes 1 to 100 stream names')
    }
    const command = new FilterLogEventsCommand({
      logGroupName: request.logGroupName,
      logStreamNames: request.logStreamNames,
      ...(request.startTime !== undefined ? {startTime: request.startTime} : {}),
      ...(request.endTime !== undefined ? {endTime: request.endTime} : {}),
      ...(request.filterPattern ? {filterPattern: request.filterPattern} : {}),
      ...(request.nextToken ? {nextToken: request.nextToken} : {}),
    })
    let out
    try {
      out = await this.logs.send(command)
    } catch (error) {
      // A stream Batch named can be missing for a while (created at container start) or for
      // good (the container never started); the caller reads the others without it.
      if ((error as {name?: string}).name === 'ResourceNotFoundException') throw new LogStreamMissing((error as Error).message)
      throw error
    }
    const events: LogEvent[] = (out.events ?? []).map((event) => ({
      logStreamName: event.logStreamName!,
      timestamp: event.timestamp ?? 0,
      message: event.message ?? '',
      eventId: event.eventId!,
      ...(event.ingestionTime !== undefined ? {ingestionTime: event.ingestionTime} : {}),
    }))
    return {events, ...(out.nextToken ? {nextToken: out.nextToken} : {})}
  }
}

/** The SDK's union members as plain messages; the stream's exceptions are thrown by its iterator. */
async function* messages(stream: AsyncIterable<StartLiveTailResponseStream>): AsyncIterable<LiveTailMessage> {
  for await (const item of stream) {
    if (item.sessionStart) yield {type: 'start', sessionId: item.sessionStart.sessionId ?? ''}
    else if (item.sessionUpdate) {
      const events = (item.sessionUpdate.sessionResults ?? []).map((event) => ({
        logStreamName: event.logStreamName ?? '',
        timestamp: event.timestamp ?? 0,
        ingestionTime: event.ingestionTime ?? 0,
        message: event.message ?? '',
      }))
      yield {type: 'update', events, sampled: item.sessionUpdate.sessionMetadata?.sampled === true}
    } else if (item.SessionTimeoutException) throw Object.assign(new Error(item.SessionTimeoutException.message ?? 'session timed out'), {name: 'SessionTimeoutException'})
    else if (item.SessionStreamingException) throw Object.assign(new Error(item.SessionStreamingException.message ?? 'session failed'), {name: 'SessionStreamingException'})
  }
}

/** The ARN partition of a Region. */
function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn'
  if (region.startsWith('us-gov-')) return 'aws-us-gov'
  if (region.startsWith('us-iso-')) return 'aws-iso'
  if (region.startsWith('us-isob-')) return 'aws-iso-b'
  return 'aws'
}
