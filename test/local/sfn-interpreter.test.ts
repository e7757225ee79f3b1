import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn'
import {describe, expect, it} from 'vitest'

import {type SfnOptions, TaskFailure} from '../../src/local/services/sfn/options.js'
import {startEmulator} from '../helpers/emulator.js'

// AWS: https://docs.aws.amazon.com/step-functions/latest/dg/concepts-amazon-states-language.html
// AWS: https://states-language.net/spec.html (the Amazon States Language specification)

const ROLE = 'arn:aws:iam::123456789012:role/sfn-exec'
const ECHO = 'arn:aws:lambda:us-east-1:123456789012:function:echo'

async function setup(states: SfnOptions = {}) {
  const {emulator, config} = await startEmulator({clock: {start: Date.parse('2026-01-01T00:00:00Z')}, services: {states}})
  const sfn = new SFNClient({...config, maxAttempts: 1})
  let n = 0
  /** Creates a machine from `definition`, starts it with `input` and returns the execution ARN. */
  const start = async (definition: object, input: unknown = {}): Promise<string> => {
    const {stateMachineArn} = await sfn.send(
      new CreateStateMachineCommand({name: `m${n++}`, definition: JSON.stringify(definition), roleArn: ROLE}),
    )
    const {executionArn} = await sfn.send(new StartExecutionCommand({stateMachineArn, input: JSON.stringify(input)}))
    return executionArn!
  }
  /** Drives virtual time in steps until the execution closes. */
  const finish = async (executionArn: string, stepMs = 500): Promise<DescribeExecutionCommandOutput> => {
    for (let i = 0; i < 2000; i++) {
      const described = await sfn.send(new DescribeExecutionCommand({executionArn}))
      if (described.status !== 'RUNNING') return described
      emulator.clock.advance(stepMs)
      await new Promise((resolve) => setImmediate(resolve))
    }
    throw new Error(`execution ${executionArn} did not finish`)
  }
  const run = async (definition: object, input: unknown = {}, stepMs = 500) => finish(await start(definition, input), stepMs)
  const history = async (executionArn: string): Promise<HistoryEvent[]> =>
    (await sfn.send(new GetExecutionHistoryCommand({executionArn, maxResults: 1000}))).events ?? []
  return {emulator, sfn, start, finish, run, history}
}

const single = (state: object) => ({StartAt: 'S', States: {S: {...state, End: true}}})
const output = (described: DescribeExecutionCommandOutput): unknown => JSON.parse(described.output ?? 'null')

