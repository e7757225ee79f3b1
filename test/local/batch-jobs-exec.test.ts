import {RegisterJobDefinitionCommand, SubmitJobCommand, TerminateJobCommand, type BatchClient, type JobDetail} from '@aws-sdk/client-batch'
import {CloudWatchLogsClient, GetLogEventsCommand} from '@aws-sdk/client-cloudwatch-logs'
import {setTimeout as sleep} from 'node:timers/promises'
import {describe, expect, it} from 'vitest'

import {flushJobLogs} from '../../src/local/services/batch/jobs/index.js'
import type {BatchState} from '../../src/local/services/batch/state.js'
import {advance, createEc2Environment, createQueue, describe1, simpleSetup, startBatch} from './batch-jobs-setup.js'

/** Polls DescribeJobs (real time: exec mode runs real processes) until the job is in one of `statuses`. */
async function waitFor(batch: BatchClient, jobId: string, statuses: string[]): Promise<JobDetail> {
  for (let i = 0; i < 400; i++) {
    const job = await describe1(batch, jobId)
    if (statuses.includes(job.status!)) return job
    await sleep(50)
  }
  throw new Error(`job ${jobId} never reached ${statuses.join('/')}`)
}

async function logLines(logs: CloudWatchLogsClient, logStreamName: string): Promise<string[]> {
  const out = await logs.send(new GetLogEventsCommand({logGroupName: '/aws/batch/job', logStreamName, startFromHead: true}))
  return (out.events ?? []).map((event) => event.message!)
}

/** The pid a job printed as `pid=<n>` (the job logs it first thing). */
async function printedPid(fixture: Awaited<ReturnType<typeof startBatch>>, logStreamName: string): Promise<number> {
  const logs = new CloudWatchLogsClient(fixture.config)
  for (let i = 0; i < 200; i++) {
    await flushJobLogs(fixture.emulator.state<BatchState>('batch'))
    const line = (await logLines(logs, logStreamName).catch(() => [])).find((l) => l.startsWith('pid='))
    if (line) return Number(line.slice(4))
    await sleep(50)
  }
  throw new Error('the job never printed its pid')
}

/** Whether a process is gone within a few seconds. */
async function exits(pid: number): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, 0)
    } catch {
      return true
    }
    await sleep(50)
  }
  return false
}

const SLEEPER = [process.execPath, '-e', 'console.log("pid=" + process.pid); setTimeout(() => {}, 60000)']

const SCRIPT = [
  "console.log('index=' + process.env.AWS_BATCH_JOB_ARRAY_INDEX + ' attempt=' + process.env.AWS_BATCH_JOB_ATTEMPT)",
  "console.error('queue=' + process.env.AWS_BATCH_JQ_NAME + ' ce=' + process.env.AWS_BATCH_CE_NAME)",
  "console.log('id=' + process.env.AWS_BATCH_JOB_ID)",
  "console.log(process.env.GREETING + ' ' + process.argv[1])",
  'process.exit(Number(process.argv[2]))',
].join(';')

