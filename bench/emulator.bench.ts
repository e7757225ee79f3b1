// The emulator under load, through the real SDK over HTTP, with the emulator in its own process
// (bench/fixtures/emulator-host.ts): DescribeJobs with 100 ids per call and PutLogEvents with
// 1,000 events per call at N concurrent clients, each beside the cheapest call there is
// (STS GetCallerIdentity: signing, HTTP and routing only); then the emulator's memory with
// 10,000 jobs (one array job of 10,000 children run to completion on an advanced clock).
import {
  BatchClient,
  CreateComputeEnvironmentCommand,
  CreateJobQueueCommand,
  DescribeJobsCommand,
  RegisterJobDefinitionCommand,
  SubmitJobCommand,
} from '@aws-sdk/client-batch'
import {CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand} from '@aws-sdk/client-cloudwatch-logs'
import {GetCallerIdentityCommand, STSClient} from '@aws-sdk/client-sts'
import {type ChildProcess, fork} from 'node:child_process'
import {cpus} from 'node:os'
import {fileURLToPath} from 'node:url'

import {machine, writeSection} from './lib.js'

const host = fileURLToPath(new URL('./fixtures/emulator-host.ts', import.meta.url))
const credentials = {accessKeyId: 'bench', secretAccessKey: 'bench'}
const CONCURRENCY = [1, 4, 16]
const EVENTS_PER_BATCH = 1000
const ARRAY_SIZE = 10_000

interface Host {
  url: string
  child: ChildProcess
  request<T>(message: Record<string, unknown>): Promise<T>
}

async function startHost(): Promise<Host> {
  const child = fork(host, [], {execArgv: ['--import', 'tsx', '--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc']})
  const pending = new Map<number, (value: unknown) => void>()
  let nextId = 1
  const url = await new Promise<string>((resolve, reject) => {
    child.once('error', reject)
    child.on('message', (message: {type?: string; url?: string; id?: number}) => {
      if (message.type === 'ready') resolve(message.url!)
      else if (message.id !== undefined) pending.get(message.id)?.(message)
    })
  })
  return {
    url,
    child,
    request: <T>(message: Record<string, unknown>) =>
      new Promise<T>((resolve) => {
        const id = nextId++
        pending.set(id, (value) => resolve(value as T))
        child.send({...message, id})
      }),
  }
}

/** Requests per second of `call` from `clients` loops running for `ms` real ms, and the emulator's CPU ms per request. */
async function throughput(host: Host, clients: number, ms: number, call: (client: number) => Promise<unknown>): Promise<{rate: number; cpuMs: number}> {
  const cpu = async () => {
    const {cpu} = await host.request<{cpu: NodeJS.CpuUsage}>({type: 'cpu'})
    return (cpu.user + cpu.system) / 1000
  }
  const cpuBefore = await cpu()
  const stopAt = performance.now() + ms
  let count = 0
  const start = performance.now()
  await Promise.all(
    Array.from({length: clients}, async (_, i) => {
      while (performance.now() < stopAt) {
        await call(i)
        count++
      }
    }),
  )
  const rate = count / ((performance.now() - start) / 1000)
  return {rate, cpuMs: ((await cpu()) - cpuBefore) / count}
}

const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1)