describe('ASL interpreter: Pass, paths and payload templates', () => {
  it('applies InputPath, Parameters with paths, intrinsics and the context object, ResultPath and OutputPath', async () => {
    const {run} = await setup()
    const described = await run(
      single({
        Type: 'Pass',
        InputPath: '$.job',
        Parameters: {
          'name.$': "States.Format('align-{}-{}', $.sample, $.lane)",
          'first.$': '$.files[0]',
          'parsed.$': 'States.StringToJson($.json)',
          'list.$': 'States.Array($.sample, 1, true)',
          'execution.$': '$$.Execution.Name',
          'state.$': '$$.State.Name',
          fixed: {deep: 'value'},
        },
        ResultPath: '$.out',
        OutputPath: '$.out',
      }),
      {job: {sample: 'S1', lane: 3, files: ['a.bam', 'b.bam'], json: '{"k":[1,2]}'}},
    )
    expect(described.status).toBe('SUCCEEDED')
    expect(output(described)).toEqual({
      name: 'align-S1-3',
      first: 'a.bam',
      parsed: {k: [1, 2]},
      list: ['S1', 1, true],
      execution: described.name,
      state: 'S',
      fixed: {deep: 'value'},
    })
  })

  it('puts a Result at a nested ResultPath, keeps the input with ResultPath null, empties with OutputPath null', async () => {
    const {run} = await setup()
    const nested = await run(single({Type: 'Pass', Result: {ok: true}, ResultPath: '$.a.b'}), {keep: 1})
    expect(output(nested)).toEqual({keep: 1, a: {b: {ok: true}}})
    const kept = await run(single({Type: 'Pass', Result: 'x', ResultPath: null}), {keep: 1})
    expect(output(kept)).toEqual({keep: 1})
    const empty = await run(single({Type: 'Pass', OutputPath: null}), {keep: 1})
    expect(output(empty)).toEqual({})
  })

  it('fails with States.Runtime when a path selects nothing, and Catch on States.ALL does not catch it', async () => {
    // AWS: https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
    // ("A retry or catch on States.ALL won't catch States.Runtime errors.")
    const {run} = await setup({taskHandlers: {[ECHO]: (input) => input}})
    const described = await run({
      StartAt: 'T',
      States: {
        T: {Type: 'Task', Resource: ECHO, InputPath: '$.missing', Catch: [{ErrorEquals: ['States.ALL'], Next: 'Caught'}], End: true},
        Caught: {Type: 'Succeed'},
      },
    })
    expect(described.status).toBe('FAILED')
    expect(described.error).toBe('States.Runtime')
    expect(described.cause).toContain("The JSONPath '$.missing' specified for the field 'InputPath' could not be found")
  })

  it('fails with States.DataLimitExceeded when a state output exceeds 256 KiB', async () => {
    // AWS: https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html (256 KiB payloads)
    const {run} = await setup({taskHandlers: {[ECHO]: () => 'x'.repeat(300 * 1024)}})
    const described = await run({
      StartAt: 'T',
      States: {T: {Type: 'Task', Resource: ECHO, Catch: [{ErrorEquals: ['States.ALL'], Next: 'Caught'}], End: true}, Caught: {Type: 'Succeed'}},
    })
    expect(described).toMatchObject({status: 'FAILED', error: 'States.DataLimitExceeded'})
  })

  it('refuses what it cannot interpret (variables, JSONata) instead of running it wrongly', async () => {
    const {run} = await setup()
    const assign = await run(single({Type: 'Pass', Assign: {x: 1}}))
    expect(assign).toMatchObject({status: 'FAILED', error: 'States.Runtime'})
    expect(assign.cause).toContain('Assign')
  })

  it('fails with States.IntrinsicFailure on a bad intrinsic call', async () => {
    const {run} = await setup()
    const described = await run(single({Type: 'Pass', Parameters: {'x.$': "States.Format('{} {}', $.a)"}}), {a: 1})
    expect(described).toMatchObject({status: 'FAILED', error: 'States.IntrinsicFailure'})
  })
})

