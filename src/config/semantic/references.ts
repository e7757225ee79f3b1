import type {Diagnostic} from '../diagnostic.js'
import type {BatchConfig, ContainerOverrides, JobDefinition} from '../types.generated.js'
import {diagnostic, entries} from './context.js'
import {closest, referenceHint} from './did-you-mean.js'

type Section = 'computeEnvironments' | 'jobQueues' | 'schedulingPolicies' | 'jobDefinitions' | 'workflows' | 'images'

/** Reports `wanted` when it is not a key of `section`, suggesting the closest key. */
export function checkReference(
  out: Diagnostic[],
  config: BatchConfig,
  section: Section,
  wanted: string,
  path: Diagnostic['path'],
  what: string,
): void {
  const keys = Object.keys(config[section] ?? {})
  if (keys.includes(wanted)) return
  out.push(
    diagnostic('dangling-reference', path, `${what} "${wanted}" is not defined under \`${section}\`.`, {
      expected: `a key of \`${section}\``,
      hint: referenceHint(wanted, keys, section),
    }),
  )
}

/** An image URI names a registry, a tag or a digest; a bare word must be an `images` key. */
function looksLikeImageUri(value: string): boolean {
  return /[/:@]/.test(value)
}

function checkImage(out: Diagnostic[], config: BatchConfig, image: string, path: Diagnostic['path']): void {
  const keys = Object.keys(config.images ?? {})
  if (keys.includes(image) || looksLikeImageUri(image)) return
  const match = closest(image, keys)
  out.push(
    diagnostic('dangling-reference', path, `Image "${image}" is not defined under \`images\` and is not an image URI.`, {
      expected: 'a key of `images`, or an image URI with a registry, tag or digest',
      hint:
        match !== undefined
          ? `did you mean "${match}"?`
          : `for a public image write the full reference, e.g. "public.ecr.aws/docker/library/${image}:latest"`,
    }),
  )
}

function checkJobDefinition(out: Diagnostic[], config: BatchConfig, key: string, job: JobDefinition): void {
  checkImage(out, config, job.image, ['jobDefinitions', key, 'image'])
  for (const [i, range] of (job.nodes?.ranges ?? []).entries()) {
    const container: ContainerOverrides | undefined = range.container
    if (container?.image !== undefined) {
      checkImage(out, config, container.image, ['jobDefinitions', key, 'nodes', 'ranges', i, 'container', 'image'])
    }
  }
  const volumes = (job.volumes ?? []).map((volume) => volume.name)
  for (const [i, mount] of (job.mountPoints ?? []).entries()) {
    if (volumes.includes(mount.sourceVolume)) continue
    const match = closest(mount.sourceVolume, volumes)
    out.push(
      diagnostic('dangling-reference', ['jobDefinitions', key, 'mountPoints', i, 'sourceVolume'], `Volume "${mount.sourceVolume}" is not defined in this job's \`volumes\`.`, {
        expected: 'the name of an entry in `volumes`',
        hint: match !== undefined ? `did you mean "${match}"?` : 'add it under `volumes` with an `efs` or `hostPath`',
      }),
    )
  }
}

/** The queue a submission names, or a diagnostic when it names none and there is no default. */
function checkQueue(out: Diagnostic[], config: BatchConfig, queue: string | undefined, path: Diagnostic['path']): void {
  if (queue !== undefined) {
    checkReference(out, config, 'jobQueues', queue, [...path, 'queue'], 'Job queue')
  } else if (config.defaults?.queue === undefined) {
    out.push(
      diagnostic('missing-queue', path, 'This submission names no `queue` and `defaults.queue` is not set.', {
        expected: '`queue: <key of jobQueues>` here or `defaults.queue`',
        hint: Object.keys(config.jobQueues ?? {}).length > 0 ? `queues: ${Object.keys(config.jobQueues ?? {}).join(', ')}` : undefined,
      }),
    )
  }
}

/**
 * References between sections resolve: queues → compute environments and scheduling policies,
 * job definitions → images and volumes, schedules/triggers → jobs, queues and workflows,
 * workflow steps → jobs and queues, `defaults.queue` → queues. Step-to-step references
 * (`after`, `catch.next`) are checked with the workflow graph.
 */
export function checkReferences(config: BatchConfig): Diagnostic[] {
  const out: Diagnostic[] = []
  if (config.defaults?.queue !== undefined) {
    checkReference(out, config, 'jobQueues', config.defaults.queue, ['defaults', 'queue'], 'Default job queue')
  }
  for (const [key, queue] of entries(config.jobQueues)) {
    for (const [i, ce] of queue.computeEnvironments.entries()) {
      checkReference(out, config, 'computeEnvironments', ce, ['jobQueues', key, 'computeEnvironments', i], 'Compute environment')
    }
    if (queue.schedulingPolicy !== undefined) {
      checkReference(out, config, 'schedulingPolicies', queue.schedulingPolicy, ['jobQueues', key, 'schedulingPolicy'], 'Scheduling policy')
    }
  }
  for (const [key, job] of entries(config.jobDefinitions)) checkJobDefinition(out, config, key, job)
  for (const section of ['schedules', 'triggers'] as const) {
    for (const [key, entry] of entries(config[section])) {
      if (entry.submit !== undefined) {
        const path = [section, key, 'submit']
        checkReference(out, config, 'jobDefinitions', entry.submit.job, [...path, 'job'], 'Job definition')
        checkQueue(out, config, entry.submit.queue, path)
      }
      if (entry.start !== undefined) {
        checkReference(out, config, 'workflows', entry.start.workflow, [section, key, 'start', 'workflow'], 'Workflow')
      }
    }
  }
  for (const [key, workflow] of entries(config.workflows)) {
    for (const [i, step] of (workflow.steps ?? []).entries()) {
      const path = ['workflows', key, 'steps', i]
      checkReference(out, config, 'jobDefinitions', step.job, [...path, 'job'], 'Job definition')
      checkQueue(out, config, step.queue, path)
    }
  }
  return out
}