describe('Batch jobs: exec mode', () => {
  // AWS: "Array jobs" / "Automated job retries" / "Using the awslogs log driver" (User Guide) — AWS_BATCH_* variables,
  // stdout and stderr in /aws/batch/job under <definition>/default/<task id>.
  it('runs the command as a local process with the Batch environment; output lands in CloudWatch Logs; the exit code decides', async () => {
    const fixture = await startBatch({exec: true, clock: {speed: 50}})
    const {batch, config} = fixture
    await simpleSetup(fixture, 4, {
      command: [process.execPath, '-e', SCRIPT, 'Ref::word', 'Ref::code'],
      parameters: {word: 'world', code: '0'},
      environment: [{name: 'GREETING', value: 'hello'}],
    })
    const {jobId} = await batch.send(
      new SubmitJobCommand({jobName: 'exec', jobQueue: 'q', jobDefinition: 'def', arrayProperties: {size: 2}, parameters: {code: '3'}}),
    )
    const parent = await waitFor(batch, jobId!, ['SUCCEEDED', 'FAILED'])
    expect(parent.status).toBe('FAILED')
    const child = await describe1(batch, `${jobId}:1`)
    expect(child.status).toBe('FAILED')
    expect(child.container?.exitCode).toBe(3)
    expect(child.attempts?.[0]?.container?.exitCode).toBe(3)
    await flushJobLogs(fixture.emulator.state<BatchState>('batch'))
    const lines = await logLines(new CloudWatchLogsClient(config), child.container!.logStreamName!)
    expect(lines).toEqual(
      expect.arrayContaining(['index=1 attempt=1', 'queue=q ce=ce', `id=${jobId}:1`, 'hello world']),
    )
  })

  // AWS: EvaluateOnExit (API reference) — onReason matches the container's reason, `*` as a trailing wildcard.
  it('fails a job whose command cannot start, and evaluateOnExit can stop the retries on that reason', async () => {
    const fixture = await startBatch({exec: true, clock: {speed: 50}})
    const {batch} = fixture
    await simpleSetup(fixture, 4, {command: ['/nonexistent/batchctl-test-binary']})
    const {jobId} = await batch.send(
      new SubmitJobCommand({
        jobName: 'broken',
        jobQueue: 'q',
        jobDefinition: 'def',
        retryStrategy: {attempts: 3, evaluateOnExit: [{onReason: 'CannotStartContainerError*', action: 'EXIT'}]},
      }),
    )
    const job = await waitFor(batch, jobId!, ['SUCCEEDED', 'FAILED'])
    expect(job.status).toBe('FAILED')
    expect(job.attempts).toHaveLength(1)
    expect(job.container?.reason).toMatch(/^CannotStartContainerError: /)
  })

  it('kills the process on TerminateJob', async () => {
    const fixture = await startBatch({exec: true, clock: {speed: 50}})
    const {batch} = fixture
    await simpleSetup(fixture, 4, {command: SLEEPER})
    const {jobId} = await batch.send(new SubmitJobCommand({jobName: 'sleeper', jobQueue: 'q', jobDefinition: 'def'}))
    const running = await waitFor(batch, jobId!, ['RUNNING'])
    const pid = await printedPid(fixture, running.container!.logStreamName!)
    await batch.send(new TerminateJobCommand({jobId, reason: 'enough'}))
    const job = await describe1(batch, jobId!)
    expect(job.status).toBe('FAILED')
    expect(job.statusReason).toBe('enough')
    expect(await exits(pid)).toBe(true)
  })

  // AWS: "Job timeouts" (User Guide) — SIGTERM first, SIGKILL 30 seconds later if the container is still running.
  it('follows SIGTERM with SIGKILL when the process ignores it', async () => {
    const fixture = await startBatch({exec: true, clock: {speed: 50}})
    const {batch} = fixture
    const stubborn = 'process.on("SIGTERM", () => {}); console.log("pid=" + process.pid); setTimeout(() => {}, 60000)'
    await simpleSetup(fixture, 4, {command: [process.execPath, '-e', stubborn]})
    const {jobId} = await batch.send(new SubmitJobCommand({jobName: 'stubborn', jobQueue: 'q', jobDefinition: 'def'}))
    const running = await waitFor(batch, jobId!, ['RUNNING'])
    const pid = await printedPid(fixture, running.container!.logStreamName!)
    await batch.send(new TerminateJobCommand({jobId, reason: 'enough'}))
    expect(await exits(pid)).toBe(true)
  })

  // AWS: "Multi-node parallel jobs" (User Guide) — AWS_BATCH_JOB_NODE_INDEX, AWS_BATCH_JOB_MAIN_NODE_INDEX,
  // AWS_BATCH_JOB_NUM_NODES and, on the other nodes, AWS_BATCH_JOB_MAIN_NODE_PRIVATE_IPV4_ADDRESS.
  it('gives each node of a multi-node job its node environment', async () => {
    const fixture = await startBatch({exec: true, clock: {speed: 50}})
    const {batch} = fixture
    const ce = await createEc2Environment(batch, 'ce', 4)
    await createQueue(batch, 'q', [ce])
    const print = [
      'const e = process.env',
      "console.log(['node', e.AWS_BATCH_JOB_NODE_INDEX, 'main', e.AWS_BATCH_JOB_MAIN_NODE_INDEX, 'of', e.AWS_BATCH_JOB_NUM_NODES, 'at', e.AWS_BATCH_JOB_MAIN_NODE_PRIVATE_IPV4_ADDRESS].join(' '))",
      // The main node's exit ends the job (and stops the others): give the worker time to print.
      "if (e.AWS_BATCH_JOB_NODE_INDEX === '0') setTimeout(() => {}, 1000)",
    ].join(';')
    await batch.send(
      new RegisterJobDefinitionCommand({
        jobDefinitionName: 'mnp',
        type: 'multinode',
        nodeProperties: {
          numNodes: 2,
          mainNode: 0,
          nodeRangeProperties: [
            {targetNodes: '0:1', container: {image: 'busybox', command: [process.execPath, '-e', print], resourceRequirements: [{type: 'VCPU', value: '1'}, {type: 'MEMORY', value: '512'}]}},
          ],
        },
      }),
    )
    const {jobId} = await batch.send(new SubmitJobCommand({jobName: 'mnp', jobQueue: 'q', jobDefinition: 'mnp'}))
    expect((await waitFor(batch, jobId!, ['SUCCEEDED', 'FAILED'])).status).toBe('SUCCEEDED')
    await flushJobLogs(fixture.emulator.state<BatchState>('batch'))
    const logs = new CloudWatchLogsClient(fixture.config)
    const worker = await describe1(batch, `${jobId}#1`)
    expect(await logLines(logs, worker.container!.logStreamName!)).toContain('node 1 main 0 of 2 at 127.0.0.1')
    const main = await describe1(batch, `${jobId}#0`)
    expect(await logLines(logs, main.container!.logStreamName!)).toContain('node 0 main 0 of 2 at ')
  })

  it('kills running job processes when the emulator stops', async () => {
    const fixture = await startBatch({exec: true, clock: {speed: 50}})
    const {batch} = fixture
    await simpleSetup(fixture, 4, {command: SLEEPER})
    const {jobId} = await batch.send(new SubmitJobCommand({jobName: 'orphan', jobQueue: 'q', jobDefinition: 'def'}))
    const running = await waitFor(batch, jobId!, ['RUNNING'])
    const pid = await printedPid(fixture, running.container!.logStreamName!)
    await fixture.emulator.stop()
    expect(await exits(pid)).toBe(true)
  })
})

