import {type CloudWatchLogsClient, FilterLogEventsCommand} from '@aws-sdk/client-cloudwatch-logs'

import {type FilterRequest, type LogEvent, type LogsApi, LogStreamMissing} from '../../jobs/jobs-api.js'

/** FilterLogEvents over the SDK: the one logs call the jobs services make. */
export class LogEvents implements LogsApi {
  constructor(private readonly logs: CloudWatchLogsClient) {}

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
