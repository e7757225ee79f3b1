import {describe, expect, it} from 'vitest'

import {Faults} from '../../src/local/faults.js'

// Emulator fault options added for the submit tests: dropResponseRate (carry the call out, then
// reset the connection) and times (a rule applies to its first N matching requests only).
describe('Faults: dropResponseRate and times', () => {
  it('drops the answer of matching calls only, and only the first `times` of them', () => {
    const faults = new Faults({rules: [{service: 'batch', operation: 'SubmitJob', dropResponseRate: 1, times: 2}]})
    expect(faults.decide('batch', 'DescribeJobs')).toEqual({latencyMs: 0})
    expect(faults.decide('batch', 'SubmitJob')).toEqual({latencyMs: 0, dropResponse: true})
    expect(faults.decide('batch', 'SubmitJob')).toEqual({latencyMs: 0, dropResponse: true})
    expect(faults.decide('batch', 'SubmitJob')).toEqual({latencyMs: 0})
  })

  it('counts `times` again after configure, and limits latency rules too', () => {
    const faults = new Faults({rules: [{operation: 'X', latencyMs: 100, times: 1}]})
    expect(faults.decide('s', 'X').latencyMs).toBe(100)
    expect(faults.decide('s', 'X').latencyMs).toBe(0)
    faults.configure({rules: [{operation: 'X', latencyMs: 100, times: 1}]})
    expect(faults.decide('s', 'X').latencyMs).toBe(100)
  })
})
