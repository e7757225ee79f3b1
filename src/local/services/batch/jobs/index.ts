import type {Handler} from '../../../service.js'
import type {BatchState} from '../state.js'
import {cancelJob, cancelJobs, terminateJob, terminateJobs} from './cancel-terminate.js'
import {describeJobs} from './describe-jobs.js'
import {listJobs} from './list-jobs.js'
import {getJobQueueSnapshot} from './queue-snapshot.js'
import {submitJob} from './submit-job.js'

export {disposeJobs} from './runtime.js'
export {flushJobLogs} from './job-logs.js'

/** SubmitJob, DescribeJobs, ListJobs, GetJobQueueSnapshot, CancelJob(s), TerminateJob(s) and the job lifecycle. */
export const jobHandlers: Record<string, Handler<BatchState>> = {
  SubmitJob: submitJob,
  DescribeJobs: describeJobs,
  ListJobs: listJobs,
  GetJobQueueSnapshot: getJobQueueSnapshot,
  CancelJob: cancelJob,
  CancelJobs: cancelJobs,
  TerminateJob: terminateJob,
  TerminateJobs: terminateJobs,
}
