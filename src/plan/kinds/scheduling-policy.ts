import {inPlace, nothingSensitive, type KindDescription} from './kind-description.js'

/*
 * UpdateSchedulingPolicy changes the fair-share policy in place
 * (https://docs.aws.amazon.com/batch/latest/APIReference/API_UpdateSchedulingPolicy.html).
 * Only a rename replaces (handled by the planner for every kind).
 */
export const schedulingPolicy: KindDescription<'batch.schedulingPolicy'> = {
  kind: 'batch.schedulingPolicy',
  taggable: true,
  disableBeforeDelete: false,
  replaceOrder: 'create-before-delete',
  generatedNameOnReplace: false,
  // CreateSchedulingPolicy: name up to 128 letters, numbers, hyphens, underscores
  // (https://docs.aws.amazon.com/batch/latest/APIReference/API_CreateSchedulingPolicy.html).
  maxNameLength: 128,
  decide: inPlace,
  isSensitive: nothingSensitive,
}
