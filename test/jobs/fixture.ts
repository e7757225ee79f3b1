import {BatchClient} from '@aws-sdk/client-batch'
import {CloudWatchLogsClient} from '@aws-sdk/client-cloudwatch-logs'

import {BatchJobs} from '../../src/aws/jobs/batch-jobs.js'
import {LogEvents} from '../../src/aws/jobs/log-events.js'
import type {EmulatorOptions} from '../../src/local/emulator.js'
import {simpleSetup, startBatch} from '../local/batch-jobs-setup.js'

/**
 * An emulator whose clock runs `speed` times real time, one queue `q` on a CE of `maxvCpus`,
 * a definition `def`, and the SDK-backed jobs and logs adapters pointed at it.
 */
export async function jobsFixture(options: {speed?: number; maxvCpus?: number; emulator?: EmulatorOptions; environment?: Record<string, string>; maxAttempts?: number} = {}) {
  const fixture = await startBatch({clock: {speed: options.speed ?? 50}, ...options.emulator})
  await simpleSetup(fixture, options.maxvCpus ?? 16, {
    ...(options.environment ? {environment: Object.entries(options.environment).map(([name, value]) => ({name, value}))} : {}),
  })
  const batch = new BatchClient({...fixture.config, maxAttempts: options.maxAttempts ?? 8})
  const logsClient = new CloudWatchLogsClient({...fixture.config, maxAttempts: options.maxAttempts ?? 8, disableHostPrefix: true})
  return {...fixture, jobs: new BatchJobs(batch), logs: new LogEvents(logsClient), batch}
}
