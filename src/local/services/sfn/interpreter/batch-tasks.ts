import {randomUUID} from 'node:crypto'

import {AwsError} from '../../../aws-error.js'
import {sfnOptions} from '../options.js'
import {toCamel, toPascal} from './casing.js'
import {StatesError} from './states-error.js'
import type {TaskIo} from './tasks.js'

// AWS: https://docs.aws.amazon.com/step-functions/latest/dg/connect-batch.html
// `batch:submitJob` answers with the SubmitJob response; `batch:submitJob.sync` waits for the job
// and answers with its DescribeJobs detail, or fails with States.TaskFailed whose cause is that
// detail as JSON (PascalCase: {"Attempts":[{"Container":{...}}],"Status":"FAILED",...}).
// API errors become `Batch.<Code>` with a cause worded like the AWS Java SDK's message
// ("... (Service: AWSBatch; Status Code: 400; Error Code: ClientException; Request ID: ...; Proxy: null)").

// The SubmitJob members the optimized integration accepts (PascalCase). Step Functions checks
// the effective parameters against them before calling Batch; a problem fails the execution
// with States.Runtime ("... could not be used to start the Task: [The value for the field
// 'x' must be a STRING]", as quoted in ASFHyP3/hyp3#2585).
const SUBMIT_JOB_FIELDS = new Set([
  'JobName',
  'JobQueue',
  'JobDefinition',
  'ArrayProperties',
  'ContainerOverrides',
  'DependsOn',
  'Parameters',
  'RetryStrategy',
  'Timeout',
  'Tags',
  'PropagateTags',
  'NodeOverrides',
  'ShareIdentifier',
  'SchedulingPriorityOverride',
  'EksPropertiesOverride',
  'EcsPropertiesOverride',
  'ConsumableResourcePropertiesOverride',
])

export function submitJobProblems(parameters: unknown): string[] {
  if (!parameters || typeof parameters !== 'object' || Array.isArray(parameters)) return ['The Parameters must be a JSON object']
  const input = parameters as Record<string, unknown>
  const problems: string[] = []
  for (const field of ['JobDefinition', 'JobName', 'JobQueue']) {
    if (input[field] === undefined) problems.push(`The field '${field}' is required but was missing`)
    else if (typeof input[field] !== 'string') problems.push(`The value for the field '${field}' must be a STRING`)
  }
  for (const field of Object.keys(input)) {
    if (!SUBMIT_JOB_FIELDS.has(field)) problems.push(`The field '${field}' is not supported by Step Functions`)
  }
  for (const map of ['Parameters', 'Tags']) {
    const value = input[map]
    if (value === undefined) continue
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      problems.push(`The value for the field '${map}' must be an OBJECT`)
      continue
    }
    for (const [key, item] of Object.entries(value)) {
      if (typeof item !== 'string') problems.push(`The value for the field '${key}' must be a STRING`)
    }
  }
  return problems
}

/** Calls Batch inside the emulator, turning its API errors into the task errors AWS reports. */
export async function callBatch(io: TaskIo, operation: string, input: unknown): Promise<any> {
  try {
    return await io.emulator.invoke('batch', operation, input, io.region)
  } catch (error) {
    if (error instanceof AwsError) {
      throw new StatesError(
        `Batch.${error.code}`,
        `${error.message} (Service: AWSBatch; Status Code: ${error.status}; Error Code: ${error.code}; Request ID: ${randomUUID()}; Proxy: null)`,
      )
    }
    throw error
  }
}

/**
 * The SubmitJob request Step Functions sends: PascalCase parameters in camelCase, plus the
 * `MANAGED_BY_AWS=STARTED_BY_STEP_FUNCTIONS` environment variable it adds to container jobs.
 */
function submitRequest(parameters: unknown): Record<string, any> {
  const request = toCamel(parameters ?? {}) as Record<string, any>
  if (!request.nodeOverrides && !request.ecsPropertiesOverride && !request.eksPropertiesOverride) {
    const overrides = (request.containerOverrides ??= {})
    overrides.environment = [...(overrides.environment ?? []), {name: 'MANAGED_BY_AWS', value: 'STARTED_BY_STEP_FUNCTIONS'}]
  }
  return request
}

export async function submitJob(parameters: unknown, io: TaskIo): Promise<unknown> {
  const response = await callBatch(io, 'SubmitJob', submitRequest(parameters))
  return toPascal(response)
}

export async function submitJobSync(parameters: unknown, io: TaskIo): Promise<unknown> {
  const response = await callBatch(io, 'SubmitJob', submitRequest(parameters))
  const jobId = String(response.jobId)
  io.submitted(toPascal(response))
  // Stopping the execution terminates the job, as Step Functions does for `.sync` Batch tasks.
  const off = io.scope.onHalt(() => {
    io.emulator
      .invoke('batch', 'TerminateJob', {jobId, reason: 'Execution was aborted by Step Functions'}, io.region)
      .catch(() => {})
  })
  try {
    const poll = sfnOptions(io.emulator).syncPollMs
    for (;;) {
      await io.scope.sleep(io.emulator.clock, poll)
      const {jobs} = await callBatch(io, 'DescribeJobs', {jobs: [jobId]})
      const job = jobs?.[0]
      if (!job) throw new StatesError('States.TaskFailed', `Job ${jobId} is no longer known to AWS Batch`)
      if (job.status === 'SUCCEEDED') return toPascal(job)
      if (job.status === 'FAILED') throw new StatesError('States.TaskFailed', JSON.stringify(toPascal(job)))
    }
  } finally {
    off()
  }
}

/** `arn:aws:states:::aws-sdk:batch:<action>`: any Batch API call, PascalCase in and out. */
export async function batchSdkCall(action: string, parameters: unknown, io: TaskIo): Promise<unknown> {
  const operation = action.charAt(0).toUpperCase() + action.slice(1)
  return toPascal(await callBatch(io, operation, toCamel(parameters ?? {})))
}
