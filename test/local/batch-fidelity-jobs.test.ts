import {
  CancelJobCommand,
  GetJobQueueSnapshotCommand,
  ListJobsCommand,
  RegisterJobDefinitionCommand,
  SubmitJobCommand,
  TerminateJobCommand,
  UpdateJobQueueCommand,
} from '@aws-sdk/client-batch'
import {describe, expect, it} from 'vitest'

import {expectClientException} from './batch-builders.js'
import {advance, createEc2Environment, createQueue, describe1, registerContainerDefinition, simpleSetup, startBatch} from './batch-jobs-setup.js'

// Fidelity checks of the Batch emulator's job scheduling (queue status, snapshots, multi-node
// jobs) against the AWS Batch API reference, each citing the page that says how AWS behaves. Real @aws-sdk/client-batch over HTTP, virtual clock.

describe('Batch fidelity: SubmitJob and the queue status', () => {
  // AWS: JobQueueDetail — https://docs.aws.amazon.com/batch/latest/APIReference/API_JobQueueDetail.html
  // state: "If the job queue state is ENABLED, it can accept jobs. If the job queue state is
  // DISABLED, new jobs can't be added to the queue". An UpdateJobQueue (UPDATING) that keeps the
  // queue ENABLED does not stop submissions.
  it('accepts jobs on an ENABLED queue while it is UPDATING, and refuses them once DISABLED', async () => {
    const fixture = await startBatch({services: {batch: {transitionMs: 1_000}}})
    const {batch, emulator} = fixture
    const ce = await createEc2Environment(batch, 'ce', 2)
    emulator.clock.advance(1_000)
    await createQueue(batch, 'q', [ce])
    await registerContainerDefinition(batch, 'def')
    // Still CREATING: not a queue that takes jobs yet.
    await expectClientException(batch.send(new SubmitJobCommand({jobName: 'early', jobQueue: 'q', jobDefinition: 'def'})), /not in a valid state/)
    emulator.clock.advance(1_000)

    await batch.send(new UpdateJobQueueCommand({jobQueue: 'q', priority: 50}))
    const {jobId} = await batch.send(new SubmitJobCommand({jobName: 'during-update', jobQueue: 'q', jobDefinition: 'def'}))
    advance(emulator, 5_000)
    expect((await describe1(batch, jobId!)).status).toBe('SUCCEEDED')

    await batch.send(new UpdateJobQueueCommand({jobQueue: 'q', state: 'DISABLED'}))
    await expectClientException(batch.send(new SubmitJobCommand({jobName: 'late', jobQueue: 'q', jobDefinition: 'def'})), /not in a valid state/)
  })
})

describe('Batch fidelity: GetJobQueueSnapshot', () => {
  // AWS: GetJobQueueSnapshot — https://docs.aws.amazon.com/batch/latest/APIReference/API_GetJobQueueSnapshot.html
  // and FrontOfQueueDetail — https://docs.aws.amazon.com/batch/latest/APIReference/API_FrontOfQueueDetail.html:
  // "the first 100 RUNNABLE jobs … For first-in-first-out (FIFO) job queues, jobs are ordered based
  // on their submission time"; earliestTimeAtPosition is when the job reached its position.
  it('lists the RUNNABLE jobs of a FIFO queue in submission order, without running or cancelled ones', async () => {
    const fixture = await startBatch()
    const {batch, emulator} = fixture
    await simpleSetup(fixture, 1)
    const submitted = []
    for (const name of ['first', 'second', 'third', 'fourth']) {
      submitted.push(await batch.send(new SubmitJobCommand({jobName: name, jobQueue: 'q', jobDefinition: 'def'})))
      emulator.clock.advance(100)
    }
    const [first, second, third, fourth] = submitted
    emulator.clock.advance(1_000)
    expect((await describe1(batch, first!.jobId!)).status).toBe('RUNNING')
    await batch.send(new CancelJobCommand({jobId: third!.jobId, reason: 'not needed'}))
    const {frontOfQueue} = await batch.send(new GetJobQueueSnapshotCommand({jobQueue: 'arn:aws:batch:us-east-1:123456789012:job-queue/q'}))
    expect(frontOfQueue?.jobs?.map((job) => job.jobArn)).toEqual([second!.jobArn, fourth!.jobArn])
    // Each left SUBMITTED one jobTransitionMs (500) after its submission, 100 ms apart.
    const [secondAt, fourthAt] = frontOfQueue!.jobs!.map((job) => job.earliestTimeAtPosition!)
    expect(fourthAt! - secondAt!).toBe(200)
    expect(frontOfQueue?.lastUpdatedAt).toBe(emulator.clock.now())

    await expectClientException(batch.send(new GetJobQueueSnapshotCommand({jobQueue: 'nope'})), /JobQueue nope not found/)
    advance(emulator, 10_000)
    expect((await batch.send(new GetJobQueueSnapshotCommand({jobQueue: 'q'}))).frontOfQueue?.jobs).toEqual([])
  })
})

