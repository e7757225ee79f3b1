// Following a 10,000-child array job to completion (issue #5): API calls per minute by operation
// beside the published quotas, peak memory of the follower, PutLogEvents → screen latency per
// line, and lines per second rendered by the piped and the TTY views.
//
// Three processes, so that each one's memory and event loop are its own:
// - this one (the benchmark) runs the emulator in process, on a real-time clock (speed 1: every
//   time below is real), submits the array job and reads the emulator's call log;
// - a follower child (this file again, BATCHCTL_FOLLOW_BENCH_ROLE=follower) runs the real follow
//   path, `followJob` over the SDK adapters with the CLI's defaults, printing NDJSON to a pipe
//   as `batchctl logs <id> --follow --json` does; the benchmark stamps each line as it arrives;
// - a render child (ROLE=render) pushes synthetic follow events through the piped printers and
//   through the Ink JobsView mounted on a fake TTY.
// Lines are stamped in the process that also hosts the emulator: its own work (≈ 3 ms per call,
// timers at each wave) can delay a stamp by that much, small beside the seconds measured.
// Knobs (env): BENCH_FOLLOW_SIZE, BENCH_FOLLOW_VCPUS, BENCH_FOLLOW_DURATION_MS,
// BENCH_FOLLOW_MODES (polling,live-tail), BENCH_FOLLOW_LIGHT=0 (skip the light array),
// BENCH_RENDER_LINES. The defaults take about 4.5 minutes on 2 busy cores.
import {BatchJobs} from '../src/aws/jobs/batch-jobs.js'
import {LogEvents} from '../src/aws/jobs/log-events.js'
import {AwsClients, LOCAL_CREDENTIALS} from '../src/aws/clients.js'
import {followJob, type FollowEvent} from '../src/jobs/follow.js'
import {eventPrinter} from '../src/jobs/render-stream.js'
import type {StatusCounts} from '../src/jobs/watch.js'
import {Emulator} from '../src/local/emulator.js'
import type {LogsState} from '../src/local/services/logs/state.js'
import {mountFollowLive} from '../src/ui/jobs/follow-live.js'
import {followReducer, type FollowState, initialFollowState, linesDrawn} from '../src/ui/jobs/follow-state.js'
import {JobsView} from '../src/ui/jobs/JobsView.js'
import {mountLive} from '../src/ui/shared/mount.js'
import {type ChildProcess, fork} from 'node:child_process'
import {existsSync, readFileSync} from 'node:fs'
import {cpus} from 'node:os'
import {createInterface} from 'node:readline'
import {Writable} from 'node:stream'
import {fileURLToPath} from 'node:url'
import {Box, render, Static, Text} from 'ink'
import {createElement} from 'react'

import {machine, writeSection} from './lib.js'

const self = fileURLToPath(import.meta.url)
const ROLE_VARIABLE = 'BATCHCTL_FOLLOW_BENCH_ROLE'
const ARRAY_SIZE = Number(process.env.BENCH_FOLLOW_SIZE ?? 10_000)
/** vCPUs of the one compute environment (1 vCPU per child): ARRAY_SIZE / this many waves. */
const CE_VCPUS = Number(process.env.BENCH_FOLLOW_VCPUS ?? 2_500)
/** Mean run time of a child (real ms); each child's is jittered to 0.5–1.5× so the waves blur. */
const DURATION_MS = Number(process.env.BENCH_FOLLOW_DURATION_MS ?? 10_000)
/** Extra lines per child (`Line i of n`), besides the emulator's 2 start lines and the exit line. */
const EXTRA_LINES = 3
/** Follow modes to measure: `polling` (FilterLogEvents only, `--no-live-tail`) and `live-tail` (the default). */
const MODES = (process.env.BENCH_FOLLOW_MODES ?? 'polling,live-tail').split(',') as FollowMode[]
/**
 * The full-size follow, and a light one whose log rate stays under Live Tail's 500 events per
 * second (the full one's waves start 2,500 children at once, so Live Tail samples there and the
 * follow falls back to FilterLogEvents): the light one shows what Live Tail itself does.
 */
interface Scenario {
  title: string
  size: number
  vcpus: number
  /** Mean run time of a child (real ms; must be a length no other emulator timer has). */
  durationMs: number
  modes: FollowMode[]
}

const SCENARIOS: Scenario[] = [
  {title: `${ARRAY_SIZE.toLocaleString('en')} children, ${CE_VCPUS.toLocaleString('en')} vCPUs`, size: ARRAY_SIZE, vcpus: CE_VCPUS, durationMs: DURATION_MS, modes: MODES},
  ...(process.env.BENCH_FOLLOW_LIGHT === '0'
    ? []
    : [{title: '400 children, 40 vCPUs (under Live Tail\'s sampling rate)', size: 400, vcpus: 40, durationMs: 2_400, modes: MODES}]),
]
const RENDER_LINES = Number(process.env.BENCH_RENDER_LINES ?? 20_000)
/** Stop a render variant after this long (real ms) and report the lines pushed by then. */
const RENDER_CAP_MS = 8_000
const REGION = 'us-east-1'
const LOG_GROUP = '/aws/batch/job'

type FollowMode = 'polling' | 'live-tail'

/** What the follower child reports over IPC when the follow has returned. */
interface FollowerResult {
  type: 'result'
  startedAt: number
  endedAt: number
  status: string
  logLines: number
  warnings: string[]
  maxRssKiB: number
  vmHwmKiB: number | undefined
  peakHeapUsed: number
  /** Live heap (after a full GC) sampled during the follow, with the lines printed by then. */
  heapSamples: Array<{at: number; heapUsed: number; lines: number}>
  cpuMs: number
}

