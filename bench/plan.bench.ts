// `plan` of a ~200-resource project (20 compute environments, 40 queues, 140 job definitions)
// with 50 ms injected on every call: wall time and API calls, beside (a) the fewest calls and
// round trips the APIs allow and (b) a Terraform-style refresh, one Describe per resource at 10
// in flight (implemented here with the SDK directly). Target: within 5 round trips + 0.5 s.
import {BatchClient, DescribeComputeEnvironmentsCommand, DescribeJobDefinitionsCommand, DescribeJobQueuesCommand} from '@aws-sdk/client-batch'
import {spawn} from 'node:child_process'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import pLimit from 'p-limit'

import {createAdapters} from '../src/aws/adapters.js'
import {AwsClients} from '../src/aws/clients.js'
import {loadConfig} from '../src/config/load-config.js'
import {Emulator} from '../src/local/emulator.js'
import {applyProject} from '../src/services/applying.js'
import {planProject} from '../src/services/planning.js'
import {generateProjectYaml} from './fixtures/generate-project.js'
import {machine, median, writeSection} from './lib.js'

const LATENCY_MS = 50
const SHAPE = {project: 'bench', computeEnvironments: 20, jobQueues: 40, jobDefinitions: 140}
const credentials = {accessKeyId: 'bench', secretAccessKey: 'bench'}
const bin = fileURLToPath(new URL('../bin/run.js', import.meta.url))

/** Runs the CLI without blocking this process's event loop (the emulator answers from it). */
function runCli(args: string[], cwd: string, env: Record<string, string>): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {cwd, env: {...process.env, NODE_ENV: 'production', ...env}, stdio: 'ignore'})
    child.on('error', reject)
    child.on('close', (code) => resolve(code))
  })
}

/** Calls by `service:operation`, most first. */
function summarize(calls: ReadonlyArray<{service: string; operation: string; time: number; durationMs: number}>) {
  const byOperation = new Map<string, number>()
  for (const call of calls) byOperation.set(`${call.service}:${call.operation}`, (byOperation.get(`${call.service}:${call.operation}`) ?? 0) + 1)
  return [...byOperation].sort((a, b) => b[1] - a[1])
}

/**
 * The fewest calls the APIs allow for this snapshot, found by listing (which also finds owned
 * resources that left batch.yaml): Describe* take up to 100 names or return 100 per page
 * (DescribeComputeEnvironments / DescribeJobQueues `maxResults` ≤ 100, DescribeJobDefinitions
 * `maxResults` ≤ 100 with status ACTIVE), and their answers carry tags; the other services
 * need one empty list call each (ListSchedulingPolicies, ListScheduleGroups, ListRules,
 * ListStateMachines, DescribeRepositories). Pages of one listing follow each other (nextToken);
 * listings run in parallel, so the round trips are the longest listing.
 * API reference: https://docs.aws.amazon.com/batch/latest/APIReference/API_DescribeJobDefinitions.html
 * ("maxResults ... can be between 1 and 100"), and likewise API_DescribeComputeEnvironments.html
 * and API_DescribeJobQueues.html.
 */
function minimum(liveJobDefinitions: number) {
  const pages = [Math.ceil(SHAPE.computeEnvironments / 100), Math.ceil(SHAPE.jobQueues / 100), Math.ceil(liveJobDefinitions / 100)]
  const others = 5
  return {calls: pages.reduce((a, b) => a + b, 0) + others, roundTrips: Math.max(...pages, 1)}
}

/** Terraform-style refresh: one Describe per resource, 10 in flight. */
async function refreshPerResource(endpoint: string): Promise<{ms: number; calls: number}> {
  const batch = new BatchClient({endpoint, region: 'us-east-1', credentials, maxAttempts: 1})
  const limit = pLimit(10)
  const name = (kind: string, i: number) => `${SHAPE.project}-${kind}${i}`
  const tasks: Array<() => Promise<unknown>> = [
    ...Array.from({length: SHAPE.computeEnvironments}, (_, i) => () => batch.send(new DescribeComputeEnvironmentsCommand({computeEnvironments: [name('ce', i)]}))),
    ...Array.from({length: SHAPE.jobQueues}, (_, i) => () => batch.send(new DescribeJobQueuesCommand({jobQueues: [name('q', i)]}))),
    ...Array.from({length: SHAPE.jobDefinitions}, (_, i) => () => batch.send(new DescribeJobDefinitionsCommand({jobDefinitionName: name('job', i), status: 'ACTIVE'}))),
  ]
  const start = performance.now()
  await Promise.all(tasks.map((task) => limit(task)))
  const ms = performance.now() - start
  batch.destroy()
  return {ms, calls: tasks.length}
}

