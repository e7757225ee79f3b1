import type {ContextObject} from './context.js'
import {readPath, setPath} from './json-path.js'

type Json = any
type StateDef = Record<string, any>

// AWS: https://docs.aws.amazon.com/step-functions/latest/dg/concepts-input-output-filtering.html
// InputPath selects the effective input (null: {}); ResultPath places the result into the raw
// input (null: keep the input); OutputPath selects the output (null: {}).

export function inputPath(state: StateDef, raw: Json, context: ContextObject): Json {
  if (state.InputPath === null) return {}
  return state.InputPath === undefined ? raw : readPath(state.InputPath, raw, context, 'InputPath')
}

export function outputPath(state: StateDef, value: Json, context: ContextObject): Json {
  if (state.OutputPath === null) return {}
  return state.OutputPath === undefined ? value : readPath(state.OutputPath, value, context, 'OutputPath')
}

export function resultPath(state: StateDef, raw: Json, result: Json): Json {
  if (state.ResultPath === null) return raw
  return setPath(raw, state.ResultPath ?? '$', result)
}
