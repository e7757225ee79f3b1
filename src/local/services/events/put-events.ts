import type {PutEventsRequestEntry, PutEventsResultEntry} from '@aws-sdk/client-eventbridge'
import {randomUUID} from 'node:crypto'

import {validationException} from '../../aws-error.js'
import type {RequestContext} from '../../service.js'
import {deliver, eventTime} from './deliver.js'
import {matchesPattern} from './event-match.js'
import {parseEventPattern} from './event-pattern.js'
import {busName} from './lookup.js'
import type {EventsState} from './state.js'
import {constraintError, requireString} from './validate.js'

type Ctx = RequestContext<EventsState>

function parseDetail(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text)
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

function entryError(code: string, message: string): PutEventsResultEntry {
  return {ErrorCode: code, ErrorMessage: message}
}

/** Accepts one entry (returning its event) or explains, per entry, why not, as PutEvents does. */
function acceptEntry(
  state: EventsState,
  entry: PutEventsRequestEntry,
  now: number,
): {event: Record<string, unknown>; bus: string} | PutEventsResultEntry {
  for (const field of ['Source', 'DetailType', 'Detail'] as const) {
    if (typeof entry[field] !== 'string' || entry[field] === '') {
      return entryError('InvalidArgument', `Parameter ${field} is not valid. Reason: ${field} is a required argument.`)
    }
  }
  const detail = parseDetail(entry.Detail!)
  if (!detail) return entryError('MalformedDetail', 'Detail is malformed.')
  const bus = busName(entry.EventBusName)
  if (!state.buses.has(bus)) return entryError('InvalidArgument', `Event bus ${bus} does not exist.`)
  const time = entry.Time === undefined ? now : Number(entry.Time) * 1000
  const event = {
    version: '0',
    id: randomUUID(),
    'detail-type': entry.DetailType,
    source: entry.Source,
    account: state.accountId,
    time: eventTime(time),
    region: state.region,
    resources: entry.Resources ?? [],
    detail,
  }
  return {event, bus}
}

/** Rules on a bus whose pattern matches an event, in name order. */
function matchingRules(state: EventsState, bus: string, event: unknown) {
  return [...state.rules.values()]
    .filter((rule) => rule.EventBusName === bus && rule.State !== 'DISABLED' && rule.EventPattern)
    .filter((rule) => matchesPattern(parseEventPattern(rule.EventPattern!), event))
    .sort((a, b) => (a.Name < b.Name ? -1 : 1))
}

/** PutEvents refuses a request whose entries add up to more than 256 KB. */
const MAX_ENTRIES_BYTES = 256 * 1024

/**
 * An entry's size as EventBridge counts it: 14 bytes for Time if given, plus the UTF-8 bytes of
 * Source, DetailType, Detail and each Resource
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevent-size.html).
 */
export function entrySize(entry: PutEventsRequestEntry): number {
  const bytes = (text: unknown): number => (typeof text === 'string' ? Buffer.byteLength(text, 'utf8') : 0)
  let size = entry.Time === undefined ? 0 : 14
  size += bytes(entry.Source) + bytes(entry.DetailType) + bytes(entry.Detail)
  for (const resource of entry.Resources ?? []) size += bytes(resource)
  return size
}

const REQUIRED_EVENT_FIELDS = ['id', 'account', 'source', 'time', 'region', 'resources', 'detail-type']

export const eventHandlers = {
  PutEvents(input: {Entries?: PutEventsRequestEntry[]}, {state, clock}: Ctx) {
    const entries = input.Entries
    if (!Array.isArray(entries)) throw constraintError(entries, 'entries', 'not be null')
    if (entries.length < 1) throw constraintError(entries, 'entries', 'have length greater than or equal to 1')
    if (entries.length > 10) throw constraintError(`[${entries.length} entries]`, 'entries', 'have length less than or equal to 10')
    // The whole request fails, as AWS answers it ("Total size of the entries in the request is over the limit.").
    if (entries.reduce((sum, entry) => sum + entrySize(entry ?? {}), 0) > MAX_ENTRIES_BYTES) {
      throw validationException('Total size of the entries in the request is over the limit.')
    }
    const now = clock.now()
    let failed = 0
    const results = entries.map((entry): PutEventsResultEntry => {
      const accepted = acceptEntry(state, entry ?? {}, now)
      if (!('event' in accepted)) {
        failed++
        return accepted
      }
      for (const rule of matchingRules(state, accepted.bus, accepted.event)) void deliver(state, rule, accepted.event)
      return {EventId: accepted.event.id as string}
    })
    return {FailedEntryCount: failed, Entries: results}
  },

  TestEventPattern(input: {EventPattern?: string; Event?: string}) {
    const pattern = parseEventPattern(requireString(input.EventPattern, 'eventPattern'))
    const event = parseDetail(requireString(input.Event, 'event'))
    if (!event) throw validationException('Parameter Event is not valid.')
    const missing = REQUIRED_EVENT_FIELDS.filter((field) => !(field in event))
    if (missing.length > 0) {
      throw validationException(`Parameter Event is not valid. Reason: missing required fields: ${missing.join(', ')}.`)
    }
    return {Result: matchesPattern(pattern, event)}
  },
}