// ---------------------------------------------------------------------------------------------
// Shared helpers

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}

/** Peak VmHWM (KiB) of this process from /proc (Linux), or undefined elsewhere. */
function vmHwmKiB(): number | undefined {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))
    return match ? Number(match[1]) : undefined
  } catch {
    return undefined
  }
}

const gc = (): void => (globalThis as {gc?: () => void}).gc?.()
const mib = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1)
const seconds = (ms: number): string => (ms / 1000).toFixed(1)

/** A deterministic 0.5–1.5 multiplier sequence (an LCG), so runs are comparable. */
function jitter(seed = 12345): () => number {
  let state = seed
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31
    return 0.5 + state / 2 ** 31
  }
}

// ---------------------------------------------------------------------------------------------
// Follower child: the real follow path, NDJSON on stdout (a pipe to the benchmark).

async function followerMain(): Promise<void> {
  const endpoint = process.env.BENCH_ENDPOINT!
  const mode = process.env.BENCH_MODE as FollowMode
  // Modules are loaded: the benchmark submits now and says which job, so the follow starts with
  // the job as `submit --follow` does, not a child start-up later.
  const started = new Promise<string>((resolve) => process.once('message', (m: {jobId: string}) => resolve(m.jobId)))
  process.send!({type: 'ready'})
  const jobId = await started
  const clients = new AwsClients({region: REGION, endpoint, credentials: LOCAL_CREDENTIALS})
  const discard = new Writable({write: (_chunk, _encoding, done) => done()})
  // As `batchctl logs <id> --follow --json`: every event but 'streams' through the NDJSON printer.
  const print = eventPrinter({json: true, color: false, timestamps: false, stdout: process.stdout, stderr: discard})
  let lines = 0
  let peakHeapUsed = 0
  const warnings: string[] = []
  const heapSamples: FollowerResult['heapSamples'] = []
  const startedAt = Date.now()
  const cpuBefore = process.cpuUsage()
  const sampler = setInterval(() => (peakHeapUsed = Math.max(peakHeapUsed, process.memoryUsage().heapUsed)), 250)
  // A full GC every 10 s shows the live heap (what the follow retains), not garbage not yet collected.
  const liveSampler = setInterval(() => {
    gc()
    heapSamples.push({at: Date.now() - startedAt, heapUsed: process.memoryUsage().heapUsed, lines})
  }, 10_000)
  gc()
  heapSamples.push({at: 0, heapUsed: process.memoryUsage().heapUsed, lines: 0})
  const job = await followJob(
    new BatchJobs(clients.batch),
    new LogEvents(clients.logs),
    jobId,
    (event: FollowEvent) => {
      if (event.type === 'log') lines++
      if (event.type === 'warning') warnings.push(event.message)
      if (event.type !== 'streams') print(event)
    },
    // polling: FilterLogEvents only (`--no-live-tail`); live-tail: the default since Live Tail landed.
    {withLogs: true, follow: true, liveTail: mode === 'live-tail'},
  )
  const endedAt = Date.now()
  clearInterval(sampler)
  clearInterval(liveSampler)
  peakHeapUsed = Math.max(peakHeapUsed, process.memoryUsage().heapUsed)
  const cpu = process.cpuUsage(cpuBefore)
  const result: FollowerResult = {
    type: 'result',
    startedAt,
    endedAt,
    status: job.status,
    logLines: lines,
    warnings,
    maxRssKiB: process.resourceUsage().maxRSS,
    vmHwmKiB: vmHwmKiB(),
    peakHeapUsed,
    heapSamples,
    cpuMs: (cpu.user + cpu.system) / 1000,
  }
  clients.destroy()
  await new Promise<void>((resolve) => process.send!(result, () => resolve()))
  process.disconnect()
}

// ---------------------------------------------------------------------------------------------
// Render child: lines per second through the piped printers and the Ink view on a fake TTY.

/** A terminal that is not one: counts writes and bytes, keeps nothing. */
class FakeTty extends Writable {
  readonly isTTY = true
  columns = 120
  rows = 40
  writes = 0
  bytes = 0
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.writes++
    this.bytes += Buffer.byteLength(chunk)
    done()
  }
}

/** Follow events as a 10,000-child array produces them: log lines of many children, counts now and then. */
function syntheticEvents(n: number): FollowEvent[] {
  const events: FollowEvent[] = []
  const counts: StatusCounts = {SUBMITTED: 0, PENDING: 0, RUNNABLE: 9_000, STARTING: 0, RUNNING: 1_000, SUCCEEDED: 0, FAILED: 0}
  events.push({type: 'status', jobId: 'bench', status: 'RUNNING'})
  for (let i = 0; i < n; i++) {
    const child = i % 10_000
    const stream = {jobId: `bench:${child}`, logGroup: LOG_GROUP, logStreamName: `bench/default/${child}`, label: `[${child}]`, attempt: 1}
    events.push({type: 'log', line: {stream, timestamp: 1_700_000_000_000 + i, message: `Line ${(i % 3) + 1} of 3 — processing shard ${child} of the nightly input`, eventId: String(i)}})
    if (i % 100 === 99) {
      counts.SUCCEEDED = Math.min(10_000, counts.SUCCEEDED + 10)
      events.push({type: 'counts', jobId: 'bench', counts: {...counts}, total: 10_000})
    }
  }
  return events
}

interface RenderRow {
  name: string
  lines: number
  ms: number
  writes: number
  bytes: number
  /** TTY views: growth of the live heap (after a full GC, view still mounted) per line drawn. */
  heapPerLine?: number
  /** TTY views: ms spent in `onEvent` calls (the reducer, and draws when the loop turns); `ms` adds the last draw and unmount. */
  pushMs?: number
}

