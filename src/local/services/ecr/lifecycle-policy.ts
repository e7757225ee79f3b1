import {AwsError} from '../../aws-error.js'
import type {Handler} from '../../service.js'
import {Constraints} from '../logs/constraints.js'
import {invalidParameter, requireRepository, seconds} from './lookup.js'
import type {EcrState, Repository} from './state.js'

// AWS: PutLifecyclePolicy / GetLifecyclePolicy / DeleteLifecyclePolicy — Amazon ECR API
// Reference (lifecyclePolicyText 100-30720 characters), and "Lifecycle policy properties in
// Amazon ECR" (https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_parameters.html)
// for the rules checked here. Messages that appear in public reports of the real service are
// used verbatim ("Rule for tagStatus=ANY must have the lowest priority per storage class",
// "Must specify tagPrefixList or tagPatternList when tagStatus=TAGGED.", "Only one rule can
// select Untagged images per storage class", "Could not map policyString into LifecyclePolicy.").

function policyError(reason: string): AwsError {
  return invalidParameter(
    `Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: 'Lifecycle policy validation failure: ${reason}'`,
  )
}

/** Validates a lifecycle policy document as ECR does on PutLifecyclePolicy. */
export function validateLifecyclePolicy(text: string): void {
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch {
    throw policyError('Could not map policyString into LifecyclePolicy.')
  }
  const rules = (doc as {rules?: unknown})?.rules
  if (!doc || typeof doc !== 'object' || !Array.isArray(rules) || rules.length === 0) {
    throw policyError('Could not map policyString into LifecyclePolicy.')
  }
  const priorities = new Set<number>()
  let anyPriority: number | undefined
  let highest = Number.NEGATIVE_INFINITY
  let untaggedRules = 0
  for (const rule of rules as Array<Record<string, any>>) {
    const priority = rule?.rulePriority
    if (!Number.isInteger(priority) || priority < 1) throw policyError('rulePriority must be a positive integer.')
    if (priorities.has(priority)) throw policyError(`rulePriority ${priority} is used by more than one rule.`)
    priorities.add(priority)
    highest = Math.max(highest, priority)
    if (rule.description !== undefined && typeof rule.description !== 'string') throw policyError('description must be a string.')
    const selection = rule.selection
    if (!selection || typeof selection !== 'object') throw policyError('Each rule needs a "selection".')
    const {tagStatus, tagPrefixList, tagPatternList, countType, countUnit, countNumber} = selection
    if (!['tagged', 'untagged', 'any'].includes(tagStatus)) throw policyError('tagStatus must be one of tagged, untagged, any.')
    if (tagStatus === 'tagged') {
      const lists = [tagPrefixList, tagPatternList].filter((list) => list !== undefined)
      if (lists.length === 0) throw policyError('Must specify tagPrefixList or tagPatternList when tagStatus=TAGGED.')
      if (lists.length > 1) throw policyError('Cannot specify both tagPrefixList and tagPatternList in the same rule.')
      const list = lists[0]
      if (!Array.isArray(list) || list.length === 0 || !list.every((item) => typeof item === 'string' && item.length > 0)) {
        throw policyError('tagPrefixList and tagPatternList must be non-empty lists of strings.')
      }
      if (tagPatternList && (tagPatternList as string[]).some((p) => p.split('*').length - 1 > 4)) {
        throw policyError('A tag pattern can contain at most four wildcards (*).')
      }
    } else if (tagPrefixList !== undefined || tagPatternList !== undefined) {
      throw policyError(`tagPrefixList and tagPatternList are only allowed when tagStatus is tagged.`)
    }
    if (tagStatus === 'any') anyPriority = priority
    if (tagStatus === 'untagged') {
      if (untaggedRules++ > 0) throw policyError('Only one rule can select Untagged images per storage class.')
    }
    if (!['imageCountMoreThan', 'sinceImagePushed', 'sinceImagePulled', 'sinceImageTransitioned'].includes(countType)) {
      throw policyError('countType must be imageCountMoreThan, sinceImagePushed, sinceImagePulled or sinceImageTransitioned.')
    }
    if (countType === 'imageCountMoreThan' && countUnit !== undefined) {
      throw policyError('countUnit is not allowed with countType imageCountMoreThan.')
    }
    if (countType !== 'imageCountMoreThan' && countUnit !== 'days') throw policyError(`countType ${countType} requires countUnit "days".`)
    if (!Number.isInteger(countNumber) || countNumber < 1) throw policyError('countNumber must be a positive integer.')
    const action = rule.action
    if (!action || !['expire', 'transition'].includes(action.type)) throw policyError('action.type must be expire or transition.')
  }
  if (anyPriority !== undefined && anyPriority !== highest) {
    throw policyError('Rule for tagStatus=ANY must have the lowest priority per storage class')
  }
}

function policyNotFound(state: EcrState, repo: Repository): AwsError {
  return new AwsError(
    'LifecyclePolicyNotFoundException',
    `Lifecycle policy does not exist for the repository with name '${repo.name}' in the registry with id '${state.accountId}'`,
    400,
  )
}

export const lifecyclePolicyHandlers: Record<string, Handler<EcrState>> = {
  PutLifecyclePolicy: (input, {state}) => {
    const repo = requireRepository(state, input)
    new Constraints('ecr')
      .required('lifecyclePolicyText', input.lifecyclePolicyText)
      .string('lifecyclePolicyText', input.lifecyclePolicyText, {min: 100, max: 30_720})
      .check()
    validateLifecyclePolicy(input.lifecyclePolicyText)
    repo.lifecyclePolicy = {text: input.lifecyclePolicyText}
    return {registryId: state.accountId, repositoryName: repo.name, lifecyclePolicyText: repo.lifecyclePolicy.text}
  },
  GetLifecyclePolicy: (input, {state}) => {
    const repo = requireRepository(state, input)
    const policy = repo.lifecyclePolicy
    if (!policy) throw policyNotFound(state, repo)
    return {
      registryId: state.accountId,
      repositoryName: repo.name,
      lifecyclePolicyText: policy.text,
      ...(policy.lastEvaluatedAt ? {lastEvaluatedAt: seconds(policy.lastEvaluatedAt)} : {}),
    }
  },
  DeleteLifecyclePolicy: (input, {state}) => {
    const repo = requireRepository(state, input)
    const policy = repo.lifecyclePolicy
    if (!policy) throw policyNotFound(state, repo)
    delete repo.lifecyclePolicy
    return {
      registryId: state.accountId,
      repositoryName: repo.name,
      lifecyclePolicyText: policy.text,
      ...(policy.lastEvaluatedAt ? {lastEvaluatedAt: seconds(policy.lastEvaluatedAt)} : {}),
    }
  },
}
