import {describe, expect, it} from 'vitest'

import {messageHas, pollUntil, retryWhile, sleep} from '../../src/aws/batch/wait.js'

const never = new AbortController().signal

describe('waiting and retrying', () => {
  it('retries only the refusals it is told to, and gives up after retryForMs with the last error', async () => {
    let calls = 0
    const relationship = () => {
      calls++
      throw new Error('Cannot delete, found existing JobQueue relationship')
    }
    await expect(
      retryWhile(async () => relationship(), (e) => messageHas(e, 'JobQueue relationship'), never, {initialMs: 1, maxMs: 2, retryForMs: 30}),
    ).rejects.toThrow('found existing JobQueue relationship')
    expect(calls).toBeGreaterThan(1)

    calls = 0
    await expect(retryWhile(async () => relationship(), (e) => messageHas(e, 'in use'), never, {initialMs: 1})).rejects.toThrow('relationship')
    expect(calls).toBe(1)

    let attempts = 0
    const value = await retryWhile(
      async () => {
        if (++attempts < 3) throw new Error('resource is being modified')
        return 'done'
      },
      (e) => messageHas(e, 'being modified'),
      never,
      {initialMs: 1},
    )
    expect([value, attempts]).toEqual(['done', 3])
  })

  it('polls until the probe answers, and times out with a UserError naming what it waited for', async () => {
    let probes = 0
    expect(await pollUntil(async () => (++probes === 3 ? 'VALID' : undefined), 'x', never, {initialMs: 1})).toBe('VALID')
    await expect(pollUntil(async () => undefined, 'queue q to become VALID', never, {initialMs: 1, maxMs: 2, timeoutMs: 20})).rejects.toThrow(
      'Timed out waiting for queue q to become VALID',
    )
  })

  it('an abort ends a sleep with the abort reason', async () => {
    const controller = new AbortController()
    const sleeping = sleep(60_000, controller.signal)
    controller.abort(new Error('Ctrl-C'))
    await expect(sleeping).rejects.toThrow('Ctrl-C')
    await expect(pollUntil(async () => 'x', 'y', controller.signal, {})).rejects.toThrow('Ctrl-C')
  })
})
