import {defineService, type Handler, type RestRoute} from '../../service.js'
import {withMessage} from './errors.js'
import {groupHandlers} from './groups.js'
import {restoreScheduler, saveScheduler} from './persistence.js'
import {scheduleHandlers} from './schedules.js'
import {createSchedulerState, type SchedulerState} from './state.js'
import {tagHandlers} from './tags.js'

/** Method, path and query bindings from the SDK's model (`@aws-sdk/client-scheduler`). */
const routes: RestRoute[] = [
  {method: 'POST', path: '/schedules/{Name}', operation: 'CreateSchedule'},
  {method: 'GET', path: '/schedules/{Name}', operation: 'GetSchedule', query: {groupName: 'GroupName'}},
  {method: 'PUT', path: '/schedules/{Name}', operation: 'UpdateSchedule'},
  {method: 'DELETE', path: '/schedules/{Name}', operation: 'DeleteSchedule', query: {groupName: 'GroupName', clientToken: 'ClientToken'}},
  {
    method: 'GET',
    path: '/schedules',
    operation: 'ListSchedules',
    query: {
      ScheduleGroup: 'GroupName',
      NamePrefix: 'NamePrefix',
      State: 'State',
      NextToken: 'NextToken',
      MaxResults: {member: 'MaxResults', type: 'number'},
    },
  },
  {method: 'POST', path: '/schedule-groups/{Name}', operation: 'CreateScheduleGroup'},
  {method: 'GET', path: '/schedule-groups/{Name}', operation: 'GetScheduleGroup'},
  {method: 'DELETE', path: '/schedule-groups/{Name}', operation: 'DeleteScheduleGroup', query: {clientToken: 'ClientToken'}},
  {
    method: 'GET',
    path: '/schedule-groups',
    operation: 'ListScheduleGroups',
    query: {NamePrefix: 'NamePrefix', NextToken: 'NextToken', MaxResults: {member: 'MaxResults', type: 'number'}},
  },
  {method: 'POST', path: '/tags/{ResourceArn}', operation: 'TagResource'},
  {method: 'GET', path: '/tags/{ResourceArn}', operation: 'ListTagsForResource'},
  {method: 'DELETE', path: '/tags/{ResourceArn}', operation: 'UntagResource', query: {TagKeys: {member: 'TagKeys', type: 'list'}}},
]

/** Every error leaves with Scheduler's `Message` member, whichever validator raised it. */
function withMessages(handlers: Record<string, Handler<SchedulerState>>): Record<string, Handler<SchedulerState>> {
  const wrapped: Record<string, Handler<SchedulerState>> = {}
  for (const [name, handler] of Object.entries(handlers)) {
    wrapped[name] = (input, ctx) => {
      try {
        return handler(input, ctx)
      } catch (error) {
        throw withMessage(error)
      }
    }
  }
  return wrapped
}

/**
 * EventBridge Scheduler (restJson1): schedule groups, schedules (cron/rate/at in IANA time
 * zones, fired on the emulator clock with AWS's daylight-saving rules) and group tags. Targets:
 * universal `aws-sdk:<service>:<action>` targets call that operation with Input as the request
 * (Batch SubmitJob, Step Functions StartExecution), templated Step Functions targets start an
 * execution; other targets are recorded as not emulated. Every invocation is recorded in
 * `emulator.state('scheduler').invocations`. Not emulated: retries per RetryPolicy, dead-letter
 * queues, KMS, and a random instant within a flexible time window (the window's start is used).
 * Options: `services.scheduler` (`SchedulerOptions` in `options.ts`).
 */
export const schedulerService = defineService<SchedulerState>({
  signingName: 'scheduler',
  protocol: 'restJson1',
  routes,
  throttle: {code: 'ThrottlingException', status: 429},
  createState: createSchedulerState,
  dispose(state) {
    for (const schedule of state.schedules.values()) state.emulator.clock.clearTimeout(schedule.timer)
  },
  save: saveScheduler,
  restore: restoreScheduler,
  handlers: withMessages({...groupHandlers, ...scheduleHandlers, ...tagHandlers}),
})