describe('ASL interpreter: Choice', () => {
  const cases: Array<[string, object, unknown, boolean]> = [
    ['StringEquals', {StringEquals: 'a'}, 'a', true],
    ['StringEquals on a number', {StringEquals: '1'}, 1, false],
    ['StringLessThan', {StringLessThan: 'b'}, 'a', true],
    ['StringGreaterThanEquals', {StringGreaterThanEquals: 'b'}, 'a', false],
    ['StringMatches', {StringMatches: 'log-*.txt'}, 'log-2026.txt', true],
    ['StringMatches escaped', {StringMatches: 'a\\*b'}, 'axxb', false],
    ['NumericEquals', {NumericEquals: 3}, 3, true],
    ['NumericLessThan', {NumericLessThan: 3}, 2.5, true],
    ['NumericGreaterThan', {NumericGreaterThan: 3}, 3, false],
    ['NumericLessThanEquals', {NumericLessThanEquals: 3}, 3, true],
    ['BooleanEquals', {BooleanEquals: false}, false, true],
    ['TimestampLessThan', {TimestampLessThan: '2026-01-02T00:00:00Z'}, '2026-01-01T12:00:00Z', true],
    ['TimestampEquals with offset', {TimestampEquals: '2026-01-01T00:00:00Z'}, '2026-01-01T01:00:00+01:00', true],
    ['IsNull', {IsNull: true}, null, true],
    ['IsNumeric', {IsNumeric: true}, 'x', false],
    ['IsString', {IsString: true}, 'x', true],
    ['IsBoolean', {IsBoolean: false}, 1, true],
    ['IsTimestamp', {IsTimestamp: true}, '2026-01-01T00:00:00Z', true],
  ]

  it.each(cases)('%s', async (_label, comparison, value, expected) => {
    const {run} = await setup()
    const described = await run(
      {
        StartAt: 'C',
        States: {
          C: {Type: 'Choice', Choices: [{Variable: '$.v', ...comparison, Next: 'Yes'}], Default: 'No'},
          Yes: {Type: 'Pass', Result: 'yes', End: true},
          No: {Type: 'Pass', Result: 'no', End: true},
        },
      },
      {v: value},
    )
    expect(output(described)).toBe(expected ? 'yes' : 'no')
  })

  it('combines And, Or, Not, IsPresent and ...Path comparisons', async () => {
    const {run} = await setup()
    const definition = {
      StartAt: 'C',
      States: {
        C: {
          Type: 'Choice',
          Choices: [
            {
              And: [
                {Variable: '$.size', NumericGreaterThanPath: '$.limit'},
                {Or: [{Not: {Variable: '$.optional', IsPresent: true}}, {Variable: '$.kind', StringEquals: 'big'}]},
              ],
              Next: 'Big',
            },
          ],
          Default: 'Small',
        },
        Big: {Type: 'Pass', Result: 'big', End: true},
        Small: {Type: 'Pass', Result: 'small', End: true},
      },
    }
    expect(output(await run(definition, {size: 10, limit: 5}))).toBe('big')
    expect(output(await run(definition, {size: 10, limit: 5, optional: 1, kind: 'x'}))).toBe('small')
    expect(output(await run(definition, {size: 10, limit: 5, optional: 1, kind: 'big'}))).toBe('big')
    expect(output(await run(definition, {size: 1, limit: 5}))).toBe('small')
    // A Variable that selects nothing is a runtime error unless guarded by IsPresent.
    const missing = await run(definition, {size: 10, limit: 5, optional: 1})
    expect(missing).toMatchObject({status: 'FAILED', error: 'States.Runtime'})
    expect(missing.cause).toBe("Invalid path '$.kind': The choice state's condition path references an invalid value.")
  })

  it('fails with States.NoChoiceMatched when nothing matches and there is no Default', async () => {
    const {run} = await setup()
    const described = await run(
      {StartAt: 'C', States: {C: {Type: 'Choice', Choices: [{Variable: '$.v', NumericEquals: 1, Next: 'D'}]}, D: {Type: 'Succeed'}}},
      {v: 2},
    )
    expect(described).toMatchObject({status: 'FAILED', error: 'States.NoChoiceMatched'})
  })
})

