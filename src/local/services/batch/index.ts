import type {JobDetail} from '@aws-sdk/client-batch'

import {defineService, type RestRoute} from '../../service.js'
import {controlPlaneHandlers} from './control-plane/index.js'
import {restoreControlPlane, saveControlPlane, type SavedControlPlane} from './control-plane/persistence.js'
import {disposeJobs, jobHandlers} from './jobs/index.js'
import {type BatchState, createBatchState} from './state.js'

/** Every Batch operation is `POST /v1/<operation in lower case>` with a JSON body, but tags. */
const operations = [
  'CreateComputeEnvironment',
  'UpdateComputeEnvironment',
  'DeleteComputeEnvironment',
  'DescribeComputeEnvironments',
  'CreateJobQueue',
  'UpdateJobQueue',
  'DeleteJobQueue',
  'DescribeJobQueues',
  'GetJobQueueSnapshot',
  'RegisterJobDefinition',
  'DeregisterJobDefinition',
  'DescribeJobDefinitions',
  'CreateSchedulingPolicy',
  'UpdateSchedulingPolicy',
  'DeleteSchedulingPolicy',
  'DescribeSchedulingPolicies',
  'ListSchedulingPolicies',
  'SubmitJob',
  'DescribeJobs',
  'ListJobs',
  'CancelJob',
  'CancelJobs',
  'TerminateJob',
  'TerminateJobs',
]

const routes: RestRoute[] = [
  ...operations.map((operation): RestRoute => ({method: 'POST', path: `/v1/${operation.toLowerCase()}`, operation})),
  {method: 'POST', path: '/v1/tags/{resourceArn+}', operation: 'TagResource'},
  {method: 'GET', path: '/v1/tags/{resourceArn+}', operation: 'ListTagsForResource'},
  {
    method: 'DELETE',
    path: '/v1/tags/{resourceArn+}',
    operation: 'UntagResource',
    query: {tagKeys: {member: 'tagKeys', type: 'list'}},
  },
]

/** AWS Batch (restJson1). Throttling answers 429 TooManyRequestsException. */
export const batchService = defineService<BatchState>({
  signingName: 'batch',
  protocol: 'restJson1',
  throttle: {code: 'TooManyRequestsException', status: 429},
  routes,
  createState: createBatchState,
  // Job processes started in exec mode must not outlive the emulator.
  dispose: disposeJobs,
  handlers: {...controlPlaneHandlers, ...jobHandlers},
  // Finished jobs are kept so `logs` and `status` see them after a restart; jobs still in flight
  // are not (their timers and processes are gone), as if the emulator's "account" drained them.
  save: (state) => ({
    ...saveControlPlane(state),
    jobs: [...state.jobs.values()].filter((job) => job.status === 'SUCCEEDED' || job.status === 'FAILED'),
  }),
  restore: (state, saved) => {
    const data = saved as Partial<SavedControlPlane> & {jobs?: JobDetail[]}
    restoreControlPlane(state, data)
    for (const job of data.jobs ?? []) if (job.jobId) state.jobs.set(job.jobId, job)
  },
})
