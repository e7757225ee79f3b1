import {inPlace, nothingSensitive, type KindDescription} from './kind-description.js'

/*
 * Schedule groups have no settings, only a name and tags
 * (https://docs.aws.amazon.com/scheduler/latest/APIReference/API_CreateScheduleGroup.html).
 * They carry the ownership tags of their schedules, which cannot be tagged themselves.
 */
export const scheduleGroup: KindDescription<'scheduler.scheduleGroup'> = {
  kind: 'scheduler.scheduleGroup',
  taggable: true,
  disableBeforeDelete: false,
  replaceOrder: 'create-before-delete',
  generatedNameOnReplace: false,
  // CreateScheduleGroup: Name 1-64 of [0-9a-zA-Z-_.]
  // (https://docs.aws.amazon.com/scheduler/latest/APIReference/API_CreateScheduleGroup.html).
  maxNameLength: 64,
  decide: inPlace,
  isSensitive: nothingSensitive,
}