/** A live view fed one event at a time; returns the follow-live handle's shape. */
type Feed = {onEvent(event: FollowEvent): void; close(): Promise<void>}

/**
 * Today's path (`mountFollowLive`: reducer and redraw per event), or the same view redrawn once
 * per `batch` events (reducer per event, one `update`), to show what batching the draws would buy.
 */
function mountFeed(tty: FakeTty, drawEvery: number): Feed {
  const stream = tty as unknown as NodeJS.WriteStream
  if (drawEvery === 0) return plainStatic(stream)
  if (drawEvery === 1) return mountFollowLive({stream})
  let state = initialFollowState()
  const live = mountLive((props: FollowState, now: number) => createElement(JobsView, {state: props, now}), state, {stream})
  let pending = 0
  return {
    onEvent(event) {
      state = followReducer(state, event)
      if (++pending < drawEvery) return
      pending = 0
      live.update(state)
      state = linesDrawn(state)
    },
    async close() {
      live.update(state)
      await live.unmount()
    },
  }
}

/**
 * A control without batchctl's view: bare Ink, a `<Static key={n}>` with the one new line per
 * rerender (the pattern follow-live uses) above one status line. Separates Ink's costs from JobsView's.
 */
function plainStatic(stream: NodeJS.WriteStream): Feed {
  let batch = 0
  const view = (items: string[]) =>
    createElement(Box, {flexDirection: 'column'}, createElement(Static<string>, {key: batch, items, children: (item: string) => createElement(Text, {key: item}, item)}), createElement(Text, null, `lines ${batch}`))
  const instance = render(view([]), {stdout: stream, stderr: stream, exitOnCtrlC: false, patchConsole: false})
  return {
    onEvent(event) {
      if (event.type !== 'log') return
      batch++
      instance.rerender(view([`${event.line.stream.label} ${event.line.message}`]))
    },
    async close() {
      instance.unmount()
      await instance.waitUntilExit()
    },
  }
}

interface TtyVariant {
  name: string
  /** Events pushed (default: all). */
  events?: number
  /** Events pushed between turns of the event loop. */
  yieldEvery: number
  drawEvery: number
}

const TTY_VARIANTS: TtyVariant[] = [
  // A synchronous burst, as a follow round releases everything it read in one loop: nothing is
  // drawn until the burst ends (the frame timer cannot fire), so these show the reducer's cost.
  {name: 'TTY (`mountFollowLive`), one burst of 5,000 events', events: 5_000, yieldEvery: Number.POSITIVE_INFINITY, drawEvery: 1},
  {name: 'TTY (`mountFollowLive`), one burst of all events', yieldEvery: Number.POSITIVE_INFINITY, drawEvery: 1},
  {name: 'TTY (`mountFollowLive`), batches of 100', yieldEvery: 100, drawEvery: 1},
  {name: 'TTY, JobsView drawn once per 100 events (the bench\'s own batching)', yieldEvery: 100, drawEvery: 100},
  {name: 'control: bare Ink `<Static key>` per line, no JobsView', yieldEvery: 100, drawEvery: 0},
]

async function renderMain(): Promise<void> {
  const events = syntheticEvents(RENDER_LINES)
  const lineCount = (upTo: number) => events.slice(0, upTo).filter((event) => event.type === 'log').length
  const rows: RenderRow[] = []
  // Piped: text (log lines to stdout, progress to stderr) and NDJSON, into counting sinks; one
  // unmeasured pass each first, so neither pays the JIT warm-up for the other.
  for (const json of [false, true]) {
    const warm = new FakeTty()
    const warmPrint = eventPrinter({json, color: false, timestamps: false, stdout: warm, stderr: warm})
    for (const event of events) warmPrint(event)
    // Tens of ms per pass: the median of 5 passes.
    const passes: Array<{ms: number; sink: FakeTty}> = []
    for (let pass = 0; pass < 5; pass++) {
      const sink = new FakeTty()
      const print = eventPrinter({json, color: false, timestamps: false, stdout: sink, stderr: sink})
      const start = performance.now()
      for (const event of events) print(event)
      passes.push({ms: performance.now() - start, sink})
    }
    const {ms, sink} = passes.sort((a, b) => a.ms - b.ms)[2]!
    rows.push({name: json ? 'piped NDJSON (`--json`)' : 'piped text', lines: lineCount(events.length), ms, writes: sink.writes, bytes: sink.bytes})
  }
  for (const variant of TTY_VARIANTS) {
    const tty = new FakeTty()
    const live = mountFeed(tty, variant.drawEvery)
    gc()
    const heapBefore = process.memoryUsage().heapUsed
    const start = performance.now()
    let pushed = 0
    const burst = variant.yieldEvery === Number.POSITIVE_INFINITY
    for (const event of events.slice(0, variant.events ?? events.length)) {
      live.onEvent(event)
      pushed++
      if (burst) continue
      if (pushed % variant.yieldEvery === 0) await new Promise((resolve) => setImmediate(resolve))
      if (pushed % 100 === 0 && performance.now() - start > RENDER_CAP_MS) break
    }
    const pushMs = performance.now() - start
    // Live heap while the view is still mounted, then after it is gone.
    gc()
    const heapMounted = process.memoryUsage().heapUsed
    await live.close()
    const ms = performance.now() - start
    const lines = lineCount(pushed)
    // After a burst the lines are still waiting for their draw: the heap then says nothing per line drawn.
    rows.push({name: variant.name, lines, ms, pushMs, writes: tty.writes, bytes: tty.bytes, ...(burst ? {} : {heapPerLine: (heapMounted - heapBefore) / lines})})
    process.stderr.write(`bench: ${variant.name}: ${lines} lines pushed in ${pushMs.toFixed(0)} ms; heap ${mib(heapBefore)} → ${mib(heapMounted)} MiB mounted\n`)
  }
  await new Promise<void>((resolve) => process.send!({type: 'render', rows}, () => resolve()))
  process.disconnect()
}

