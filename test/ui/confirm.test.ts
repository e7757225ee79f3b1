import {PassThrough} from 'node:stream'

import {describe, expect, it} from 'vitest'

import {APPLY_QUESTION, confirm} from '../../src/ui/prompt/confirm.js'

/** Answers the prompt through real streams, as a piped stdin would. */
async function ask(feed: (input: PassThrough) => void, options: {signal?: AbortSignal; details?: string[]} = {}) {
  const input = new PassThrough()
  const output = new PassThrough()
  let shown = ''
  output.on('data', (chunk: Buffer) => (shown += chunk.toString()))
  const answer = confirm({input, output, ...options})
  feed(input)
  return {answer: await answer, shown}
}

describe('confirm', () => {
  it('asks the apply question and accepts exactly yes', async () => {
    const {answer, shown} = await ask((input) => input.write('yes\n'))
    expect(answer).toBe(true)
    expect(shown).toBe(`${APPLY_QUESTION}\n  Enter a value: `)
  })

  it('ignores blanks around the answer', async () => {
    expect((await ask((input) => input.write('  yes \n'))).answer).toBe(true)
  })

  it.each(['y', 'YES', 'Yes', 'yes please', '', 'no'])('refuses %j', async (typed) => {
    expect((await ask((input) => input.write(`${typed}\n`))).answer).toBe(false)
  })

  it('answers no at end of input', async () => {
    expect((await ask((input) => input.end())).answer).toBe(false)
  })

  it('answers no when aborted, before or while asking', async () => {
    const before = new AbortController()
    before.abort()
    expect((await ask(() => {}, {signal: before.signal})).answer).toBe(false)
    const during = new AbortController()
    expect((await ask(() => during.abort(), {signal: during.signal})).answer).toBe(false)
  })

  it('prints details before the question', async () => {
    const {shown} = await ask((input) => input.write('no\n'), {details: ['Plan: 0 to add, 0 to change, 0 to replace, 2 to destroy.']})
    expect(shown.startsWith('Plan: 0 to add, 0 to change, 0 to replace, 2 to destroy.\nApply these changes?')).toBe(true)
  })
})
