import type {Link} from './link.js'

/** Key/value string map (tags, parameters). Order never matters. */
export type StringMap = Record<string, string>

/** Compute resources of a managed compute environment, as in CreateComputeEnvironment. */
export interface ComputeResourcesSpec {
  type: 'EC2' | 'SPOT' | 'FARGATE' | 'FARGATE_SPOT'
  /** EC2/SPOT only. AWS reports BEST_FIT when it was not given. */
  allocationStrategy?: 'BEST_FIT' | 'BEST_FIT_PROGRESSIVE' | 'SPOT_CAPACITY_OPTIMIZED' | 'SPOT_PRICE_CAPACITY_OPTIMIZED'
  minvCpus?: number
  maxvCpus: number
  /** Ignored by the planner unless it is outside [minvCpus, maxvCpus]: AWS moves it on its own. */
  desiredvCpus?: number
  instanceTypes?: string[]
  subnets: string[]
  securityGroupIds?: string[]
  /** Instance profile name or ARN (EC2/SPOT). */
  instanceRole?: string
  bidPercentage?: number
  spotIamFleetRole?: string
  launchTemplate?: {
    launchTemplateId?: string
    launchTemplateName?: string
    version?: string
    overrides?: Array<{launchTemplateId?: string; launchTemplateName?: string; version?: string; targetInstanceTypes?: string[]}>
  }
  imageId?: string
  ec2KeyPair?: string
  placementGroup?: string
  ec2Configuration?: Array<{imageType: string; imageIdOverride?: string}>
  updateToLatestImageVersion?: boolean
  /** Tags for the EC2 instances (not the compute environment itself). */
  tags?: StringMap
}

/** batch.computeEnvironment */
export interface ComputeEnvironmentSpec {
  type: 'MANAGED' | 'UNMANAGED'
  state?: 'ENABLED' | 'DISABLED'
  /** IAM role ARN for Batch; absent means the AWSServiceRoleForBatch service-linked role. */
  serviceRole?: string
  unmanagedvCpus?: number
  computeResources?: ComputeResourcesSpec
}

/** batch.jobQueue */
export interface JobQueueSpec {
  priority: number
  state?: 'ENABLED' | 'DISABLED'
  computeEnvironmentOrder: Array<{order: number; computeEnvironment: Link}>
  /** A fair-share scheduling policy; once set AWS lets it be replaced but never removed. */
  schedulingPolicy?: Link
  jobStateTimeLimitActions?: Array<{reason: string; state: 'RUNNABLE'; maxTimeSeconds: number; action: 'CANCEL'}>
}

/** batch.schedulingPolicy */
export interface SchedulingPolicySpec {
  fairsharePolicy?: {
    shareDecaySeconds?: number
    computeReservation?: number
    shareDistribution?: Array<{shareIdentifier: string; weightFactor?: number}>
  }
}

/** One entry of resourceRequirements. Values are strings, as in the Batch API. */
export interface ResourceRequirement {
  type: 'VCPU' | 'MEMORY' | 'GPU'
  value: string
}

/** The container of a job definition (single-node, or one node range of a multi-node one). */
export interface ContainerSpec {
  image: string
  command?: string[]
  /** Legacy top-level sizes; normalisation moves them into resourceRequirements. */
  vcpus?: number
  memory?: number
  resourceRequirements?: ResourceRequirement[]
  environment?: Array<{name: string; value?: string}>
  /** Secret values never appear in plans: only their `valueFrom` ARNs. */
  secrets?: Array<{name: string; valueFrom: string}>
  jobRoleArn?: string
  executionRoleArn?: string
  user?: string
  privileged?: boolean
  readonlyRootFilesystem?: boolean
  instanceType?: string
  fargatePlatformConfiguration?: {platformVersion?: string}
  networkConfiguration?: {assignPublicIp?: 'ENABLED' | 'DISABLED'}
  runtimePlatform?: {operatingSystemFamily?: string; cpuArchitecture?: string}
  ephemeralStorage?: {sizeInGiB: number}
  logConfiguration?: {logDriver: string; options?: StringMap; secretOptions?: Array<{name: string; valueFrom: string}>}
  mountPoints?: Array<{containerPath?: string; readOnly?: boolean; sourceVolume?: string}>
  volumes?: Array<{name?: string; host?: {sourcePath?: string}; efsVolumeConfiguration?: Record<string, unknown>}>
  ulimits?: Array<{name: string; softLimit: number; hardLimit: number}>
  linuxParameters?: Record<string, unknown>
}

/** batch.jobDefinition. Immutable in AWS: every change registers a new revision. */
export interface JobDefinitionSpec {
  type: 'container' | 'multinode'
  containerProperties?: ContainerSpec
  nodeProperties?: {
    numNodes: number
    mainNode: number
    nodeRangeProperties: Array<{targetNodes: string; container?: ContainerSpec}>
  }
  parameters?: StringMap
  retryStrategy?: {
    attempts?: number
    evaluateOnExit?: Array<{action: 'RETRY' | 'EXIT'; onStatusReason?: string; onReason?: string; onExitCode?: string}>
  }
  timeout?: {attemptDurationSeconds?: number}
  propagateTags?: boolean
  platformCapabilities?: Array<'EC2' | 'FARGATE'>
  schedulingPriority?: number
}