describe('Batch fidelity: nodeOverrides.numNodes', () => {
  // AWS: NodeOverrides — https://docs.aws.amazon.com/batch/latest/APIReference/API_NodeOverrides.html
  // numNodes: "To use this override, you must meet the following conditions: There must be at least
  // one node range in your job definition that has an open upper boundary, such as : or n:. The
  // lower boundary of the node range … must be fewer than the number of nodes specified in the
  // override. The main node index … must be fewer than the number of nodes specified in the override."
  it('resizes a multi-node job whose definition has an open node range, and refuses overrides AWS refuses', async () => {
    const {batch, emulator} = await startBatch()
    const ce = await createEc2Environment(batch, 'ce', 16)
    await createQueue(batch, 'q', [ce])
    const container = {image: 'busybox', resourceRequirements: [{type: 'VCPU' as const, value: '1'}, {type: 'MEMORY' as const, value: '512'}]}
    const register = (name: string, mainNode: number, targets: string[]) =>
      batch.send(
        new RegisterJobDefinitionCommand({
          jobDefinitionName: name,
          type: 'multinode',
          nodeProperties: {numNodes: 3, mainNode, nodeRangeProperties: targets.map((targetNodes) => ({targetNodes, container}))},
        }),
      )
    await register('open', 0, ['0:0', '1:'])
    await register('closed', 0, ['0:0', '1:2'])
    await register('main-last', 2, ['0:'])
    const submit = (jobDefinition: string, numNodes: number) =>
      batch.send(new SubmitJobCommand({jobName: 'mnp', jobQueue: 'q', jobDefinition, nodeOverrides: {numNodes}}))

    const {jobId} = await submit('open', 5)
    emulator.clock.advance(600)
    const parent = await describe1(batch, jobId!)
    expect(parent.nodeProperties?.numNodes).toBe(5)
    expect((await describe1(batch, `${jobId}#4`)).nodeDetails).toEqual({nodeIndex: 4, isMainNode: false})

    await expectClientException(submit('closed', 5), /open upper boundary/)
    // The range 1: starts at node 1, so one node is too few.
    await expectClientException(submit('open', 1), /lower boundary of node range 1:/)
    // The range 0: starts below 2, but the main node is node 2.
    await expectClientException(submit('main-last', 2), /main node index 2/)
    const small = await submit('open', 2)
    expect(small.jobId).toBeTypeOf('string')
  })
})

describe('Batch fidelity: nested node ranges', () => {
  // AWS: NodeRangeProperty — https://docs.aws.amazon.com/batch/latest/APIReference/API_NodeRangeProperty.html
  // "You can nest node ranges (for example, 0:10 and 4:5). In this case, the 4:5 range properties
  // override the 0:10 properties."
  it('gives a node the container of the narrowest range covering it, whichever range is listed first', async () => {
    const {batch, emulator} = await startBatch()
    const ce = await createEc2Environment(batch, 'ce', 16)
    await createQueue(batch, 'q', [ce])
    const container = (command: string[]) => ({
      image: 'busybox',
      command,
      resourceRequirements: [{type: 'VCPU' as const, value: '1'}, {type: 'MEMORY' as const, value: '512'}],
    })
    await batch.send(
      new RegisterJobDefinitionCommand({
        jobDefinitionName: 'nested',
        type: 'multinode',
        nodeProperties: {
          numNodes: 4,
          mainNode: 0,
          nodeRangeProperties: [
            {targetNodes: '2:2', container: container(['narrow'])},
            {targetNodes: '0:3', container: container(['wide'])},
          ],
        },
      }),
    )
    const {jobId} = await batch.send(new SubmitJobCommand({jobName: 'mnp', jobQueue: 'q', jobDefinition: 'nested'}))
    emulator.clock.advance(600)
    const commands = []
    for (let node = 0; node < 4; node++) commands.push((await describe1(batch, `${jobId}#${node}`)).container?.command)
    expect(commands).toEqual([['wide'], ['wide'], ['narrow'], ['wide']])
  })
})


