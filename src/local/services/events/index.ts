import {defineService} from '../../service.js'
import {eventBusHandlers} from './event-buses.js'
import {restoreEvents, saveEvents} from './persistence.js'
import {eventHandlers} from './put-events.js'
import {ruleHandlers} from './rules.js'
import {createEventsState, type EventsState} from './state.js'
import {tagHandlers} from './tags.js'
import {targetHandlers} from './targets.js'

/**
 * EventBridge (awsJson1_1, `AWSEvents`): event buses, rules (schedules fire on the emulator
 * clock in UTC; patterns match PutEvents), targets (Batch SubmitJob, Step Functions
 * StartExecution; others are recorded as not emulated), tags, PutEvents and TestEventPattern.
 * Every target invocation is recorded in `emulator.state('events').invocations`. Not emulated:
 * target retries and dead-letter queues, archives, replays, connections, API destinations.
 */
export const eventsService = defineService<EventsState>({
  signingName: 'events',
  protocol: 'awsJson1_1',
  targetPrefix: 'AWSEvents',
  throttle: {code: 'ThrottlingException', status: 400},
  createState: createEventsState,
  dispose(state) {
    for (const rule of state.rules.values()) state.emulator.clock.clearTimeout(rule.timer)
  },
  save: saveEvents,
  restore: restoreEvents,
  handlers: {...eventBusHandlers, ...ruleHandlers, ...targetHandlers, ...tagHandlers, ...eventHandlers},
})
