import {defineService, type RestRoute} from '../../service.js'
import {controlPlaneHandlers} from './control-plane/index.js'
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
  'TerminateJob',
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
})
