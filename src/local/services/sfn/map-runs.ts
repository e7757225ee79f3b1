import type {Handler} from '../../service.js'
import {AwsError} from '../../aws-error.js'
import {constraint, invalidArn} from './errors.js'
import {paginate} from './pagination.js'
import {epochSeconds, type MapRunRecord, type SfnState} from './state.js'

// AWS: https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeMapRun.html
// AWS: https://docs.aws.amazon.com/step-functions/latest/apireference/API_ListMapRuns.html

function findMapRun(state: SfnState, arn: unknown): MapRunRecord {
  if (typeof arn !== 'string' || arn === '') throw constraint('null', 'mapRunArn', 'Member must not be null')
  if (!/^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:mapRun:.+$/.test(arn)) throw invalidArn(arn)
  const run = state.mapRuns.get(arn)
  if (!run) throw new AwsError('ResourceNotFound', `Resource not found: '${arn}'`, 400, {resourceName: arn})
  return run
}

const describeMapRun: Handler<SfnState> = (input, {state}) => {
  const run = findMapRun(state, input.mapRunArn)
  return {
    mapRunArn: run.mapRunArn,
    executionArn: run.executionArn,
    status: run.status,
    startDate: epochSeconds(run.startDate),
    ...(run.stopDate !== undefined ? {stopDate: epochSeconds(run.stopDate)} : {}),
    maxConcurrency: run.maxConcurrency,
    toleratedFailurePercentage: run.toleratedFailurePercentage,
    toleratedFailureCount: run.toleratedFailureCount,
    itemCounts: run.itemCounts,
    // Each item runs as one child workflow execution.
    executionCounts: run.itemCounts,
    redriveCount: 0,
  }
}

const listMapRuns: Handler<SfnState> = (input, {state}) => {
  const executionArn = input.executionArn
  if (typeof executionArn !== 'string' || executionArn === '') throw constraint('null', 'executionArn', 'Member must not be null')
  if (!state.executions.has(executionArn)) throw new AwsError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`)
  const runs = [...state.mapRuns.values()].filter((run) => run.executionArn === executionArn)
  const {page, nextToken} = paginate(runs, input, `mapRuns:${executionArn}`)
  return {
    mapRuns: page.map((run) => ({
      executionArn: run.executionArn,
      mapRunArn: run.mapRunArn,
      stateMachineArn: run.stateMachineArn,
      startDate: epochSeconds(run.startDate),
      ...(run.stopDate !== undefined ? {stopDate: epochSeconds(run.stopDate)} : {}),
    })),
    ...(nextToken ? {nextToken} : {}),
  }
}

export const mapRunHandlers: Record<string, Handler<SfnState>> = {DescribeMapRun: describeMapRun, ListMapRuns: listMapRuns}
