import {EventEmitter} from 'node:events'

import {Text} from 'ink'
import {describe, expect, it} from 'vitest'

import {applyProgress, progressMode} from '../../src/ui/apply/apply-progress.js'
import {outlinePlan} from '../../src/ui/plan/outline.js'
import {PlanView} from '../../src/ui/plan/PlanView.js'
import {isInteractive, mountLive, renderOnce} from '../../src/ui/shared/mount.js'
import {failure, interruption, success} from './apply-script.js'
import {create, planOf} from './plan-builders.js'

/** A writable that records what it gets, with the TTY-ness and width a test chooses. */
class Sink extends EventEmitter {
  text = ''
  rows = 40
  constructor(
    readonly isTTY: boolean,
    readonly columns = 80,
  ) {
    super()
  }
  write = (chunk: string): boolean => {
    this.text += chunk
    return true
  }
  asStream = () => this as unknown as NodeJS.WriteStream
}

const noCi = {} as NodeJS.ProcessEnv

describe('isInteractive', () => {
  it('needs a TTY and no CI', () => {
    expect(isInteractive({isTTY: true}, noCi)).toBe(true)
    expect(isInteractive({isTTY: false}, noCi)).toBe(false)
    expect(isInteractive({}, noCi)).toBe(false)
    expect(isInteractive({isTTY: true}, {CI: 'true'})).toBe(false)
    expect(isInteractive({isTTY: true}, {CONTINUOUS_INTEGRATION: '1'})).toBe(false)
    // is-in-ci (what Ink reads) treats CI=0 / CI=false as not CI; so do we.
    expect(isInteractive({isTTY: true}, {CI: 'false'})).toBe(true)
  })
})

describe('renderOnce', () => {
  const plan = planOf([create('batch.jobQueue', 'default', [['computeEnvironmentOrder[0].computeEnvironment', 'genomics-spot-with-a-rather-long-name']])])

  it('writes the view once at the stream width, without colour when piped', () => {
    const sink = new Sink(false, 60)
    renderOnce(<PlanView outline={outlinePlan(plan)} />, {stream: sink, env: noCi})
    expect(sink.text).not.toContain('\u001B[')
    expect(sink.text.endsWith('Plan: 1 to add, 0 to change, 0 to replace, 0 to destroy.\n')).toBe(true)
    for (const line of sink.text.split('\n')) expect(line.length).toBeLessThanOrEqual(60)
    // The field wrapped at the stream's 60 columns, its value indented under it.
    expect(sink.text).toContain('computeEnvironment:\n        "genomics-spot-with-a-rather-long-name"')
  })

  it('uses 80 columns when the stream has no width', () => {
    const sink = new Sink(false, 0)
    renderOnce(<Text>{'x'.repeat(100)}</Text>, {stream: sink, env: noCi})
    expect(sink.text).toBe(`${'x'.repeat(80)}\n${'x'.repeat(20)}\n`)
  })
})

describe('mountLive', () => {
  it('draws the latest props on unmount and leaves them on screen', async () => {
    const sink = new Sink(false)
    const live = mountLive((props: {word: string}, now: number) => <Text>{`${props.word} at ${now}`}</Text>, {word: 'first'}, {stream: sink.asStream(), now: () => 42, env: noCi})
    live.update({word: 'second'})
    live.update({word: 'last'})
    await live.unmount()
    expect(sink.text).toContain('last at 42')
    // A second unmount is harmless.
    await live.unmount()
  })
})

describe('applyProgress', () => {
  it('picks json, then live on an interactive stream, else text', () => {
    expect(progressMode({json: true, stream: {isTTY: true}, env: noCi})).toBe('json')
    expect(progressMode({stream: {isTTY: true}, env: noCi})).toBe('live')
    expect(progressMode({stream: {isTTY: false}, env: noCi})).toBe('text')
    expect(progressMode({stream: {isTTY: true}, env: {CI: '1'}})).toBe('text')
  })

  it('json: one ApplyEvent per line, nothing else', async () => {
    const sink = new Sink(false)
    const progress = applyProgress('json', {stream: sink.asStream(), env: noCi})
    for (const action of interruption) progress.dispatch(action)
    await progress.close()
    const events = sink.text.trim().split('\n').map((line) => JSON.parse(line) as {type: string})
    expect(events.map((event) => event.type)).toEqual(interruption.filter((action) => action.type !== 'interrupt-requested').map((action) => action.type))
  })

  it('text: plain lines with the failure and the re-run hint', async () => {
    const sink = new Sink(false)
    const progress = applyProgress('text', {stream: sink.asStream(), env: noCi})
    for (const action of failure) progress.dispatch(action)
    await progress.close()
    expect(sink.text).toContain('✗ create job queue default (genomics-default): job queue genomics-default is INVALID')
    expect(sink.text).toContain('re-run `batchctl apply` to continue')
    expect(sink.text).not.toContain('\u001B[')
  })

  it('live: the Ink view ends on the summary', async () => {
    const sink = new Sink(true)
    const progress = applyProgress('live', {stream: sink.asStream(), env: noCi})
    for (const action of success) progress.dispatch(action)
    await progress.close()
    expect(sink.text).toContain('Apply complete: 5 steps done in 1m15s.')
    expect(sink.text).toContain('delete compute environment genomics-legacy')
  })
})
