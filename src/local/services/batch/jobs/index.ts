import type {Handler} from '../../../service.js'
import type {BatchState} from '../state.js'
import {cancelJob, terminateJob} from './cancel-terminate.js'
import {describeJobs} from './describe-jobs.js'
import {listJobs} from './list-jobs.js'
import {submitJob} from './submit-job.js'

export {disposeJobs} from './runtime.js'
export {flushJobLogs} from './job-logs.js'

/** SubmitJob, DescribeJobs, ListJobs, CancelJob, TerminateJob and the job lifecycle. */
export const jobHandlers: Record<string, Handler<BatchState>> = {
  SubmitJob: submitJob,
  DescribeJobs: describeJobs,
  ListJobs: listJobs,
  CancelJob: cancelJob,
  TerminateJob: terminateJob,
}