export async function run({seconds = Number(process.env.BENCH_SECONDS ?? 3)} = {}) {
  const emulator = await startHost()
  const config = {endpoint: emulator.url, region: 'us-east-1', credentials, maxAttempts: 1}
  // One client (one keep-alive pool) per simulated caller, as separate processes would have.
  const batches = CONCURRENCY.at(-1)!
  const batch = Array.from({length: batches}, () => new BatchClient(config))
  const logs = Array.from({length: batches}, () => new CloudWatchLogsClient(config))
  const sts = Array.from({length: batches}, () => new STSClient(config))
  try {
    const idle = await emulator.request<{memory: NodeJS.MemoryUsage}>({type: 'memory'})
    const b = batch[0]!
    const ce = await b.send(
      new CreateComputeEnvironmentCommand({
        computeEnvironmentName: 'bench',
        type: 'MANAGED',
        computeResources: {type: 'EC2', minvCpus: 0, maxvCpus: ARRAY_SIZE, instanceTypes: ['optimal'], instanceRole: 'ecsInstanceRole', subnets: ['subnet-1'], securityGroupIds: ['sg-1']},
      }),
    )
    await b.send(new CreateJobQueueCommand({jobQueueName: 'bench', priority: 1, computeEnvironmentOrder: [{order: 1, computeEnvironment: ce.computeEnvironmentArn!}]}))
    await b.send(
      new RegisterJobDefinitionCommand({
        jobDefinitionName: 'bench',
        type: 'container',
        containerProperties: {image: 'busybox', command: ['true'], resourceRequirements: [{type: 'VCPU', value: '1'}, {type: 'MEMORY', value: '512'}]},
      }),
    )
    const ids: string[] = []
    for (let i = 0; i < 100; i++) ids.push((await b.send(new SubmitJobCommand({jobName: `j${i}`, jobQueue: 'bench', jobDefinition: 'bench'}))).jobId!)

    await logs[0]!.send(new CreateLogGroupCommand({logGroupName: 'bench'}))
    for (let i = 0; i < batches; i++) await logs[0]!.send(new CreateLogStreamCommand({logGroupName: 'bench', logStreamName: `s${i}`}))
    const base = Date.now() - 60_000
    const logEvents = Array.from({length: EVENTS_PER_BATCH}, (_, i) => ({timestamp: base + i, message: `line ${i} of a typical log message with some words in it`}))

    // Warm every client's connection first.
    await Promise.all(sts.map((client) => client.send(new GetCallerIdentityCommand({}))))
    const rows: string[] = []
    const results: Record<string, number> = {}
    for (const n of CONCURRENCY) {
      const floor = await throughput(emulator, n, seconds * 1000, (i) => sts[i]!.send(new GetCallerIdentityCommand({})))
      const describe = await throughput(emulator, n, seconds * 1000, async (i) => {
        const out = await batch[i]!.send(new DescribeJobsCommand({jobs: ids}))
        if (out.jobs?.length !== 100) throw new Error(`DescribeJobs returned ${out.jobs?.length} jobs`)
      })
      const put = await throughput(emulator, n, seconds * 1000, (i) => logs[i]!.send(new PutLogEventsCommand({logGroupName: 'bench', logStreamName: `s${i}`, logEvents})))
      results[`describe${n}`] = describe.rate
      results[`put${n}`] = put.rate
      const ms = (r: {cpuMs: number}) => r.cpuMs.toFixed(2)
      rows.push(
        `| ${n} | ${floor.rate.toFixed(0)} (${ms(floor)}) | ${describe.rate.toFixed(0)} (${(describe.rate * 100).toFixed(0)} jobs/s; ${ms(describe)}) | ${(describe.rate / floor.rate).toFixed(2)}× | ${put.rate.toFixed(0)} (${(put.rate * EVENTS_PER_BATCH).toFixed(0)} events/s; ${ms(put)}) | ${(put.rate / floor.rate).toFixed(2)}× |`,
      )
    }

    // 10,000 jobs: one array job, run to completion on the advanced clock.
    const before = await emulator.request<{memory: NodeJS.MemoryUsage}>({type: 'memory'})
    const {jobId} = await b.send(new SubmitJobCommand({jobName: 'array', jobQueue: 'bench', jobDefinition: 'bench', arrayProperties: {size: ARRAY_SIZE}}))
    let status: string | undefined
    let advanced = 0
    const runStart = performance.now()
    while (status !== 'SUCCEEDED' && status !== 'FAILED' && advanced < 600_000) {
      await emulator.request({type: 'advance', ms: 1000, stepMs: 250})
      advanced += 1000
      status = (await b.send(new DescribeJobsCommand({jobs: [jobId!]}))).jobs?.[0]?.status
    }
    const runMs = performance.now() - runStart
    const after = await emulator.request<{memory: NodeJS.MemoryUsage}>({type: 'memory'})
    const perJob = (after.memory.heapUsed - before.memory.heapUsed) / ARRAY_SIZE

    writeSection(
      'emulator',
      `## Emulator under load (\`bench/emulator.bench.ts\`)

${machine()}, ${cpus().length} CPUs; the emulator in its own Node process, real SDK v3 clients over HTTP on 127.0.0.1 (keep-alive, one client per caller, in the benchmark process); ${seconds} s per measurement.

Requests per second at N concurrent callers (in brackets: the emulator process's CPU ms per request). The floor is STS GetCallerIdentity (signing, HTTP, routing, no work); the ratio is each call's rate over it.

| N | floor req/s | DescribeJobs (100 ids) req/s | vs floor | PutLogEvents (${EVENTS_PER_BATCH} events) req/s | vs floor |
|---|---|---|---|---|---|
${rows.join('\n')}

Memory of the emulator process (after a full GC):

| when | RSS MiB | heap used MiB |
|---|---|---|
| idle, just started | ${mib(idle.memory.rss)} | ${mib(idle.memory.heapUsed)} |
| after the throughput runs (100 jobs, ${batches} log streams) | ${mib(before.memory.rss)} | ${mib(before.memory.heapUsed)} |
| one array job of ${ARRAY_SIZE.toLocaleString('en')} children run to ${status} | ${mib(after.memory.rss)} | ${mib(after.memory.heapUsed)} |

${ARRAY_SIZE.toLocaleString('en')} children took ${advanced / 1000} virtual s (advanced in 250 ms steps) and ${(runMs / 1000).toFixed(1)} real s; heap per finished job ≈ ${(perJob / 1024).toFixed(1)} KiB; RSS ${(after.memory.rss / idle.memory.rss).toFixed(2)}× idle.
Callers and emulator share the machine's cores: the SDK's signing and parsing of 100 jobs per answer costs the callers' process more CPU than the emulator spends (compare the emulator CPU ms per request with 1000 / rate), so rates at N > 1 are bounded by the CPUs, not by concurrency in the emulator (one event loop).
The heap after the throughput runs holds the log events written (every PutLogEvents batch is stored).`,
    )
    return {...results, status, perJobKiB: perJob / 1024, rssMiB: after.memory.rss / 1024 / 1024}
  } finally {
    for (const client of [...batch, ...logs, ...sts]) client.destroy()
    emulator.child.disconnect()
  }
}