describe('ASL interpreter: Wait, Succeed, Fail', () => {
  it('waits Seconds of virtual time before moving on', async () => {
    const {start, sfn, emulator, finish} = await setup()
    const arn = await start(single({Type: 'Wait', Seconds: 60}))
    await new Promise((resolve) => setImmediate(resolve))
    emulator.clock.advance(59_000)
    await new Promise((resolve) => setImmediate(resolve))
    expect((await sfn.send(new DescribeExecutionCommand({executionArn: arn}))).status).toBe('RUNNING')
    emulator.clock.advance(2_000)
    const described = await finish(arn)
    expect(described.status).toBe('SUCCEEDED')
    expect(described.stopDate!.getTime() - described.startDate!.getTime()).toBeGreaterThanOrEqual(60_000)
  })

  it('waits for SecondsPath and until a Timestamp', async () => {
    const {run} = await setup()
    const bySeconds = await run(single({Type: 'Wait', SecondsPath: '$.delay'}), {delay: 30})
    expect(bySeconds.stopDate!.getTime() - bySeconds.startDate!.getTime()).toBeGreaterThanOrEqual(30_000)
    const byTimestamp = await run(single({Type: 'Wait', TimestampPath: '$.at'}), {at: '2026-01-01T01:00:00Z'}, 10_000)
    expect(byTimestamp.stopDate!.getTime()).toBeGreaterThanOrEqual(Date.parse('2026-01-01T01:00:00Z'))
    const bad = await run(single({Type: 'Wait', SecondsPath: '$.delay'}), {delay: 'soon'})
    expect(bad).toMatchObject({status: 'FAILED', error: 'States.Runtime'})
  })

  it('fails with the Fail state error and cause, and records it in history', async () => {
    const {start, finish, history} = await setup()
    const arn = await start({StartAt: 'F', States: {F: {Type: 'Fail', Error: 'Pipeline.Broken', Cause: 'no input files'}}})
    const described = await finish(arn)
    expect(described).toMatchObject({status: 'FAILED', error: 'Pipeline.Broken', cause: 'no input files'})
    const events = await history(arn)
    expect(events.map((e) => e.type)).toEqual(['ExecutionStarted', 'FailStateEntered', 'ExecutionFailed'])
    expect(events[2]?.executionFailedEventDetails).toEqual({error: 'Pipeline.Broken', cause: 'no input files'})
  })
})

