import type {BatchConfig} from './types.generated.js'

const sections: Array<[keyof BatchConfig, string, string]> = [
  ['computeEnvironments', 'compute environment', 'compute environments'],
  ['jobQueues', 'queue', 'queues'],
  ['jobDefinitions', 'job definition', 'job definitions'],
  ['schedulingPolicies', 'scheduling policy', 'scheduling policies'],
  ['images', 'image', 'images'],
  ['schedules', 'schedule', 'schedules'],
  ['triggers', 'trigger', 'triggers'],
  ['workflows', 'workflow', 'workflows'],
]

/** "3 compute environments, 2 queues, 1 job definition" (sections with entries only). */
export function describeConfig(config: BatchConfig): string {
  const parts: string[] = []
  for (const [key, one, many] of sections) {
    const section = config[key]
    const count = section && typeof section === 'object' ? Object.keys(section).length : 0
    if (count > 0) parts.push(`${count} ${count === 1 ? one : many}`)
  }
  return parts.length > 0 ? parts.join(', ') : 'no resources'
}
