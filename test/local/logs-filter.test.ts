import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  FilterLogEventsCommand,
  InvalidParameterException,
  paginateFilterLogEvents,
  PutLogEventsCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-cloudwatch-logs'
import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'

import {compileFilterPattern} from '../../src/local/services/logs/filter-pattern.js'
import {startEmulator} from '../helpers/emulator.js'

async function setup() {
  const {emulator, config} = await startEmulator()
  const logs = new CloudWatchLogsClient(config)
  await logs.send(new CreateLogGroupCommand({logGroupName: 'g'}))
  const t0 = emulator.clock.now() - 60_000
  const streams: Record<string, Array<[number, string]>> = {
    'job/a': [
      [0, 'INFO starting'],
      [20, 'ERROR disk full'],
      [40, '{"level":"error","code":500,"user":{"id":"u1"}}'],
    ],
    'job/b': [
      [10, 'WARN slow'],
      [30, 'ERROR timeout "upstream db"'],
      [50, '{"level":"info","code":200}'],
    ],
    'other/c': [[25, 'ERROR elsewhere']],
  }
  for (const [name, events] of Object.entries(streams)) {
    await logs.send(new CreateLogStreamCommand({logGroupName: 'g', logStreamName: name}))
    await logs.send(
      new PutLogEventsCommand({
        logGroupName: 'g',
        logStreamName: name,
        logEvents: events.map(([offset, message]) => ({timestamp: t0 + offset, message})),
      }),
    )
  }
  return {emulator, logs, t0}
}

// AWS: FilterLogEvents — https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_FilterLogEvents.html
describe('CloudWatch Logs: FilterLogEvents', () => {
  it('interleaves events of all streams by time, with stream names and event ids', async () => {
    const {logs, t0} = await setup()
    const {events, searchedLogStreams, nextToken} = await logs.send(new FilterLogEventsCommand({logGroupName: 'g'}))
    expect(events!.map((event) => [event.logStreamName, event.timestamp! - t0])).toEqual([
      ['job/a', 0],
      ['job/b', 10],
      ['job/a', 20],
      ['other/c', 25],
      ['job/b', 30],
      ['job/a', 40],
      ['job/b', 50],
    ])
    expect(new Set(events!.map((event) => event.eventId)).size).toBe(7)
    expect(events![0]!.eventId).toMatch(/^\d{56}$/)
    expect(events![0]!.ingestionTime).toBeGreaterThanOrEqual(t0)
    expect(searchedLogStreams).toEqual([])
    expect(nextToken).toBeUndefined()
  })

  it('filters by stream names or prefix (not both) and by inclusive time bounds', async () => {
    const {logs, t0} = await setup()
    const messages = async (input: Partial<ConstructorParameters<typeof FilterLogEventsCommand>[0]>) =>
      (await logs.send(new FilterLogEventsCommand({logGroupName: 'g', ...input}))).events!.map((event) => event.message)
    expect(await messages({logStreamNames: ['job/b']})).toEqual(['WARN slow', 'ERROR timeout "upstream db"', '{"level":"info","code":200}'])
    expect(await messages({logStreamNamePrefix: 'other'})).toEqual(['ERROR elsewhere'])
    expect(await messages({startTime: t0 + 20, endTime: t0 + 30})).toEqual(['ERROR disk full', 'ERROR elsewhere', 'ERROR timeout "upstream db"'])
    const both = await logs
      .send(new FilterLogEventsCommand({logGroupName: 'g', logStreamNames: ['job/a'], logStreamNamePrefix: 'job'}))
      .catch((e) => e)
    expect(both).toBeInstanceOf(InvalidParameterException)
    const missing = await logs.send(new FilterLogEventsCommand({logGroupName: 'g', logStreamNames: ['job/a', 'nope']})).catch((e) => e)
    expect(missing).toBeInstanceOf(ResourceNotFoundException)
    expect(missing.message).toBe('The specified log stream does not exist.')
    const tooMany = await logs
      .send(new FilterLogEventsCommand({logGroupName: 'g', logStreamNames: Array.from({length: 101}, (_, i) => `s${i}`)}))
      .catch((e) => e)
    expect(tooMany).toBeInstanceOf(InvalidParameterException)
  })

  it('applies filter patterns: terms, phrases, any-of, exclusions and JSON selectors', async () => {
    const {logs} = await setup()
    const messages = async (filterPattern: string) =>
      (await logs.send(new FilterLogEventsCommand({logGroupName: 'g', filterPattern}))).events!.map((event) => event.message)
    expect(await messages('ERROR')).toEqual(['ERROR disk full', 'ERROR elsewhere', 'ERROR timeout "upstream db"'])
    expect(await messages('ERROR -disk')).toEqual(['ERROR elsewhere', 'ERROR timeout "upstream db"'])
    expect(await messages('"disk full"')).toEqual(['ERROR disk full'])
    expect(await messages('?WARN ?INFO')).toEqual(['INFO starting', 'WARN slow'])
    expect(await messages('{ $.level = "error" }')).toEqual(['{"level":"error","code":500,"user":{"id":"u1"}}'])
    expect(await messages('{ $.code >= 200 && $.user.id = u* }')).toEqual(['{"level":"error","code":500,"user":{"id":"u1"}}'])
    expect(await messages('{ ($.code = 200) || ($.code = 500) }')).toHaveLength(2)
    expect(await messages('{ $.user NOT EXISTS }')).toEqual(['{"level":"info","code":200}'])
    const bad = await logs.send(new FilterLogEventsCommand({logGroupName: 'g', filterPattern: '{ $.code > "x" }'})).catch((e) => e)
    expect(bad).toBeInstanceOf(InvalidParameterException)
  })

  it('pages with limit and nextToken until no token is returned', async () => {
    const {logs} = await setup()
    const pages: string[][] = []
    for await (const page of paginateFilterLogEvents({client: logs, pageSize: 3}, {logGroupName: 'g'})) {
      pages.push(page.events!.map((event) => event.message!))
    }
    expect(pages.map((page) => page.length)).toEqual([3, 3, 1])
    expect(pages.flat()).toHaveLength(7)
    expect(new Set(pages.flat()).size).toBe(7)
    const badLimit = await logs.send(new FilterLogEventsCommand({logGroupName: 'g', limit: 0})).catch((e) => e)
    expect(badLimit).toBeInstanceOf(InvalidParameterException)
  })

  it('answers with the keys and JSON types of the API reference response', async () => {
    const {emulator, logs} = await setup()
    const fixture = JSON.parse(readFileSync(new URL('../fixtures/aws/logs-filter-log-events.json', import.meta.url), 'utf8'))
    // The raw wire answer, so keys the SDK would drop are seen too (the emulator reads only the credential scope).
    const raw = await fetch(emulator.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'Logs_20140328.FilterLogEvents',
        authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/logs/aws4_request, SignedHeaders=host, Signature=0',
      },
      body: JSON.stringify({logGroupName: 'g', limit: 2}),
    })
    expect(raw.status).toBe(200)
    const body = (await raw.json()) as Record<string, any>
    const expected = fixture.response
    expect(Object.keys(body).sort()).toEqual(Object.keys(expected).sort())
    for (const key of Object.keys(expected)) expect(typeName(body[key]), key).toBe(typeName(expected[key]))
    const event = body.events[0]
    expect(Object.keys(event).sort()).toEqual(Object.keys(expected.events[0]).sort())
    for (const key of Object.keys(expected.events[0])) expect(typeName(event[key]), key).toBe(typeName(expected.events[0][key]))
    // And the SDK reads it into its typed shape.
    const typed = await logs.send(new FilterLogEventsCommand({logGroupName: 'g', limit: 2}))
    expect(typed.events![0]).toEqual(event)
  })
})