// ---------------------------------------------------------------------------------------------
// The benchmark: emulator, array job, follower, call log, latency.

function child(role: string, env: Record<string, string>, stdout: 'pipe' | 'ignore'): ChildProcess {
  const childEnv: NodeJS.ProcessEnv = {...process.env, ...env, [ROLE_VARIABLE]: role}
  // Ink (is-in-ci) draws only the last frame under CI; the render benchmark wants the terminal path.
  delete childEnv.CI
  delete childEnv.CONTINUOUS_INTEGRATION
  return fork(self, [], {execArgv: ['--import', 'tsx', '--expose-gc'], env: childEnv, stdio: ['ignore', stdout, 'inherit', 'ipc']})
}

function message<T>(proc: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    proc.on('message', (m: {type?: string}) => m.type === type && resolve(m as T))
    proc.once('exit', (code) => reject(new Error(`${type}: child exited ${code} before reporting`)))
  })
}

async function invokeUntil(emulator: Emulator, operation: string, input: unknown, done: (out: any) => boolean): Promise<any> {
  for (let i = 0; i < 200; i++) {
    const out = await emulator.invoke('batch', operation, input, REGION)
    if (done(out)) return out
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`${operation} never reached the wanted state`)
}

interface FollowMeasure {
  scenario: Scenario
  mode: FollowMode
  result: FollowerResult
  jobStartedAt: number
  jobStoppedAt: number
  latencies: number[]
  latencyByKind: Record<string, number[]>
  expectedLines: number
  printedUnique: number
  duplicates: number
  /** Most lines that reached the reader in any 1 s (the rate a view must keep up with). */
  peakLinesPerSecond: number
  /** Follow rounds: each begins with a DescribeJobs of the array job alone. */
  rounds: number
  calls: Array<{op: string; count: number; perMin: number; peak1s: number; peak60s: number; errors: number; serveMs: number}>
}

const lineKey = (stream: string, timestamp: number, message: string): string => `${stream}\u0000${timestamp}\u0000${message}`

/** Largest number of `times` (ms, sorted) inside any window of `windowMs`. */
function peakInWindow(times: number[], windowMs: number): number {
  let best = 0
  let from = 0
  for (let to = 0; to < times.length; to++) {
    while (times[to]! - times[from]! >= windowMs) from++
    best = Math.max(best, to - from + 1)
  }
  return best
}

