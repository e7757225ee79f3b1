/**
 * vCPU / memory (MiB) pairs AWS Batch accepts for Fargate jobs, from the VCPU and MEMORY entries
 * of ResourceRequirement in the AWS Batch API reference
 * (https://docs.aws.amazon.com/batch/latest/APIReference/API_ResourceRequirement.html).
 */
const TABLE: Array<{vcpus: number; from: number; to: number; step: number}> = [
  {vcpus: 0.25, from: 512, to: 2048, step: 512},
  {vcpus: 0.5, from: 1024, to: 4096, step: 1024},
  {vcpus: 1, from: 2048, to: 8192, step: 1024},
  {vcpus: 2, from: 4096, to: 16384, step: 1024},
  {vcpus: 4, from: 8192, to: 30720, step: 1024},
  {vcpus: 8, from: 16384, to: 61440, step: 4096},
  {vcpus: 16, from: 32768, to: 122880, step: 8192},
]

/** The vCPU values Fargate accepts. */
export const FARGATE_VCPUS = TABLE.map((row) => row.vcpus)

/** Memory sizes (MiB) Fargate accepts with `vcpus`; empty when `vcpus` itself is not allowed. */
export function fargateMemoryFor(vcpus: number): number[] {
  const row = TABLE.find((r) => r.vcpus === vcpus)
  if (row === undefined) return []
  // 0.25 vCPU allows 512, 1024 and 2048 only (no 1536).
  if (row.vcpus === 0.25) return [512, 1024, 2048]
  const sizes: number[] = []
  for (let m = row.from; m <= row.to; m += row.step) sizes.push(m)
  return sizes
}

/** The vCPU values that accept `memory` MiB, for suggesting a fix. */
export function fargateVcpusFor(memory: number): number[] {
  return FARGATE_VCPUS.filter((vcpus) => fargateMemoryFor(vcpus).includes(memory))
}

/** Compact description of the allowed sizes, e.g. "2048-8192 in steps of 1024". */
export function describeFargateMemory(vcpus: number): string {
  const sizes = fargateMemoryFor(vcpus)
  if (sizes.length <= 4) return sizes.join(', ')
  return `${sizes[0]}-${sizes[sizes.length - 1]} MiB in steps of ${sizes[1]! - sizes[0]!}`
}
