import {describe, expect, it} from 'vitest'

import type {LocatedDiagnostic} from '../../src/config/diagnostic.js'
import {codeFrame} from '../../src/config/render-frame.js'
import {renderHuman, summary} from '../../src/config/render-human.js'
import {renderJson} from '../../src/config/render-json.js'
import {describeConfig} from '../../src/config/render-summary.js'

const text = ['project: x', 'computeEnvironments:', '  spot:', '    maxvCpu: 256', '    type: SPOT', ''].join('\n')

describe('codeFrame', () => {
  it('shows two lines before and one after, numbered, with a caret under the column', () => {
    expect(codeFrame(text, 4, 5)).toBe(
      ['  2 | computeEnvironments:', '  3 |   spot:', '> 4 |     maxvCpu: 256', '    |     ^', '  5 |     type: SPOT'].join('\n'),
    )
  })

  it('clips at the start and end of the file and does not show the empty line after the last newline', () => {
    expect(codeFrame(text, 1, 1)).toBe(['> 1 | project: x', '    | ^', '  2 | computeEnvironments:'].join('\n'))
    expect(codeFrame(text, 5, 5).split('\n').at(-1)).toBe('    |     ^')
  })

  it('widens the gutter for line numbers of different lengths', () => {
    const many = Array.from({length: 12}, (_, i) => `k${i + 1}: v`).join('\n')
    expect(codeFrame(many, 10, 1).split('\n')).toEqual(['   8 | k8: v', '   9 | k9: v', '> 10 | k10: v', '     | ^', '  11 | k11: v'])
  })

  it('copies tabs into the caret line so the caret stays under the column', () => {
    expect(codeFrame('a:\n\tb: 1\n', 2, 2).split('\n').slice(1)).toEqual(['> 2 | \tb: 1', '    | \t^'])
  })

  it('cuts long lines to a window around the column', () => {
    const long = 'x: ' + 'a'.repeat(300) + 'TARGET' + 'b'.repeat(300)
    const [line, caret] = codeFrame(long, 1, 304).split('\n')
    expect(line!.length).toBeLessThan(140)
    expect(line).toContain('…')
    expect(line!.charAt(caret!.indexOf('^'))).toBe('T')
  })

  it('replaces control characters so they cannot garble the terminal', () => {
    expect(codeFrame('a: \u001b[31mred\n', 1, 1)).not.toContain('\u001b')
  })

  it('returns nothing for a line outside the text', () => {
    expect(codeFrame(text, 99, 1)).toBe('')
  })
})

const diagnostics: LocatedDiagnostic[] = [
  {
    file: 'batch.yaml',
    line: 4,
    column: 5,
    code: 'unknown-key',
    message: 'unknown key "maxvCpu" in computeEnvironments.spot',
    path: ['computeEnvironments', 'spot', 'maxvCpu'],
    expected: 'one of type, maxvCpus',
    hint: 'did you mean "maxvCpus"?',
    atKey: true,
    frame: codeFrame(text, 4, 5),
  },
  {file: 'batch.yaml', line: 1, column: 1, code: 'binary-file', message: 'file contains NUL bytes', path: [], frame: ''},
]

describe('renderHuman', () => {
  it('prints location, code, message, frame, expected and hint, then a summary', () => {
    expect(renderHuman('batch.yaml', diagnostics)).toBe(
      [
        'batch.yaml:4:5: error[unknown-key] unknown key "maxvCpu" in computeEnvironments.spot',
        '    2 | computeEnvironments:',
        '    3 |   spot:',
        '  > 4 |     maxvCpu: 256',
        '      |     ^',
        '    5 |     type: SPOT',
        '  expected: one of type, maxvCpus',
        '  hint: did you mean "maxvCpus"?',
        '',
        'batch.yaml:1:1: error[binary-file] file contains NUL bytes',
        '',
        '2 errors in batch.yaml',
        '',
      ].join('\n'),
    )
  })

  it('uses colour only when asked', () => {
    expect(renderHuman('batch.yaml', diagnostics)).not.toContain('\u001b[')
    const coloured = renderHuman('batch.yaml', diagnostics, {color: true})
    expect(coloured).toContain('\u001b[31;1merror[unknown-key]\u001b[0m')
    const ansi = new RegExp(`${String.fromCharCode(27)}\\[[\\d;]*m`, 'g')
    expect(coloured.replace(ansi, '')).toBe(renderHuman('batch.yaml', diagnostics))
  })

  it('says "error" for one and "errors" for more', () => {
    expect(summary('a.yaml', 1)).toBe('1 error in a.yaml')
    expect(summary('a.yaml', 3)).toBe('3 errors in a.yaml')
  })
})

describe('renderJson', () => {
  it('keeps the machine fields and drops frames and presentation flags', () => {
    expect(renderJson(diagnostics)).toEqual({
      valid: false,
      errors: [
        {
          file: 'batch.yaml',
          line: 4,
          column: 5,
          code: 'unknown-key',
          message: 'unknown key "maxvCpu" in computeEnvironments.spot',
          path: ['computeEnvironments', 'spot', 'maxvCpu'],
          expected: 'one of type, maxvCpus',
          hint: 'did you mean "maxvCpus"?',
        },
        {file: 'batch.yaml', line: 1, column: 1, code: 'binary-file', message: 'file contains NUL bytes', path: []},
      ],
    })
    expect(renderJson([])).toEqual({valid: true, errors: []})
  })
})

describe('describeConfig', () => {
  it('counts the sections that have entries, singular or plural', () => {
    const config = {
      project: 'x',
      computeEnvironments: {a: {type: 'SPOT'}, b: {type: 'EC2'}, c: {type: 'FARGATE'}},
      jobQueues: {q: {priority: 1, computeEnvironments: ['a']}},
      schedules: {},
    }
    expect(describeConfig(config as never)).toBe('3 compute environments, 1 queue')
    expect(describeConfig({project: 'x'} as never)).toBe('no resources')
  })
})

describe('codeFrame at the end of the file', () => {
  it('shows the empty line after the final newline when the problem is there', () => {
    expect(codeFrame('a: 1\nb: [\n', 3, 1).split('\n')).toEqual(['  1 | a: 1', '  2 | b: [', '> 3 |', '    | ^'])
  })
})
