import type {CreateEventBusRequest, EventBus} from '@aws-sdk/client-eventbridge'

import {AwsError, validationException} from '../../aws-error.js'
import type {RequestContext} from '../../service.js'
import {busName, findBus} from './lookup.js'
import {invalidToken} from './rules.js'
import {type EventBusRecord, type EventsState, eventsArn} from './state.js'
import {applyTags, checkTags} from './tags.js'
import {checkLength, checkPattern, checkRange, page, requireString} from './validate.js'

type Ctx = RequestContext<EventsState>

/** Bus times are epoch seconds on the wire (awsJson timestamps). */
function view(bus: EventBusRecord): EventBus {
  return {
    Name: bus.Name,
    Arn: bus.Arn,
    Description: bus.Description,
    CreationTime: (bus.CreationTime / 1000) as unknown as Date,
    LastModifiedTime: (bus.LastModifiedTime / 1000) as unknown as Date,
  }
}

export const eventBusHandlers = {
  CreateEventBus(input: CreateEventBusRequest, {state, clock}: Ctx) {
    const name = requireString(input.Name, 'name')
    checkLength(name, 'name', 1, 256)
    // Only partner event buses (named after their aws.partner/ source) may contain '/'.
    if (input.EventSourceName === undefined) checkPattern(name, 'name', /^[.\-_A-Za-z0-9]+$/, '[\\.\\-_A-Za-z0-9]+')
    checkLength(input.Description, 'description', 0, 512)
    const tags = checkTags(input.Tags)
    if (state.buses.has(name)) throw new AwsError('ResourceAlreadyExistsException', `Event bus ${name} already exists.`, 400)
    const now = clock.now()
    const bus: EventBusRecord = {
      Name: name,
      Arn: eventsArn(state, `event-bus/${name}`),
      Description: input.Description,
      CreationTime: now,
      LastModifiedTime: now,
    }
    state.buses.set(name, bus)
    applyTags(state, bus.Arn, tags)
    return {EventBusArn: bus.Arn, Description: bus.Description}
  },

  DescribeEventBus(input: {Name?: string}, {state}: Ctx) {
    return view(findBus(state, input.Name))
  },

  ListEventBuses(input: {NamePrefix?: string; NextToken?: string; Limit?: number}, {state}: Ctx) {
    checkRange(input.Limit, 'limit', 1, 100)
    checkLength(input.NamePrefix, 'namePrefix', 1, 256)
    const buses = [...state.buses.values()]
      .filter((bus) => bus.Name.startsWith(input.NamePrefix ?? ''))
      .sort((a, b) => (a.Name < b.Name ? -1 : 1))
    const {items, next} = page(buses, input.NextToken, input.Limit ?? 100, invalidToken)
    return {EventBuses: items.map(view), NextToken: next}
  },

  /**
   * Deleting a bus that does not exist succeeds; the default bus cannot be deleted; "All rules
   * associated with this event bus need to be deleted" first
   * (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_DeleteEventBus.html), else the
   * service answers ValidationException "EventBus can't be deleted since it has rules.".
   */
  DeleteEventBus(input: {Name?: string}, {state}: Ctx) {
    const name = busName(requireString(input.Name, 'name'))
    if (name === 'default') throw validationException('Cannot delete event bus default.')
    const bus = state.buses.get(name)
    if (!bus) return {}
    if ([...state.rules.values()].some((rule) => rule.EventBusName === name)) {
      throw validationException("EventBus can't be deleted since it has rules.")
    }
    state.buses.delete(name)
    state.tags.delete(bus.Arn)
    return {}
  },
}