async function followOnce(scenario: Scenario, mode: FollowMode): Promise<FollowMeasure> {
  const {size, vcpus, durationMs} = scenario
  // Real time (speed 1), so ingestion times, call times and the follower's clock are all real ms.
  const emulator = await Emulator.start({clock: {speed: 1}, services: {batch: {transitionMs: 0, jobTransitionMs: 500, jobDurationMs: 2000}}})
  const clock = emulator.clock
  // Stagger the children: an attempt's run is one clock timer of exactly durationMs (no other
  // emulator timer has that length), so scaling those timers gives each child its own duration.
  const setTimer = clock.setTimeout.bind(clock)
  const factor = jitter()
  clock.setTimeout = (fn, delayMs) => setTimer(fn, delayMs === durationMs ? Math.round(durationMs * factor()) : delayMs)
  try {
    const ce = await emulator.invoke('batch', 'CreateComputeEnvironment', {
      computeEnvironmentName: 'bench-follow',
      type: 'MANAGED',
      computeResources: {type: 'EC2', minvCpus: 0, maxvCpus: vcpus, instanceTypes: ['optimal'], instanceRole: 'ecsInstanceRole', subnets: ['subnet-1'], securityGroupIds: ['sg-1']},
    })
    await invokeUntil(emulator, 'DescribeComputeEnvironments', {computeEnvironments: ['bench-follow']}, (out) => out.computeEnvironments?.[0]?.status === 'VALID')
    await emulator.invoke('batch', 'CreateJobQueue', {jobQueueName: 'bench-follow', priority: 1, computeEnvironmentOrder: [{order: 1, computeEnvironment: ce.computeEnvironmentArn}]})
    await invokeUntil(emulator, 'DescribeJobQueues', {jobQueues: ['bench-follow']}, (out) => out.jobQueues?.[0]?.status === 'VALID')
    await emulator.invoke('batch', 'RegisterJobDefinition', {
      jobDefinitionName: 'bench-follow',
      type: 'container',
      containerProperties: {
        image: 'busybox',
        command: ['process-shard'],
        resourceRequirements: [{type: 'VCPU', value: '1'}, {type: 'MEMORY', value: '512'}],
        environment: [
          {name: 'BATCHCTL_SIM_DURATION_MS', value: String(durationMs)},
          {name: 'BATCHCTL_SIM_LOG_LINES', value: String(EXTRA_LINES)},
        ],
      },
    })
    const follower = child('follower', {BENCH_ENDPOINT: emulator.url, BENCH_MODE: mode}, 'pipe')
    const done = message<FollowerResult>(follower, 'result')
    await message(follower, 'ready')
    const {jobId} = await emulator.invoke('batch', 'SubmitJob', {jobName: 'bench-follow', jobQueue: 'bench-follow', jobDefinition: 'bench-follow', arrayProperties: {size}})
    emulator.calls.clear()
    follower.send({jobId})
    // Each NDJSON line is stamped as it reaches this process: the "screen" of a piped follow.
    const printed: Array<{at: number; key: string; message: string}> = []
    const reader = createInterface({input: follower.stdout!})
    reader.on('line', (line) => {
      const at = Date.now()
      if (!line.startsWith('{"type":"log"')) return
      const parsed = JSON.parse(line) as {logStreamName: string; timestamp: number; message: string}
      printed.push({at, key: lineKey(parsed.logStreamName, parsed.timestamp, parsed.message), message: parsed.message})
    })
    const result = await done
    await new Promise((resolve) => follower.once('exit', resolve))

    // Ingestion time of every event the job wrote. Keyed by stream, timestamp and message, not
    // eventId: Live Tail events carry none (the follower makes its own), and every simulated
    // line is unique within its stream.
    const logs = emulator.state<LogsState>('logs', REGION)
    const ingested = new Map<string, number>()
    for (const stream of logs.groups.get(LOG_GROUP)?.streams.values() ?? []) {
      for (const event of stream.events) ingested.set(lineKey(stream.name, event.timestamp, event.message), event.ingestionTime)
    }
    const seen = new Set<string>()
    let duplicates = 0
    const latencies: number[] = []
    const latencyByKind: Record<string, number[]> = {}
    for (const line of printed) {
      if (seen.has(line.key)) duplicates++
      seen.add(line.key)
      const ingestion = ingested.get(line.key)
      if (ingestion === undefined) throw new Error(`printed a line the job never wrote: ${line.key}`)
      const latency = line.at - ingestion
      latencies.push(latency)
      const kind = line.message.startsWith('Exiting') ? 'exit line (written as the child stops)' : 'start lines (written as the child starts)'
      ;(latencyByKind[kind] ??= []).push(latency)
    }
    latencies.sort((a, b) => a - b)
    for (const list of Object.values(latencyByKind)) list.sort((a, b) => a - b)

    const parent = (await emulator.invoke('batch', 'DescribeJobs', {jobs: [jobId]}, REGION)).jobs[0]
    const records = emulator.calls.all().filter((call) => call.time >= result.startedAt && call.time <= result.endedAt)
    const minutes = (result.endedAt - result.startedAt) / 60_000
    const rounds = records.filter((call) => call.operation === 'DescribeJobs' && JSON.stringify((call.input as {jobs?: string[]}).jobs) === JSON.stringify([jobId])).length
    const byOp = new Map<string, number[]>()
    const errors = new Map<string, number>()
    const serve = new Map<string, number>()
    for (const call of records) {
      const op = `${call.service}:${call.operation}`
      ;(byOp.get(op) ?? byOp.set(op, []).get(op)!).push(call.time)
      // StartLiveTail's duration is the whole session, not the time to answer.
      if (call.operation !== 'StartLiveTail') serve.set(op, (serve.get(op) ?? 0) + call.durationMs)
      if (call.error) errors.set(op, (errors.get(op) ?? 0) + 1)
    }
    const service = (name: string) => records.filter((call) => call.service === name).map((call) => call.time)
    const calls = [...byOp.entries()].map(([op, times]) => ({op, times}))
    calls.push({op: 'batch (all operations)', times: service('batch')}, {op: 'logs (all operations)', times: service('logs')})
    return {
      scenario,
      mode,
      result,
      jobStartedAt: parent.startedAt ?? parent.createdAt,
      jobStoppedAt: parent.stoppedAt,
      latencies,
      latencyByKind,
      expectedLines: ingested.size,
      printedUnique: seen.size,
      duplicates,
      rounds,
      peakLinesPerSecond: peakInWindow(printed.map((line) => line.at), 1000),
      calls: calls
        .sort((a, b) => b.times.length - a.times.length)
        .map(({op, times}) => ({op, count: times.length, perMin: times.length / minutes, peak1s: peakInWindow(times, 1000), peak60s: peakInWindow(times, 60_000), errors: errors.get(op) ?? 0, serveMs: (serve.get(op) ?? 0) / Math.max(1, times.length)})),
    }
  } finally {
    await emulator.stop()
  }
}

/** Published quotas, per account and Region (shared by every caller in the account). */
const QUOTAS: Record<string, string> = {
  'batch (all operations)': '50 TPS = 3,000/min [1]',
  'batch:DescribeJobs': 'within Batch\'s 50 TPS [1]',
  'batch:ListJobs': 'within Batch\'s 50 TPS [1]',
  'logs:FilterLogEvents': '5 TPS = 300/min [2]',
  'logs:StartLiveTail': 'sessions, not TPS [3]',
  'logs (all operations)': 'per operation [2]',
}

function ms(value: number): string {
  return Number.isFinite(value) ? `${seconds(value)} s` : '–'
}

