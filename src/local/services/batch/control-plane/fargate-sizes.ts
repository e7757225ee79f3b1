/**
 * The vCPU / memory (MiB) pairs Fargate accepts for a Batch job.
 * AWS: ResourceRequirement — https://docs.aws.amazon.com/batch/latest/APIReference/API_ResourceRequirement.html
 */
const range = (from: number, to: number, step: number): number[] =>
  Array.from({length: Math.floor((to - from) / step) + 1}, (_, i) => from + i * step)

export const FARGATE_MEMORY_BY_VCPU: ReadonlyMap<string, readonly number[]> = new Map([
  ['0.25', [512, 1024, 2048]],
  ['0.5', [1024, 2048, 3072, 4096]],
  ['1', range(2048, 8192, 1024)],
  ['2', range(4096, 16_384, 1024)],
  ['4', range(8192, 30_720, 1024)],
  ['8', range(16_384, 61_440, 4096)],
  ['16', range(32_768, 122_880, 8192)],
  ['32', [61_440, 122_880, 249_856]],
])

/** Normalises "1.0", "0.50" to the table's keys. */
export function fargateVcpuKey(value: string): string {
  return String(Number(value))
}

/** True when Fargate can run this vCPU / memory pair. */
export function isFargateSize(vcpu: string, memory: string): boolean {
  return FARGATE_MEMORY_BY_VCPU.get(fargateVcpuKey(vcpu))?.includes(Number(memory)) ?? false
}