describe('Batch fidelity: multi-node start order', () => {
  // AWS: Job states (multi-node parallel jobs) — https://docs.aws.amazon.com/batch/latest/userguide/job-lifecycle.html
  // "The main node is launched first and it moves to the STARTING status … When the main node reaches
  // the RUNNING status after the node's container is running, the child nodes are launched and they
  // also move to the STARTING status."
  it('starts the main node first and the child nodes once it runs', async () => {
    const {batch, emulator} = await startBatch()
    const ce = await createEc2Environment(batch, 'ce', 8)
    await createQueue(batch, 'q', [ce])
    const container = {image: 'busybox', resourceRequirements: [{type: 'VCPU' as const, value: '1'}, {type: 'MEMORY' as const, value: '512'}]}
    await batch.send(
      new RegisterJobDefinitionCommand({
        jobDefinitionName: 'mnp',
        type: 'multinode',
        nodeProperties: {numNodes: 3, mainNode: 1, nodeRangeProperties: [{targetNodes: '0:', container}]},
      }),
    )
    const statuses = async (jobId: string) => {
      const out = []
      for (const id of [jobId, `${jobId}#0`, `${jobId}#1`, `${jobId}#2`]) out.push((await describe1(batch, id)).status)
      return out
    }
    const {jobId} = await batch.send(new SubmitJobCommand({jobName: 'mnp', jobQueue: 'q', jobDefinition: 'mnp'}))
    emulator.clock.advance(600)
    // Parent, node 0, main node 1, node 2.
    expect(await statuses(jobId!)).toEqual(['STARTING', 'RUNNABLE', 'STARTING', 'RUNNABLE'])
    emulator.clock.advance(500)
    expect(await statuses(jobId!)).toEqual(['RUNNING', 'STARTING', 'RUNNING', 'STARTING'])
    emulator.clock.advance(500)
    expect(await statuses(jobId!)).toEqual(['RUNNING', 'RUNNING', 'RUNNING', 'RUNNING'])
    const main = await describe1(batch, `${jobId}#1`)
    const child = await describe1(batch, `${jobId}#0`)
    expect(child.startedAt! - main.startedAt!).toBe(500)

    // Terminated while only the main node is starting: the others end without an attempt.
    const second = await batch.send(new SubmitJobCommand({jobName: 'mnp2', jobQueue: 'q', jobDefinition: 'mnp'}))
    emulator.clock.advance(600)
    expect((await statuses(second.jobId!))[0]).toBe('STARTING')
    await batch.send(new TerminateJobCommand({jobId: second.jobId, reason: 'stop'}))
    expect((await describe1(batch, `${second.jobId}#0`)).attempts).toEqual([])
    expect((await describe1(batch, `${second.jobId}#1`)).attempts).toHaveLength(1)
  })
})

describe('Batch fidelity: array children are spawned when the parent leaves SUBMITTED', () => {
  // AWS: JobDetail — https://docs.aws.amazon.com/batch/latest/APIReference/API_JobDetail.html
  // createdAt: "For non-array jobs and parent array jobs, this is when the job entered the SUBMITTED
  // state. For array child jobs, this is when the child job was spawned by its parent and entered
  // the PENDING state." AWS: Job states — https://docs.aws.amazon.com/batch/latest/userguide/job_states.html
  it('shows no children while the parent is SUBMITTED; spawned ones carry their own createdAt', async () => {
    const fixture = await startBatch()
    const {batch, emulator} = fixture
    await simpleSetup(fixture, 8)
    const {jobId} = await batch.send(new SubmitJobCommand({jobName: 'arr', jobQueue: 'q', jobDefinition: 'def', arrayProperties: {size: 4}}))
    const submitted = await describe1(batch, jobId!)
    expect(submitted.arrayProperties?.statusSummary).toEqual({SUBMITTED: 0, PENDING: 0, RUNNABLE: 0, STARTING: 0, RUNNING: 0, SUCCEEDED: 0, FAILED: 0})
    expect((await batch.send(new ListJobsCommand({arrayJobId: jobId, jobStatus: 'PENDING'}))).jobSummaryList).toEqual([])

    emulator.clock.advance(500)
    const child = await describe1(batch, `${jobId}:3`)
    expect(child.createdAt).toBe(submitted.createdAt! + 500)
    advance(emulator, 5_000)
    expect(await describe1(batch, jobId!)).toMatchObject({status: 'SUCCEEDED', arrayProperties: {statusSummary: {SUCCEEDED: 4, PENDING: 0}}})
  })

  // Cancelling the parent before it spawned anything: it fails, and the summary never goes negative.
  it('fails a parent cancelled while SUBMITTED, with consistent counts', async () => {
    const fixture = await startBatch()
    const {batch, emulator} = fixture
    await simpleSetup(fixture, 8)
    const {jobId} = await batch.send(new SubmitJobCommand({jobName: 'arr', jobQueue: 'q', jobDefinition: 'def', arrayProperties: {size: 3}}))
    await batch.send(new CancelJobCommand({jobId, reason: 'no'}))
    advance(emulator, 2_000)
    const parent = await describe1(batch, jobId!)
    expect(parent.status).toBe('FAILED')
    expect(Object.values(parent.arrayProperties!.statusSummary!).every((count) => count >= 0)).toBe(true)
    expect(parent.arrayProperties?.statusSummary).toMatchObject({FAILED: 3, PENDING: 0})
  })
})