function followSection(m: FollowMeasure): string {
  const r = m.result
  const elapsed = r.endedAt - r.startedAt
  const rows = m.calls.map(
    (c) => `| ${c.op} | ${c.count} | ${c.perMin.toFixed(0)} | ${(c.perMin / 60).toFixed(2)} | ${c.peak1s} | ${c.peak60s} | ${c.errors} | ${c.op.includes('(all') || c.op.endsWith('StartLiveTail') ? '–' : c.serveMs.toFixed(1)} | ${QUOTAS[c.op] ?? ''} |`,
  )
  const kinds = Object.entries(m.latencyByKind).map(
    ([kind, list]) => `| ${kind} | ${list.length} | ${ms(percentile(list, 50))} | ${ms(percentile(list, 95))} | ${ms(list.at(-1) ?? Number.NaN)} |`,
  )
  const growth = r.heapSamples.length > 1 ? r.heapSamples : []
  const heapLine = growth.map((s) => `${seconds(s.at)} s: ${mib(s.heapUsed)} MiB (${s.lines} lines)`).join(' · ')
  const sc = m.scenario
  return `### ${sc.title}, mode \`${m.mode}\`

The array runs in ≈ ${Math.ceil(sc.size / sc.vcpus)} waves; each child runs ${seconds(sc.durationMs / 2)}–${seconds((sc.durationMs * 3) / 2)} s.

Follower (one process, \`followJob\` with the CLI defaults: Batch 5 calls/s, FilterLogEvents 5 calls/s, polling 1–10 s, settle 2 s${m.mode === 'polling' ? '; `liveTail: false`, as `--no-live-tail`' : '; Live Tail on, the default'}) ran ${seconds(elapsed)} s real, from its start to \`followJob\` returning ${r.status}; the array was submitted just before it started, its first child started at ${seconds(m.jobStartedAt - r.startedAt)} s and its last stopped at ${seconds(m.jobStoppedAt - r.startedAt)} s (the last ${seconds(r.endedAt - m.jobStoppedAt)} s are the follower noticing the end and draining the last streams).
Rounds (a DescribeJobs of the array job alone begins each): ${m.rounds}, one every ${seconds(elapsed / Math.max(1, m.rounds))} s on average.
Lines: ${m.expectedLines} written by the job, ${m.printedUnique} distinct printed, ${m.duplicates} printed twice, ${m.expectedLines - m.printedUnique} never printed. Warnings: ${r.warnings.length ? r.warnings.map((w) => `"${w}"`).join('; ') : 'none'}.

API calls during the follow, per operation (rates over the follower's real elapsed time; peaks over any 1 s and any 60 s window):

| operation | calls | per min | per s (mean) | peak in 1 s | peak in 60 s | errors | emulator ms per call | published quota |
|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}

PutLogEvents → screen (ingestion time in the emulator to the NDJSON line reaching the reading process):

| lines | count | p50 | p95 | max |
|---|---|---|---|---|
| all | ${m.latencies.length} | ${ms(percentile(m.latencies, 50))} | ${ms(percentile(m.latencies, 95))} | ${ms(m.latencies.at(-1) ?? Number.NaN)} |
${kinds.join('\n')}

Memory of the follower process: peak RSS ${(r.maxRssKiB / 1024).toFixed(1)} MiB (\`resourceUsage().maxRSS\`; VmHWM ${r.vmHwmKiB !== undefined ? (r.vmHwmKiB / 1024).toFixed(1) : '–'} MiB), peak heap used ${mib(r.peakHeapUsed)} MiB, CPU ${seconds(r.cpuMs)} s over ${seconds(elapsed)} s.
Live heap after a full GC, every 10 s: ${heapLine}.`
}

