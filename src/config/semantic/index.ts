import type {Diagnostic} from '../diagnostic.js'
import type {BatchConfig} from '../types.generated.js'
import {checkArraySizes} from './array-size.js'
import {checkAslFiles} from './asl.js'
import {checkComputeEnvironments} from './compute-environments.js'
import type {SemanticContext} from './context.js'
import {checkFairShare} from './fair-share.js'
import {checkInputPaths} from './input-paths.js'
import {checkJobDefinitions} from './job-definitions.js'
import {checkJobPlatforms} from './job-platforms.js'
import {checkMultiNode} from './multi-node.js'
import {checkNames} from './names.js'
import {checkQueues} from './queues.js'
import {checkReferences} from './references.js'
import {checkRoles} from './roles.js'
import {checkRuleNames} from './rule-names.js'
import {checkRuleTargets} from './rule-targets.js'
import {checkSchedules} from './schedules.js'
import {checkTargetOverrides} from './target-overrides.js'
import {checkWorkflowCompile} from './workflow-compile.js'
import {checkWorkflowGraphs} from './workflow-graph.js'

export type {SemanticContext} from './context.js'
export {resolveJobPlatform} from './platform.js'
export type {Platform} from './platform.js'
export {scheduleExpression} from './schedule-expression.js'

/**
 * Checks of batch.yaml that the JSON Schema cannot express (references between sections,
 * cycles, AWS limits, schedule syntax, files on disk). Call it only on a config that passed
 * the schema: checks rely on the shapes the schema guarantees. Returns every problem found,
 * each with a JSON `path` the loader turns into a source position; an empty list means valid.
 * Reads workflow ASL files under `context.baseDir`; makes no network calls.
 */
export function checkSemantics(config: BatchConfig, context: SemanticContext): Diagnostic[] {
  const found = [
    ...checkReferences(config),
    ...checkWorkflowGraphs(config),
    ...checkQueues(config),
    ...checkFairShare(config),
    ...checkRuleTargets(config),
    ...checkComputeEnvironments(config),
    ...checkJobDefinitions(config),
    ...checkJobPlatforms(config),
    ...checkMultiNode(config),
    ...checkTargetOverrides(config),
    ...checkArraySizes(config),
    ...checkSchedules(config),
    ...checkInputPaths(config),
    ...checkNames(config, context),
    ...checkRuleNames(config, context),
    ...checkRoles(config),
    ...checkAslFiles(config, context),
  ]
  // The compiler runs last, on workflows nothing else found wrong.
  const flagged = new Set(found.filter((d) => d.path[0] === 'workflows' && typeof d.path[1] === 'string').map((d) => d.path[1] as string))
  return [...found, ...checkWorkflowCompile(config, flagged)]
}