describe('Batch jobs: simulated logs', () => {
  it('writes the start line, the command, BATCHCTL_SIM_LOG_LINES and the exit line on the virtual clock', async () => {
    const fixture = await startBatch()
    const {batch, emulator} = fixture
    await simpleSetup(fixture, 4, {command: ['echo', 'Ref::msg'], parameters: {msg: 'hi'}})
    const {jobId} = await batch.send(
      new SubmitJobCommand({
        jobName: 'logs',
        jobQueue: 'q',
        jobDefinition: 'def',
        containerOverrides: {environment: [{name: 'BATCHCTL_SIM_LOG_LINES', value: '2'}]},
      }),
    )
    advance(emulator, 4_000)
    const job = await describe1(batch, jobId!)
    expect(job.status).toBe('SUCCEEDED')
    await flushJobLogs(emulator.state<BatchState>('batch'))
    const out = await new CloudWatchLogsClient(fixture.config).send(
      new GetLogEventsCommand({logGroupName: '/aws/batch/job', logStreamName: job.container!.logStreamName!, startFromHead: true}),
    )
    const events = out.events ?? []
    expect(events.map((e) => e.message)).toEqual([
      'Starting simulated container (batchctl emulator)',
      'echo hi',
      'Line 1 of 2',
      'Line 2 of 2',
      'Exiting with 0',
    ])
    expect(events[0]!.timestamp).toBe(job.startedAt)
    expect(events.at(-1)!.timestamp).toBe(job.stoppedAt)
  })
})