function typeName(value: unknown): string {
  return Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value
}

describe('filter pattern matching', () => {
  it('matches space-delimited patterns with named fields, conditions and ellipses', () => {
    const access = '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 404 1534'
    expect(compileFilterPattern('[ip, identity, user, timestamp, request, status_code = 404, bytes]')(access)).toBe(true)
    expect(compileFilterPattern('[ip, identity, user, timestamp, request, status_code = 2*, bytes]')(access)).toBe(false)
    expect(compileFilterPattern('[..., status_code = 4*, bytes > 1000]')(access)).toBe(true)
    expect(compileFilterPattern('[ip = 127.*, ...]')(access)).toBe(true)
    expect(compileFilterPattern('[ip, user]')(access)).toBe(false)
  })

  it('matches %regex% terms and treats an empty pattern as match-all', () => {
    expect(compileFilterPattern('%ERR(OR)?%')('an ERR here')).toBe(true)
    expect(compileFilterPattern('%^WARN%')('an ERR here')).toBe(false)
    expect(compileFilterPattern('')('anything')).toBe(true)
    expect(compileFilterPattern('{ $.ok IS TRUE }')('{"ok":true}')).toBe(true)
    expect(compileFilterPattern('{ $.ok IS TRUE }')('not json')).toBe(false)
    expect(compileFilterPattern('{ $.v IS NULL }')('{"v":null}')).toBe(true)
    expect(compileFilterPattern('{ $.items[1].n = 2 }')('{"items":[{"n":1},{"n":2}]}')).toBe(true)
  })
})
