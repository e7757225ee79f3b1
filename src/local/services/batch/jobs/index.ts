import type {Handler} from '../../../service.js'
import type {BatchState} from '../state.js'

/** SubmitJob, DescribeJobs, ListJobs, CancelJob, TerminateJob and the job lifecycle. */
export const jobHandlers: Record<string, Handler<BatchState>> = {}
