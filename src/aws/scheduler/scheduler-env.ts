import type {SchedulerClient} from '@aws-sdk/client-scheduler'

import type {WaitOptions} from '../batch/wait.js'
import type {CallerArns} from '../events/caller-arns.js'

/** What every schedule and schedule group step needs besides its StepContext. */
export interface SchedulerEnv {
  scheduler: SchedulerClient
  arns: CallerArns
  wait: WaitOptions
}