export async function run({runs = Number(process.env.BENCH_RUNS ?? 5)} = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'batchctl-bench-plan-'))
  const emulator = await Emulator.start({services: {batch: {transitionMs: 50}}})
  try {
    writeFileSync(join(dir, 'batch.yaml'), generateProjectYaml(SHAPE))
    const loaded = loadConfig(join(dir, 'batch.yaml'))
    const clients = new AwsClients({region: 'us-east-1', endpoint: emulator.url, credentials})
    const registry = createAdapters(clients, {wait: {initialMs: 50, maxMs: 200}})
    const first = await planProject(loaded, registry.adapters)
    const resources = first.model.resources.length
    const applied = await applyProject(first.plan, {adapters: registry.adapters, concurrency: 16})
    if (!applied.ok) throw new Error(`apply failed: ${JSON.stringify(applied.failed.slice(0, 3))}`)

    emulator.faults.configure({rules: [{latencyMs: LATENCY_MS}]})
    // In-process plan (the service the command calls), warm SDK clients.
    await planProject(loaded, registry.adapters)
    const planTimes: number[] = []
    let calls: ReturnType<typeof summarize> = []
    let callCount = 0
    let timeline = ''
    for (let i = 0; i < runs; i++) {
      emulator.calls.clear()
      const startEpoch = Date.now()
      const start = performance.now()
      const {plan} = await planProject(loaded, registry.adapters)
      planTimes.push(performance.now() - start)
      if (plan.changes.length > 0) throw new Error(`plan after apply is not empty: ${plan.changes.length} changes`)
      callCount = emulator.calls.all().length
      calls = summarize(emulator.calls.all())
      // When each call arrived, relative to the start of the plan (the emulator's clock runs at real speed).
      timeline = emulator.calls
        .all()
        .map((c) => `${c.operation} +${Math.max(0, c.time - startEpoch)}`)
        .join(', ')
    }
    // The whole command, start-up included (once: a child process on a shared machine is noisy).
    emulator.calls.clear()
    let start = performance.now()
    const cliStatus = await runCli(['plan', '--local', '--detailed-exitcode'], dir, {BATCHCTL_LOCAL_ENDPOINT: emulator.url})
    const cliMs = performance.now() - start
    const cliCalls = emulator.calls.all().length
    start = performance.now()
    await runCli(['--version'], dir, {})
    const versionMs = performance.now() - start
    start = performance.now()
    await runCli(['validate'], dir, {})
    const validateMs = performance.now() - start

    const refreshTimes: number[] = []
    let refreshCalls = 0
    for (let i = 0; i < runs; i++) {
      const r = await refreshPerResource(emulator.url)
      refreshTimes.push(r.ms)
      refreshCalls = r.calls
    }

    const liveJobDefinitions = SHAPE.jobDefinitions // one ACTIVE revision each after one apply
    const min = minimum(liveJobDefinitions)
    const planMs = median(planTimes)
    const refreshMs = median(refreshTimes)
    const targetMs = 5 * LATENCY_MS + 500
    const minMs = min.roundTrips * LATENCY_MS
    const verdict =
      planMs <= targetMs
        ? `**met**: ${planMs.toFixed(0)} ms ≤ ${targetMs} ms (${(planMs / LATENCY_MS).toFixed(1)} latencies)`
        : `**missed** by ${(planMs - targetMs).toFixed(0)} ms: ${planMs.toFixed(0)} ms > ${targetMs} ms`
    const rows = calls.map(([operation, count]) => `| ${operation} | ${count} |`).join('\n')
    writeSection(
      'plan',
      `## Plan of a 200-resource project at ${LATENCY_MS} ms per call (\`bench/plan.bench.ts\`)

${machine()}; ${resources} resources (${SHAPE.computeEnvironments} compute environments, ${SHAPE.jobQueues} queues, ${SHAPE.jobDefinitions} job definitions), applied once; then \`plan\` with ${LATENCY_MS} ms added to every call by the emulator; median of ${runs}.

| what | wall ms | API calls | vs minimum |
|---|---|---|---|
| minimum the APIs allow (${min.roundTrips} round trips, listings in parallel) | ${minMs} | ${min.calls} | 1.00× |
| batchctl plan (in process: \`planProject\`, warm clients) | ${planMs.toFixed(0)} | ${callCount} | ${(planMs / minMs).toFixed(2)}× |
| batchctl plan --local (whole command, exit ${cliStatus}) | ${cliMs.toFixed(0)} | ${cliCalls} | ${(cliMs / minMs).toFixed(2)}× |
| one Describe per resource, 10 in flight (Terraform-style refresh) | ${refreshMs.toFixed(0)} | ${refreshCalls} | ${(refreshMs / minMs).toFixed(2)}× |

Target (5 round trips + 0.5 s = ${targetMs} ms for the plan itself): ${verdict}.
The whole command adds start-up: \`batchctl --version\` took ${versionMs.toFixed(0)} ms here and \`batchctl validate\` of the same file (start-up, schema and semantic checks, no AWS) ${validateMs.toFixed(0)} ms; the rest is loading the SDK clients and adapters.
Arrival of each call, ms after the plan started: ${timeline}. The calls come in 2 waves (the second page of job definitions, and the rules after the event buses); the time before the first call and between the waves is building the desired model and the plan (CPU).

Calls made by one in-process plan:

| service:operation | calls |
|---|---|
${rows}`,
    )
    return {planMs, callCount, refreshMs, cliMs, targetMs, minCalls: min.calls}
  } finally {
    await emulator.stop()
    rmSync(dir, {recursive: true, force: true})
  }
}