describe('ASL interpreter: Task retries and catches', () => {
  it('retries with IntervalSeconds and BackoffRate until the task succeeds', async () => {
    let calls = 0
    const {start, finish, history} = await setup({
      taskHandlers: {
        [ECHO]: (input) => {
          calls++
          if (calls < 3) throw new TaskFailure('Custom.Flaky', `attempt ${calls}`)
          return {echo: input}
        },
      },
    })
    const arn = await start(
      single({Type: 'Task', Resource: ECHO, Parameters: {'n.$': '$.n'}, Retry: [{ErrorEquals: ['Custom.Flaky'], IntervalSeconds: 2, BackoffRate: 3, MaxAttempts: 3}]}),
      {n: 7},
    )
    const described = await finish(arn, 250)
    expect(described.status).toBe('SUCCEEDED')
    expect(output(described)).toEqual({echo: {n: 7}})
    expect(calls).toBe(3)
    const events = await history(arn)
    const scheduled = events.filter((e) => e.type === 'TaskScheduled')
    expect(scheduled).toHaveLength(3)
    expect(events.filter((e) => e.type === 'TaskFailed').map((e) => e.taskFailedEventDetails?.error)).toEqual(['Custom.Flaky', 'Custom.Flaky'])
    // 2 s before the first retry, 2 × 3 = 6 s before the second.
    const gaps = scheduled.slice(1).map((e, i) => e.timestamp!.getTime() - scheduled[i]!.timestamp!.getTime())
    expect(gaps[0]).toBeGreaterThanOrEqual(2_000)
    expect(gaps[0]).toBeLessThan(6_000)
    expect(gaps[1]).toBeGreaterThanOrEqual(6_000)
    expect(scheduled[0]?.taskScheduledEventDetails).toMatchObject({resourceType: 'lambda', resource: ECHO, region: 'us-east-1', parameters: '{"n":7}'})
  })

  it('catches an exhausted error with States.TaskFailed and places it at the catcher ResultPath', async () => {
    let calls = 0
    const {run} = await setup({
      taskHandlers: {
        [ECHO]: () => {
          calls++
          throw new TaskFailure('Custom.Broken', 'always')
        },
      },
    })
    const described = await run(
      {
        StartAt: 'T',
        States: {
          T: {
            Type: 'Task',
            Resource: ECHO,
            Retry: [{ErrorEquals: ['States.ALL'], IntervalSeconds: 1, MaxAttempts: 2}],
            Catch: [
              {ErrorEquals: ['Other.Error'], Next: 'Wrong'},
              {ErrorEquals: ['States.TaskFailed'], ResultPath: '$.error', Next: 'Recover'},
            ],
            End: true,
          },
          Wrong: {Type: 'Fail', Error: 'Wrong'},
          Recover: {Type: 'Pass', End: true},
        },
      },
      {sample: 'S1'},
    )
    expect(calls).toBe(3)
    expect(described.status).toBe('SUCCEEDED')
    expect(output(described)).toEqual({sample: 'S1', error: {Error: 'Custom.Broken', Cause: 'always'}})
  })

  it('times out a task with States.Timeout, which States.TaskFailed does not catch', async () => {
    const {start, finish, history} = await setup({taskHandlers: {[ECHO]: () => new Promise(() => {})}})
    const arn = await start({
      StartAt: 'T',
      States: {
        T: {Type: 'Task', Resource: ECHO, TimeoutSeconds: 5, Catch: [{ErrorEquals: ['States.TaskFailed'], Next: 'No'}], End: true},
        No: {Type: 'Succeed'},
      },
    })
    const described = await finish(arn)
    expect(described).toMatchObject({status: 'FAILED', error: 'States.Timeout'})
    expect((await history(arn)).some((e) => e.type === 'TaskTimedOut')).toBe(true)
  })

  it('fails a task on a Lambda function nobody registered as AWS does for a missing function', async () => {
    const {run} = await setup()
    const described = await run(single({Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:unknown'}))
    expect(described).toMatchObject({status: 'FAILED', error: 'Lambda.ResourceNotFoundException'})
    expect(described.cause).toMatch(/^Function not found: arn:aws:lambda:us-east-1:123456789012:function:unknown \(Service: AWSLambda; Status Code: 404;/)
  })

  it('fails with States.Runtime, before any task event, on a resource it cannot schedule', async () => {
    const {start, finish, history} = await setup()
    const arn = await start(single({Type: 'Task', Resource: 'arn:aws:states:::sns:publish', Parameters: {Message: 'x'}}))
    const described = await finish(arn)
    expect(described).toMatchObject({status: 'FAILED', error: 'States.Runtime'})
    expect(described.cause).toBe("An error occurred while scheduling the state 'S'. The provided ARN 'arn:aws:states:::sns:publish' is invalid.")
    expect((await history(arn)).map((e) => e.type)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'ExecutionFailed'])
  })
})

describe('ASL interpreter: Parallel and Map', () => {
  it('runs Parallel branches and collects their outputs in order', async () => {
    const {run} = await setup()
    const described = await run(
      single({
        Type: 'Parallel',
        Branches: [
          {StartAt: 'Slow', States: {Slow: {Type: 'Wait', Seconds: 10, Next: 'A'}, A: {Type: 'Pass', Result: 'a', End: true}}},
          {StartAt: 'B', States: {B: {Type: 'Pass', Parameters: {'got.$': '$.x'}, End: true}}},
        ],
        ResultSelector: {'first.$': '$[0]', 'second.$': '$[1].got'},
      }),
      {x: 42},
    )
    expect(described.status).toBe('SUCCEEDED')
    expect(output(described)).toEqual({first: 'a', second: 42})
  })

  it('fails a Parallel state when a branch fails, stopping the other branch; Catch recovers', async () => {
    const {start, finish, history} = await setup()
    const arn = await start({
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          Branches: [
            {StartAt: 'Long', States: {Long: {Type: 'Wait', Seconds: 3600, End: true}}},
            {StartAt: 'Boom', States: {Boom: {Type: 'Fail', Error: 'Branch.Failed', Cause: 'b'}}},
          ],
          Catch: [{ErrorEquals: ['Branch.Failed'], ResultPath: '$.failure', Next: 'Done'}],
          End: true,
        },
        Done: {Type: 'Succeed'},
      },
    })
    const described = await finish(arn)
    expect(described.status).toBe('SUCCEEDED')
    expect(described.stopDate!.getTime() - described.startDate!.getTime()).toBeLessThan(3_600_000)
    expect(output(described)).toEqual({failure: {Error: 'Branch.Failed', Cause: 'b'}})
    const types = (await history(arn)).map((e) => e.type)
    expect(types).toContain('ParallelStateFailed')
    expect(types.at(-1)).toBe('ExecutionSucceeded')
  })

  it('maps over ItemsPath with ItemSelector ($$.Map.Item.Value / Index) and MaxConcurrency', async () => {
    let running = 0
    let peak = 0
    const {start, finish, history} = await setup({
      taskHandlers: {
        [ECHO]: async (input: any, ctx) => {
          running++
          peak = Math.max(peak, running)
          await new Promise<void>((resolve) => ctx.emulator.clock.setTimeout(resolve, 1_000))
          running--
          return {sample: input.sample.toUpperCase(), index: input.index}
        },
      },
    })
    const arn = await start(
      single({
        Type: 'Map',
        ItemsPath: '$.samples',
        MaxConcurrency: 2,
        ItemSelector: {'sample.$': '$$.Map.Item.Value', 'index.$': '$$.Map.Item.Index', 'run.$': '$.run'},
        ItemProcessor: {
          ProcessorConfig: {Mode: 'INLINE'},
          StartAt: 'Work',
          States: {Work: {Type: 'Task', Resource: ECHO, End: true}},
        },
        ResultPath: '$.results',
      }),
      {run: 'r1', samples: ['a', 'b', 'c', 'd', 'e']},
    )
    const described = await finish(arn, 200)
    expect(described.status).toBe('SUCCEEDED')
    expect(output(described)).toEqual({
      run: 'r1',
      samples: ['a', 'b', 'c', 'd', 'e'],
      results: ['A', 'B', 'C', 'D', 'E'].map((sample, index) => ({sample, index})),
    })
    expect(peak).toBe(2)
    const events = await history(arn)
    expect(events.find((e) => e.type === 'MapStateStarted')?.mapStateStartedEventDetails).toEqual({length: 5})
    expect(events.filter((e) => e.type === 'MapIterationStarted').map((e) => e.mapIterationStartedEventDetails?.index).sort()).toEqual([0, 1, 2, 3, 4])
    expect(events.filter((e) => e.type === 'MapIterationSucceeded')).toHaveLength(5)
    expect(events.some((e) => e.type === 'MapStateSucceeded')).toBe(true)
  })

  it('supports the older Iterator / Parameters spelling and fails the Map when an item fails', async () => {
    const {run} = await setup()
    const ok = await run(
      single({
        Type: 'Map',
        Parameters: {'v.$': '$$.Map.Item.Value'},
        Iterator: {StartAt: 'I', States: {I: {Type: 'Pass', OutputPath: '$.v', End: true}}},
      }),
      [1, 2, 3],
    )
    expect(output(ok)).toEqual([1, 2, 3])
    const failed = await run(
      single({
        Type: 'Map',
        ItemProcessor: {
          StartAt: 'C',
          States: {
            C: {Type: 'Choice', Choices: [{Variable: '$', NumericEquals: 2, Next: 'Bad'}], Default: 'Good'},
            Bad: {Type: 'Fail', Error: 'Item.Bad', Cause: 'two'},
            Good: {Type: 'Succeed'},
          },
        },
      }),
      [1, 2, 3],
    )
    expect(failed).toMatchObject({status: 'FAILED', error: 'Item.Bad', cause: 'two'})
  })

  it('fails with States.Runtime when ItemsPath is not an array', async () => {
    const {run} = await setup()
    const described = await run(
      single({Type: 'Map', ItemsPath: '$.x', ItemProcessor: {StartAt: 'P', States: {P: {Type: 'Pass', End: true}}}}),
      {x: 'nope'},
    )
    expect(described).toMatchObject({status: 'FAILED', error: 'States.Runtime'})
  })
})