/** What the numbers say, computed from them, so a re-run cannot leave a stale reading behind. */
function interpretation(measures: FollowMeasure[], rows: RenderRow[]): string {
  const notes: string[] = []
  for (const m of measures) {
    const op = (name: string) => m.calls.find((c) => c.op === name)
    const filter = op('logs:FilterLogEvents')
    const batch = op('batch (all operations)')
    const live = op('logs:StartLiveTail')
    const parts: string[] = []
    if (batch) parts.push(`Batch ${(batch.perMin / 60).toFixed(1)} calls/s on average, at most ${batch.peak1s} in any second: ${batch.peak1s <= 50 ? 'within' : 'over'} the account's 50 TPS (${((batch.peak1s / 50) * 100).toFixed(0)}% of it at the peak)`)
    if (filter) {
      parts.push(
        `FilterLogEvents ${(filter.perMin / 60).toFixed(1)} calls/s on average, at most ${filter.peak1s} in any second: ${filter.peak1s <= 5 ? 'within 5 TPS' : '**more than 5 calls in one second**'}${filter.peak1s > 5 ? ' (counted when the emulator handles the calls, and its event loop, busy with thousands of running children, handles queued calls together; the follower starts at most 5 calls in any 1,050 ms; a throttled call is retried by the SDK and read again next round, so no line is lost, but it is late)' : ''}; ${filter.perMin / 60 > 2.5 ? 'on average it takes more than half the account\'s quota, so a second follower or any other reader in the account makes throttling likely' : 'on average it leaves most of the quota to other readers'}`,
      )
    }
    if (live) parts.push(`${live.count} StartLiveTail session${live.count === 1 ? '' : 's'} (quota: concurrent sessions, not calls)`)
    const p50 = percentile(m.latencies, 50)
    parts.push(
      `half the lines reached the reader within ${ms(p50)} of their PutLogEvents and 95% within ${ms(percentile(m.latencies, 95))}; ${m.printedUnique === m.expectedLines && m.duplicates === 0 ? 'every line exactly once' : `${m.expectedLines - m.printedUnique} lines missing, ${m.duplicates} repeated`}`,
    )
    const heap = m.result.heapSamples
    const retained = heap.length > 1 ? heap.at(-1)!.heapUsed - heap[0]!.heapUsed : 0
    parts.push(
      `the follower's live heap went from ${mib(heap[0]?.heapUsed ?? 0)} to ${mib(heap.at(-1)?.heapUsed ?? 0)} MiB (≈ ${(retained / m.scenario.size / 1024).toFixed(1)} KiB per child still held near the end; \`LogFollower\` keeps every stream it has seen, retired ones too, with the eventIds of its last 10 s)`,
    )
    parts.push(
      `follower peak RSS ${(m.result.maxRssKiB / 1024).toFixed(0)} MiB; lines reached the reader at ${(m.printedUnique / ((m.result.endedAt - m.result.startedAt) / 1000)).toFixed(0)} per second on average and in bursts of up to ${m.peakLinesPerSecond} in one second (a round releases what it read at once)`,
    )
    if (live && m.result.warnings.some((w) => w.includes('sampling'))) {
      parts.push('Live Tail reported sampling (over 500 events per second: each wave of children starts at once) and the follow fell back to FilterLogEvents, so this mode measured the same polling path')
    }
    const polled = measures.find((other) => other.scenario === m.scenario && other.mode === 'polling')
    if (m.mode === 'live-tail' && polled) {
      const [a, b] = [percentile(m.latencies, 50), percentile(polled.latencies, 50)]
      parts.push(`median latency ${ms(a)} against ${ms(b)} when polling (${Math.abs(a - b) < 0.1 * b ? 'about the same' : a < b ? 'faster' : '**slower**'}); FilterLogEvents calls ${m.calls.find((c) => c.op === 'logs:FilterLogEvents')?.count ?? 0} against ${polled.calls.find((c) => c.op === 'logs:FilterLogEvents')?.count ?? 0}`)
    }
    notes.push(`- ${m.scenario.title}, \`${m.mode}\`: ${parts.join('; ')}.`)
  }
  const rate = (row: RenderRow | undefined) => (row ? row.lines / (row.ms / 1000) : Number.NaN)
  const piped = rows[0]
  const small = rows.find((row) => row.name.includes('burst of 5,000'))
  const large = rows.find((row) => row.name.includes('burst of all'))
  const tty = rows.find((row) => row.name.startsWith('TTY (`mountFollowLive`), batches'))
  const batched = rows.find((row) => row.name.includes('drawn once per 100'))
  const control = rows.find((row) => row.name.startsWith('control'))
  const busiest = Math.max(0, ...measures.map((m) => m.peakLinesPerSecond))
  const average = Math.max(0, ...measures.map((m) => m.printedUnique / ((m.result.endedAt - m.result.startedAt) / 1000)))
  const total = Math.max(0, ...measures.map((m) => m.expectedLines))
  const parts: string[] = []
  if (piped) parts.push(`the piped text view takes ${rate(piped).toFixed(0)} lines/s, far beyond any follow`)
  if (tty) {
    const r = rate(tty)
    parts.push(
      `the TTY view as shipped (\`mountFollowLive\`), fed in batches of 100 with the event loop turning between them, takes ${r.toFixed(0)} lines/s: ${r > average ? 'above' : '**below**'} the ${average.toFixed(0)} lines/s this follow delivered on average${r < busiest ? `, and a round's burst (up to ${busiest} lines in one second here) takes it ${(busiest / r).toFixed(0)} s, during which the follower's event loop is blocked (the view draws in the process that follows)` : ''}`,
    )
    if (tty.heapPerLine !== undefined) {
      parts.push(
        `its live heap grows by ≈ ${(tty.heapPerLine / 1024).toFixed(1)} KiB per line drawn (after a full GC, view mounted)${tty.heapPerLine > 1024 ? `: **for the ${total.toLocaleString('en')} lines of this job ≈ ${((tty.heapPerLine * total) / 1024 / 1024).toFixed(0)} MiB, growing with every line**` : ''}`,
      )
    }
  }
  if (small?.pushMs !== undefined && large?.pushMs !== undefined) {
    const perLine = (row: RenderRow) => row.pushMs! / row.lines
    const growth = perLine(large) / perLine(small)
    const draw = (row: RenderRow) => (row.ms - row.pushMs!) / row.lines
    parts.push(
      `in one synchronous burst (as a round releases its lines) the events cost ${(perLine(small) * 1000).toFixed(0)} µs per line at ${small.lines.toLocaleString('en')} lines and ${(perLine(large) * 1000).toFixed(0)} µs at ${large.lines.toLocaleString('en')}${growth > 2 ? ` — **${growth.toFixed(0)}× more per line for ${(large.lines / small.lines).toFixed(0)}× the lines: quadratic, because while lines wait for the next frame each event copies all waiting lines (\`followReducer\`: \`lines: [...state.lines, line]\`)**` : ''}; the one draw that follows costs ${draw(small).toFixed(2)} and ${draw(large).toFixed(2)} ms per line (${(large.ms - large.pushMs).toFixed(0)} ms for the large burst, the event loop blocked throughout)`,
    )
  }
  if (batched) parts.push(`JobsView drawn once per 100 events by the bench itself takes ${rate(batched).toFixed(0)} lines/s${batched.heapPerLine !== undefined ? ` and ≈ ${(batched.heapPerLine / 1024).toFixed(1)} KiB of live heap per line` : ''}`)
  if (control) {
    parts.push(
      `the control without JobsView (bare Ink, a \`<Static key>\` per line) takes ${rate(control).toFixed(0)} lines/s and keeps ≈ ${((control.heapPerLine ?? 0) / 1024).toFixed(1)} KiB per line${(control.heapPerLine ?? 0) > 1024 ? ', so a `<Static>` per draw retains memory in Ink itself' : ''}`,
    )
  }
  if (parts.length) notes.push(`- Rendering: ${parts.join('; ')}.`)
  notes.push(
    '- Where the latency comes from (read from `followJob` and `LogFollower`, consistent with the rounds counted above): a round describes the job, then the new or finished children (DescribeJobs, 100 ids per call), and at the same time reads every active stream (FilterLogEvents, 100 streams per call; streams found in a round are read from the next), and a line read in one round is released in a later one, once it has settled 2 s. With thousands of children running, a round needs tens of calls under each budget of 5 calls/s (2,500 running streams alone are 25 FilterLogEvents calls, 5 s), and a line waits about two such rounds. Reading a job\'s streams by `logStreamNamePrefix` (one paginated call for every child of a definition) would cut those calls; it is not done: streams not yet read have no mark, so such a read would start at the job\'s creation, and other jobs of the definition share the prefix. Live Tail does not shorten this here: its lines wait for the stream\'s backfill read (a settle time after coverage begins) and then settle, and the simulated children write their lines only at start and at exit, which is exactly then; lines written during a long run (not simulated) are where it should gain.',
  )
  return notes.join('\n')
}

function renderSection(rows: RenderRow[]): string {
  const base = rows[0]!
  const lines = rows.map((row) => {
    const rate = row.lines / (row.ms / 1000)
    return `| ${row.name} | ${row.lines} | ${row.pushMs !== undefined ? row.pushMs.toFixed(0) : '–'} | ${row.ms.toFixed(0)} | ${rate.toFixed(0)} | ${(rate / (base.lines / (base.ms / 1000))).toPrecision(2)}× | ${row.writes} | ${(row.bytes / 1024).toFixed(0)} | ${(row.bytes / row.lines).toFixed(0)} | ${row.heapPerLine !== undefined ? `${(row.heapPerLine / 1024).toFixed(1)} KiB` : '–'} |`
  })
  return `| view | lines | ms in onEvent | ms in all | lines/s | vs piped text | writes | KiB written | bytes/line | live heap per line |
|---|---|---|---|---|---|---|---|---|---|
${lines.join('\n')}`
}

export async function run() {
  const measures: FollowMeasure[] = []
  const skipped: string[] = []
  for (const scenario of SCENARIOS) {
    for (const mode of scenario.modes) {
      if (mode === 'live-tail' && !existsSync(fileURLToPath(new URL('../src/jobs/live-tail.ts', import.meta.url)))) {
        if (!skipped.includes(mode)) skipped.push(mode)
        continue
      }
      console.error(`bench: following ${scenario.title} (${mode})`)
      measures.push(await followOnce(scenario, mode))
    }
  }
  console.error('bench: render rates')
  const renderer = child('render', {}, 'ignore')
  const render = await message<{rows: RenderRow[]}>(renderer, 'render')
  await new Promise((resolve) => renderer.once('exit', resolve))

  writeSection(
    'follow',
    `## Following a ${ARRAY_SIZE.toLocaleString('en')}-child array job (\`bench/follow.bench.ts\`)

${machine()}, ${cpus().length} CPUs. The emulator runs in the benchmark's process on a **real-time clock** (speed 1), so every rate and latency below is real time. One EC2 compute environment, children of 1 vCPU, so the array runs in waves; each child's run time is jittered (0.5–1.5× a mean) and it writes ${EXTRA_LINES + 3} lines (${EXTRA_LINES + 2} as it starts: the emulator's 2 and ${EXTRA_LINES} \`Line i of ${EXTRA_LINES}\`; 1 as it exits), through the emulator's own PutLogEvents. The follower is a separate Node process running \`followJob\` over the SDK adapters with the CLI's defaults and printing NDJSON into a pipe, as \`batchctl logs <id> --follow --json\`.
${skipped.length ? `\nNot measured: ${skipped.map((m) => `\`${m}\``).join(', ')} — the follow path has no Live Tail yet (\`src/jobs/live-tail*\` had not landed when this ran); \`BENCH_FOLLOW_MODES=polling,live-tail npm run bench follow\` measures it once it has.\n` : ''}
${measures.map(followSection).join('\n\n')}

### Lines per second rendered

${RENDER_LINES.toLocaleString('en')} synthetic log lines of 10,000 children (labels \`[i]\`, one counts event per 100 lines), pushed as fast as each view takes them, in a child process of their own; the TTY view is \`mountFollowLive\` (JobsView, Ink) on a fake terminal of 120×40 that counts writes and bytes; piped views write into counting sinks. A variant stops after ${RENDER_CAP_MS / 1000} s (the lines column says how far it got).

${renderSection(render.rows)}

### Reading

${interpretation(measures, render.rows)}

Quotas: [1] AWS Batch: "The maximum number of transactions per second (TPS) for each account for AWS Batch API calls, including the SubmitJob operations, is 50" (AWS re:Post knowledge center, https://repost.aws/knowledge-center/aws-batch-requests-error; SubmitJob 50 TPS also in https://docs.aws.amazon.com/batch/latest/userguide/service_limits.html). [2] CloudWatch Logs API quotas are per operation, per account and Region (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/cloudwatch_limits_cwl.html, https://docs.aws.amazon.com/general/latest/gr/cwl_region.html); FilterLogEvents is taken as 5 TPS, the figure batchctl's call budget is built on — the stored excerpts of those pages did not show the FilterLogEvents row itself, so check the Service Quotas console of the account. [3] StartLiveTail (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_StartLiveTail.html): one session sends an update every second with at most 500 events (sampled beyond that), buffers at most 10 updates or 5,000 events for a slow reader (then drops the oldest), and times out after 3 hours.`,
  )
  return {
    modes: measures.map((m) => ({
      scenario: m.scenario.title,
      mode: m.mode,
      seconds: (m.result.endedAt - m.result.startedAt) / 1000,
      p50: percentile(m.latencies, 50),
      p95: percentile(m.latencies, 95),
      max: m.latencies.at(-1),
      maxRssMiB: m.result.maxRssKiB / 1024,
      missing: m.expectedLines - m.printedUnique,
    })),
    render: render.rows.map((row) => ({name: row.name, linesPerSecond: Math.round(row.lines / (row.ms / 1000))})),
  }
}

const role = process.env[ROLE_VARIABLE]
if (role === 'follower') await followerMain()
else if (role === 'render') await renderMain()
