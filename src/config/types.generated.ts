/* eslint-disable */
/**
 * GENERATED from schema/batch.schema.json by scripts/gen-types.mjs — do not edit.
 * Run `node scripts/gen-types.mjs` after changing the schema.
 */

/**
 * A job image: a Docker build (`context`) or a daemonless layered build (`base`).
 *
 * This interface was referenced by `BatchConfig`'s JSON-Schema
 * via the `definition` "Image".
 */
export type Image = (DockerImage | LayeredImage)

/**
 * batch.yaml: a declarative description of an AWS Batch estate for batchctl.
 */
export interface BatchConfig {
  /**
   * Editor hint pointing at this schema; ignored by batchctl.
   */
  $schema?: string
  /**
   * Project name. Used in the ownership tag on every resource batchctl creates and as the prefix of physical AWS names (`<project>[-<env>]-<key>`).
   */
  project: string
  /**
   * AWS region to deploy to (overridden by `--region`).
   */
  region?: string
  tags?: Tags
  defaults?: Defaults
  /**
   * Container images batchctl builds and pushes to ECR, by key. Job definitions refer to them by key.
   */
  images?: {
    [k: string]: Image | undefined
  }
  /**
   * AWS Batch compute environments, by key.
   */
  computeEnvironments?: {
    [k: string]: ComputeEnvironment | undefined
  }
  /**
   * AWS Batch job queues, by key.
   */
  jobQueues?: {
    [k: string]: JobQueue | undefined
  }
  /**
   * AWS Batch fair-share scheduling policies, by key.
   */
  schedulingPolicies?: {
    [k: string]: SchedulingPolicy | undefined
  }
  /**
   * AWS Batch job definitions, by key.
   */
  jobDefinitions?: {
    [k: string]: JobDefinition | undefined
  }
  /**
   * Time-based starts of jobs or workflows (EventBridge Scheduler, or classic EventBridge rules), by key.
   */
  schedules?: {
    [k: string]: Schedule | undefined
  }
  /**
   * Event-based starts of jobs or workflows (EventBridge rules), by key.
   */
  triggers?: {
    [k: string]: Trigger | undefined
  }
  /**
   * Step Functions state machines, by key: a list of steps or a hand-written ASL file.
   */
  workflows?: {
    [k: string]: Workflow | undefined
  }
  /**
   * Named environments selected with `--env`; each holds partial overrides of the top-level sections. The environment name becomes part of physical names.
   */
  environments?: {
    [k: string]: EnvironmentOverrides | undefined
  }
}
/**
 * AWS tags: key → value.
 *
 * This interface was referenced by `BatchConfig`'s JSON-Schema
 * via the `definition` "Tags".
 */
export interface Tags {
  [k: string]: string | undefined
}
/**
 * Values used when an entry does not set its own.
 *
 * This interface was referenced by `BatchConfig`'s JSON-Schema
 * via the `definition` "Defaults".
 */
export interface Defaults {
  /**
   * Job queue key used by schedules, triggers, workflow steps and `batchctl submit` when they name no queue.
   */
  queue?: string
  /**
   * Role the job's containers assume (job definitions without `jobRole`). An IAM role ARN.
   */
  jobRole?: string
  /**
   * Role ECS uses to pull images and write logs (job definitions without `executionRole`; required for Fargate). An IAM role ARN.
   */
  executionRole?: string
  /**
   * AWS Batch service role for compute environments without `serviceRole` (default: the service-linked role). An IAM role ARN.
   */
  serviceRole?: string
  /**
   * Instance profile (name or ARN) for EC2/SPOT compute environments without `instanceRole`.
   */
  instanceRole?: string
  /**
   * Role EventBridge Scheduler (or a rule) assumes to submit jobs or start workflows, for schedules without `role`. An IAM role ARN.
   */
  scheduleRole?: string
  /**
   * Role EventBridge assumes for triggers without `role`. An IAM role ARN.
   */
  triggerRole?: string
  /**
   * Role Step Functions assumes for workflows without `role`. An IAM role ARN.
   */
  workflowRole?: string
  /**
   * Subnets for compute environments without `subnets`.
   *
   * @minItems 1
   */
  subnets?: string[]
  /**
   * Security groups for compute environments without `securityGroups`.
   *
   * @minItems 1
   */
  securityGroups?: string[]
  /**
   * IANA time zone for schedules without `timezone` (default UTC).
   */
  timezone?: string
  /**
   * Share identifier for submissions to fair-share queues that name none (workflow steps and Scheduler-mode schedules; EventBridge rules cannot pass one).
   */
  shareIdentifier?: string
}
/**
 * An image built with `docker build` from a context directory.
 *
 * This interface was referenced by `BatchConfig`'s JSON-Schema
 * via the `definition` "DockerImage".
 */
export interface DockerImage {
  /**
   * Build context directory, relative to batch.yaml.
   */
  context: string
  /**
   * Dockerfile path relative to the context.
   */
  dockerfile?: string
  /**
   * `--build-arg` values.
   */
  buildArgs?: {
    [k: string]: string | undefined
  }
  /**
   * Multi-stage build target.
   */
  target?: string
  /**
   * Target platform (OCI `os/arch`).
   */
  platform?: 'linux/amd64' | 'linux/arm64'
  repository?: ImageRepository
}
/**
 * ECR repository settings for this image.
 *
 * This interface was referenced by `BatchConfig`'s JSON-Schema
 * via the `definition` "ImageRepository".
 */
export interface ImageRepository {
  /**
   * Repository name (default: the physical name `<project>[-<env>]-<key>`, lower-cased).
   */
  name?: string
  /**
   * Scan images for vulnerabilities when pushed.
   */
  scanOnPush?: boolean
  /**
   * Whether tags can be overwritten.
   */
  tagMutability?: 'MUTABLE' | 'IMMUTABLE'
  /**
   * Lifecycle policy batchctl writes for the repository.
   */
  lifecycle?: {
    /**
     * Keep only this many untagged images; older ones expire.
     */
    keepUntagged?: number
  }
}
/**
 * An image assembled without a Docker daemon: a base image plus file layers and config.
 *
 * This interface was referenced by `BatchConfig`'s JSON-Schema
 * via the `definition` "LayeredImage".
 */
export interface LayeredImage {
  /**
   * Base image reference.
   */
  base: string
  /**
   * Files and directories to add, each as a layer.
   */
  files?: ImageFile[]
  /**
   * Environment variables set in the image config.
   */
  env?: {
    [k: string]: string | undefined
  }
  /**
   * Image entrypoint.
   */
  entrypoint?: string[]
  /**
   * Default command (arguments to the entrypoint).
   */
  command?: string[]
  /**
   * Working directory.
   */
  workdir?: string
  /**
   * User (and group) the container runs as.
   */
  user?: string
  /**
   * OCI labels.
   */
  labels?: {
    [k: string]: string | undefined
  }
  /**
   * Target platform (OCI `os/arch`).
   */
  platform?: 'linux/amd64' | 'linux/arm64'
  repository?: ImageRepository
}
/**
 * A file or directory copied into the image.
 *
 * This interface was referenced by `BatchConfig`'s JSON-Schema
 * via the `definition` "ImageFile".
 */
export interface ImageFile {
  /**
   * Source path relative to batch.yaml (file or directory).
   */
  src: string
  /**
   * Absolute destination path in the image.
   */
  dest: string
  /**
   * Octal permission bits.
   */
  mode?: string
  /**
   * Owner as `uid:gid` or `user:group`.
   */
  owner?: string
}
/**
 * An AWS Batch compute environment (CreateComputeEnvironment), with computeResources flattened.
 *
 * This interface was referenced by `BatchConfig`'s JSON-Schema
 * via the `definition` "ComputeEnvironment".
 */
export interface ComputeEnvironment {
  /**
   * Capacity type. FARGATE/FARGATE_SPOT run containers without instances; EC2/SPOT launch instances.
   */
  type: 'FARGATE' | 'FARGATE_SPOT' | 'EC2' | 'SPOT'
  /**
   * Managed (AWS Batch scales capacity) or unmanaged (you run the ECS container instances).
   */
  managed?: boolean
  /**
   * Whether the environment accepts jobs.
   */
  state?: 'ENABLED' | 'DISABLED'
  /**
   * vCPUs reserved for fair-share scheduling in an unmanaged environment.
   */
  unmanagedvCpus?: number
  /**
   * vCPUs kept running even when idle (EC2/SPOT).
   */
  minvCpus?: number
  /**
   * Upper bound of vCPUs the environment scales to. Required for managed environments.
   */
  maxvCpus?: number
  /**
   * Initial desired vCPUs (EC2/SPOT). Usually left to AWS Batch.
   */
  desiredvCpus?: number
  /**
   * EC2 instance types or families; `optimal` picks from C4/M4/R4 (or newer) families.
   *
   * @minItems 1
   */
  instanceTypes?: string[]
  /**
   * How instances are chosen (EC2/SPOT).
   */
  allocationStrategy?:
    'BEST_FIT' | 'BEST_FIT_PROGRESSIVE' | 'SPOT_CAPACITY_OPTIMIZED' | 'SPOT_PRICE_CAPACITY_OPTIMIZED'
  /**
   * Maximum Spot price as a percentage of the On-Demand price (SPOT with BEST_FIT).
   */
  bidPercentage?: number
  /**
   * Spot Fleet role (SPOT with BEST_FIT only). An IAM role ARN.
   */
  spotIamFleetRole?: string
  /**
   * VPC subnets the capacity runs in (default: `defaults.subnets`).
   *
   * @minItems 1
   * @maxItems 16
   */
  subnets?: string[]
  /**
   * Security group IDs (default: `defaults.securityGroups`).
   *
   * @minItems 1
   * @maxItems 5
   */
  securityGroups?: string[]
  /**
   * ECS instance profile name or ARN (EC2/SPOT).
   */
  instanceRole?: string
  /**
   * EC2 launch template used for instances (EC2/SPOT).
   */
  launchTemplate?: {
    /**
     * Launch template ID (this or `name`).
     */
    id?: string
    /**
     * Launch template name (this or `id`).
     */
    name?: string
    /**
     * Version number, `$Default` or `$Latest`.
     */
    version?: string
  }
  /**
   * AMI selection per instance kind (EC2/SPOT).
   *
   * @maxItems 2
   */
  ec2Configuration?: {
    /**
     * ECS-optimized AMI family.
     */
    imageType: 'ECS_AL2' | 'ECS_AL2_NVIDIA' | 'ECS_AL2023' | 'ECS_AL2023_NVIDIA'
    /**
     * AMI ID overriding the family's default.
     */
    imageIdOverride?: string
  }[]
  /**
   * AMI ID for all instances (prefer `ec2Configuration`).
   */
  imageId?: string
  /**
   * EC2 key pair for SSH access to instances.
   */
  ec2KeyPair?: string
  /**
   * Cluster placement group for low-latency networking (multi-node jobs).
   */
  placementGroup?: string
  /**
   * AWS Batch service role (default: `defaults.serviceRole`, then the service-linked role). An IAM role ARN.
   */
  serviceRole?: string
  /**
   * How infrastructure updates treat running jobs.
   */
  updatePolicy?: {
    /**
     * Terminate running jobs when the environment's infrastructure is updated.
     */
    terminateJobsOnUpdate?: boolean
    /**
     * Minutes running jobs may take to finish after an update starts.
     */
    jobExecutionTimeoutMinutes?: number
  }
  tags?: Tags
}
/**
 * An AWS Batch job queue.
 *
 * This interface was referenced by `BatchConfig`'s JSON-Schema
 * via the `definition` "JobQueue".
 */
export interface JobQueue {
  /**
   * Higher priority queues are scheduled first on shared compute environments.
   */
  priority: number
  /**
   * Whether the queue accepts jobs.
   */
  state?: 'ENABLED' | 'DISABLED'
  /**
   * Compute environment keys in the order AWS Batch tries them (up to 3, all Fargate or all EC2/SPOT).
   *
   * @minItems 1
   */
  computeEnvironments: string[]
  /**
   * Key of a fair-share scheduling policy (cannot be added to or removed from an existing queue).
   */
  schedulingPolicy?: string
  /**
   * Cancel jobs stuck in RUNNABLE for a reason such as missing capacity.
   *
   * @maxItems 5
   */
  jobStateTimeLimitActions?: {
    /**
     * Status reason the job must be stuck with.
     */
    reason: string
    /**
     * Job state the rule watches (AWS supports only RUNNABLE).
     */
    state?: 'RUNNABLE'
    /**
     * Seconds in that state before the action runs.
     */
    maxTimeSeconds: number
    /**
     * What to do with the job.
     */
    action?: 'CANCEL' | 'TERMINATE'
  }[]
  tags?: Tags
}
/**
 * A fair-share scheduling policy.
 *
 * This interface was referenced by `BatchConfig`'s JSON-Schema
 * via the `definition` "SchedulingPolicy".
 */
export interface SchedulingPolicy {
  /**
   * Period over which past usage is remembered (0 = only current usage).
   */
  shareDecaySeconds?: number
  /**
   * Percentage of vCPUs held back for share identifiers not yet active.
   */
  computeReservation?: number
  /**
   * Weights per share identifier (lower weight = larger share).
   *
   * @maxItems 500
   */
  shareDistribution?: {
    /**
     * Share identifier, or a prefix ending in `*`.
     */
    shareIdentifier: string
    /**
     * Relative weight.
     */
    weightFactor?: number
  }[]
  tags?: Tags
}
/**
 * An AWS Batch job definition (container or multi-node).
 *
 * This interface was referenced by `BatchConfig`'s JSON-Schema
 * via the `definition` "JobDefinition".
 */
export interface JobDefinition {
  /**
   * An `images` key, or any image URI.
   */
  image: string
  /**
   * Command; `Ref::name` placeholders take values from `parameters` or the submit.
   */
  command?: string[]
  /**
   * vCPUs per container. Fargate accepts 0.25, 0.5, 1, 2, 4, 8 or 16.
   */
  vcpus?: number
  /**
   * Memory hard limit in MiB (Fargate: a size allowed for the vCPUs).
   */
  memory?: number
  /**
   * GPUs per container (EC2 only).
   */
  gpus?: number
  /**
   * Environment variables (not for secrets).
   */
  environment?: {
    [k: string]: string | undefined
  }
  /**
   * Environment variables filled from SSM Parameter Store (name or ARN) or Secrets Manager (ARN) at start.
   */
  secrets?: {
    [k: string]: string | undefined
  }
  /**
   * Role the container assumes (default: `defaults.jobRole`). An IAM role ARN.
   */
  jobRole?: string
  /**
   * Role ECS uses to pull the image and write logs (default: `defaults.executionRole`). An IAM role ARN.
   */
  executionRole?: string
  retry?: Retry
  /**
   * Seconds after which an attempt is terminated (at least 60).
   */
  timeout?: number
  /**
   * Default values for `Ref::` placeholders in `command`.
   */
  parameters?: {
    [k: string]: string | undefined
  }
  /**
   * Platform capability. Default: taken from the queues the job is submitted to.
   */
  platform?: 'EC2' | 'FARGATE'
  /**
   * Fargate-only settings.
   */
  fargate?: {
    /**
     * Fargate platform version.
     */
    platformVersion?: string
    /**
     * Give the task a public IP (needed in public subnets without NAT to pull images).
     */
    assignPublicIp?: boolean
    /**
     * Ephemeral storage in GiB.
     */
    ephemeralStorage?: number
    /**
     * CPU architecture.
     */
    cpuArchitecture?: 'X86_64' | 'ARM64'
  }
  /**
   * Linux-specific container settings.
   */
  linuxParameters?: {
    /**
     * Run an init process that reaps zombies.
     */
    initProcessEnabled?: boolean
    /**
     * Size of /dev/shm in MiB (EC2 only).
     */
    sharedMemorySize?: number
    /**
     * Swap in MiB the container may use (EC2 only).
     */
    maxSwap?: number
    /**
     * Swappiness 0-100 (EC2 only).
     */
    swappiness?: number
    /**
     * tmpfs mounts (EC2 only).
     */
    tmpfs?: {
      /**
       * Mount path.
       */
      containerPath: string
      /**
       * Size in MiB.
       */
      size: number
      /**
       * Mount options.
       */
      mountOptions?: string[]
    }[]
  }
  /**
   * EFS or host volumes the containers can mount.
   */
  volumes?: {
    /**
     * Volume name, referenced by `mountPoints[].sourceVolume`.
     */
    name: string
    /**
     * An Amazon EFS file system.
     */
    efs?: {
      /**
       * EFS file system ID.
       */
      fileSystemId: string
      /**
       * Directory of the file system mounted as the root.
       */
      rootDirectory?: string
      /**
       * Encrypt data in transit (required with `accessPointId` or `iam`).
       */
      transitEncryption?: boolean
      /**
       * EFS access point ID.
       */
      accessPointId?: string
      /**
       * Use the job role for EFS IAM authorization.
       */
      iam?: boolean
    }
    /**
     * Path on the host instance (EC2 only).
     */
    hostPath?: string
  }[]
  /**
   * Where volumes are mounted in the container.
   */
  mountPoints?: {
    /**
     * Name of an entry in `volumes`.
     */
    sourceVolume: string
    /**
     * Path in the container.
     */
    containerPath: string
    /**
     * Mount read-only.
     */
    readOnly?: boolean
  }[]
  /**
   * Container log driver (default: awslogs to /aws/batch/job).
   */
  logConfiguration?: {
    /**
     * Log driver.
     */
    logDriver: 'awslogs' | 'fluentd' | 'gelf' | 'journald' | 'json-file' | 'splunk' | 'syslog' | 'awsfirelens'
    /**
     * Driver options.
     */
    options?: {
      [k: string]: string | undefined
    }
    /**
     * Driver options read from SSM or Secrets Manager.
     */
    secretOptions?: {
      [k: string]: string | undefined
    }
  }
  /**
   * Run the container privileged (EC2 only).
   */
  privileged?: boolean
  /**
   * Mount the root filesystem read-only.
   */
  readonlyRootFilesystem?: boolean
  /**
   * User name or uid the container runs as.
   */
  user?: string
  tags?: Tags
  /**
   * Copy the job's tags to the ECS tasks it runs.
   */
  propagateTags?: boolean
  /**
   * Priority among jobs in a fair-share queue (higher runs first).
   */
  schedulingPriority?: number
  /**
   * Multi-node parallel job: several instances working together (EC2 only).
   */
  nodes?: {
    /**
     * Number of nodes.
     */
    count: number
    /**
     * Index of the main node (0-based).
     */
    main?: number
    /**
     * Node ranges with their own container settings; together they cover every node exactly once. Default: one range `0:` with the job's container.
     */
    ranges?: {
      /**
       * Node index range `start:end` (inclusive; either side may be omitted), or a single index.
       */
      targetNodes: string
      container?: ContainerOverrides
    }[]
  }
}
/**
 * Retry strategy.
 *
 * This interface was referenced by `BatchConfig`'s JSON-Schema
 * via the `definition` "Retry".
 */
export interface Retry {
  /**
   * Total attempts, including the first.
   */
  attempts?: number
  /**
   * Rules deciding RETRY or EXIT by exit code or reason; first match wins.
   *
   * @maxItems 5
   */
  evaluateOnExit?: {
    /**
     * Pattern for the job's status reason.
     */
    onStatusReason?: string
    /**
     * Pattern for the container's reason.
     */
    onReason?: string
    /**
     * Pattern for the exit code.
     */
    onExitCode?: string
    /**
     * What to do when the rule matches.
     */
    action: 'RETRY' | 'EXIT'
  }[]
}
/**
 * Container settings a node range sets instead of the job's.
 *
 * This interface was referenced by `BatchConfig`'s JSON-Schema
 * via the `definition` "ContainerOverrides".
 */
export interface ContainerOverrides {
  /**
   * An `images` key or any image URI.
   */
  image?: string
  /**
   * Command.
   */
  command?: string[]
  /**
   * vCPUs per container. Fargate accepts 0.25, 0.5, 1, 2, 4, 8 or 16.
   */
  vcpus?: number
  /**
   * Memory hard limit in MiB (Fargate: a size allowed for the vCPUs).
   */
  memory?: number
  /**
   * GPUs per container (EC2 only).
   */
  gpus?: number
  /**
   * Extra environment variables.
   */
  environment?: {
    [k: string]: string | undefined
  }
  /**
   * Instance type for these nodes.
   */
  instanceType?: string
}
/**
 * A time-based start of a job or workflow. Exactly one of `cron` / `rate` / `at`; exactly one of `submit` / `start`.
 *
 * This interface was referenced by `BatchConfig`'s JSON-Schema
 * via the `definition` "Schedule".
 */
export interface Schedule {
  /**
   * EventBridge cron fields: `minutes hours day-of-month month day-of-week year` (one of the day fields must be `?`). `cron(...)` around it is accepted.
   */
  cron?: string
  /**
   * Fixed interval: `<n> minute|minutes|hour|hours|day|days` (singular only for 1). `rate(...)` around it is accepted.
   */
  rate?: string
  /**
   * One-time run at `yyyy-mm-ddThh:mm:ss` in `timezone` (scheduler mode only).
   */
  at?: string
  /**
   * IANA time zone the expression is evaluated in (scheduler mode; default `defaults.timezone`, then UTC).
   */
  timezone?: string
  /**
   * `scheduler` (EventBridge Scheduler: time zones, one-time, flexible windows, fair-share queues) or `rule` (classic EventBridge rule: UTC only, and no fair-share queues, since a rule cannot pass a share identifier to Batch).
   */
  mode?: 'scheduler' | 'rule'
  /**
   * Whether the schedule runs.
   */
  enabled?: boolean
  /**
   * Shown in the AWS console.
   */
  description?: string
  /**
   * Minutes within which the run may start (scheduler mode; default: exact time).
   */
  flexibleWindow?: number
  /**
   * Retries of failed deliveries to the target.
   */
  retryPolicy?: {
    /**
     * Give up on an event older than this.
     */
    maximumEventAgeSeconds?: number
    /**
     * Retries before giving up.
     */
    maximumRetryAttempts?: number
  }
  /**
   * SQS queue ARN receiving events that could not be delivered.
   */
  deadLetterQueue?: string
  /**
   * Role the scheduler assumes (default: `defaults.scheduleRole`). An IAM role ARN.
   */
  role?: string
  submit?: SubmitTarget
  start?: StartTarget
}
/**
 * Submit a job.
 *
 * This interface was referenced by `BatchConfig`'s JSON-Schema
 * via the `definition` "SubmitTarget".
 */
export interface SubmitTarget {
  /**
   * Key of the job definition to submit.
   */
  job: string
  /**
   * Key of the job queue (default: `defaults.queue`).
   */
  queue?: string
  /**
   * Submit an array job of this many children (2 to 10,000).
   */
  arraySize?: number
  /**
   * Values for `Ref::` placeholders. In triggers a value starting with `$.` is a JSONPath into the event.
   */
  parameters?: {
    [k: string]: string | undefined
  }
  /**
   * Container overrides for this submission.
   */
  overrides?: {
    /**
     * Command.
     */
    command?: string[]
    /**
     * vCPUs per container. Fargate accepts 0.25, 0.5, 1, 2, 4, 8 or 16.
     */
    vcpus?: number
    /**
     * Memory hard limit in MiB (Fargate: a size allowed for the vCPUs).
     */
    memory?: number
    /**
     * GPUs per container (EC2 only).
     */
    gpus?: number
    /**
     * Extra environment variables.
     */
    environment?: {
      [k: string]: string | undefined
    }
  }
  /**
   * Job name (default: the job definition's physical name).
   */
  name?: string
  /**
   * Fair-share identifier of the job; required by queues with a scheduling policy, refused by others (default: `defaults.shareIdentifier`). Schedules in the default (Scheduler) mode only: EventBridge rules (triggers, `mode: rule`) cannot pass it to Batch.
   */
  shareIdentifier?: string
  /**
   * Scheduling priority within a fair-share queue, overriding the job definition's `schedulingPriority`. Schedules in the default (Scheduler) mode only: EventBridge rules (triggers, `mode: rule`) cannot pass it to Batch.
   */
  schedulingPriority?: number
}
/**
 * Start a Step Functions workflow.
 *
 * This interface was referenced by `BatchConfig`'s JSON-Schema
 * via the `definition` "StartTarget".
 */
export interface StartTarget {
  /**
   * Key of the workflow to start.
   */
  workflow: string
  /**
   * Execution input. In triggers a string value starting with `$.` is a JSONPath into the event.
   */
  input?: {}
}
/**
 * An event-based start of a job or workflow (EventBridge rule). Exactly one of `submit` / `start`. A rule cannot pass a share identifier to Batch, so `submit` cannot use a fair-share queue; `start` a workflow whose step submits the job instead.
 *
 * This interface was referenced by `BatchConfig`'s JSON-Schema
 * via the `definition` "Trigger".
 */
export interface Trigger {
  /**
   * EventBridge event pattern matched against events on `bus`.
   */
  event: {}
  /**
   * Event bus name or ARN.
   */
  bus?: string
  /**
   * Whether the rule is enabled.
   */
  enabled?: boolean
  /**
   * Shown in the AWS console.
   */
  description?: string
  /**
   * Retries of failed deliveries to the target.
   */
  retryPolicy?: {
    /**
     * Give up on an event older than this.
     */
    maximumEventAgeSeconds?: number
    /**
     * Retries before giving up.
     */
    maximumRetryAttempts?: number
  }
  /**
   * SQS queue ARN receiving events that could not be delivered.
   */
  deadLetterQueue?: string
  /**
   * Role EventBridge assumes (default: `defaults.triggerRole`). An IAM role ARN.
   */
  role?: string
  submit?: SubmitTarget
  start?: StartTarget
}
/**
 * A Step Functions state machine: generated from `steps`, or a hand-written ASL file.
 *
 * This interface was referenced by `BatchConfig`'s JSON-Schema
 * via the `definition` "Workflow".
 */
export interface Workflow {
  /**
   * Steps; order does not matter, `after` defines it.
   *
   * @minItems 1
   */
  steps?: WorkflowStep[]
  /**
   * Amazon States Language JSON file, relative to batch.yaml.
   */
  definitionFile?: string
  /**
   * Role Step Functions assumes (default: `defaults.workflowRole`). An IAM role ARN.
   */
  role?: string
  /**
   * State machine type; batch jobs take long, so STANDARD. EXPRESS is not offered: steps wait for their jobs with `batch:submitJob.sync`, which EXPRESS state machines refuse.
   */
  type?: 'STANDARD'
  tags?: Tags
}
/**
 * A step: submit a job (synchronously) after the steps it depends on.
 *
 * This interface was referenced by `BatchConfig`'s JSON-Schema
 * via the `definition` "WorkflowStep".
 */
export interface WorkflowStep {
  /**
   * Step name, unique in the workflow (also the Step Functions state name).
   */
  name: string
  /**
   * Key of the job definition.
   */
  job: string
  /**
   * Key of the job queue (default: `defaults.queue`).
   */
  queue?: string
  /**
   * Run as an array job of this many children (2 to 10,000).
   */
  arraySize?: number
  /**
   * Values for `Ref::` placeholders; `$.` values are JSONPaths into the execution input.
   */
  parameters?: {
    [k: string]: string | undefined
  }
  /**
   * Fair-share identifier of the job; required by queues with a scheduling policy, refused by others (default: `defaults.shareIdentifier`).
   */
  shareIdentifier?: string
  /**
   * Scheduling priority within a fair-share queue, overriding the job definition's `schedulingPriority`.
   */
  schedulingPriority?: number
  /**
   * Steps that must succeed first; steps with the same predecessors run in parallel. Steps without `after` start the workflow (except `catch.next` targets).
   */
  after?: string[]
  /**
   * Step Functions retry of the step.
   */
  retry?: {
    /**
     * Maximum retries.
     */
    attempts?: number
    /**
     * Seconds before the first retry.
     */
    intervalSeconds?: number
    /**
     * Multiplier of the interval per retry.
     */
    backoffRate?: number
    /**
     * Errors retried (default: States.TaskFailed, a failed job; list e.g. States.ALL to also retry failed Batch calls).
     *
     * @minItems 1
     */
    errors?: string[]
  }
  /**
   * What happens when the step fails after retries: go to step `next`, or fail the execution with error `fail`.
   */
  catch?: {
    /**
     * Step to continue with. A step that has no `after` and is named by some `catch.next` runs only when that failure is caught, not at the start.
     */
    next?: string
    /**
     * Error name the execution fails with.
     */
    fail?: string
    /**
     * Errors caught (default: States.ALL).
     *
     * @minItems 1
     */
    errors?: string[]
  }
}
/**
 * Changes for one environment: scalars and lists replace, maps and entries merge key by key over the base file.
 *
 * This interface was referenced by `BatchConfig`'s JSON-Schema
 * via the `definition` "EnvironmentOverrides".
 */
export interface EnvironmentOverrides {
  /**
   * AWS region to deploy to (overridden by `--region`).
   */
  region?: string
  tags?: Tags
  defaults?: Defaults
  /**
   * Container images batchctl builds and pushes to ECR, by key. Job definitions refer to them by key. Entries here are merged over the base entries.
   */
  images?: {
    [k: string]: PartialImage | undefined
  }
  /**
   * AWS Batch compute environments, by key. Entries here are merged over the base entries.
   */
  computeEnvironments?: {
    [k: string]: PartialComputeEnvironment | undefined
  }
  /**
   * AWS Batch job queues, by key. Entries here are merged over the base entries.
   */
  jobQueues?: {
    [k: string]: PartialJobQueue | undefined
  }
  /**
   * AWS Batch fair-share scheduling policies, by key. Entries here are merged over the base entries.
   */
  schedulingPolicies?: {
    [k: string]: PartialSchedulingPolicy | undefined
  }
  /**
   * AWS Batch job definitions, by key. Entries here are merged over the base entries.
   */
  jobDefinitions?: {
    [k: string]: PartialJobDefinition | undefined
  }
  /**
   * Time-based starts of jobs or workflows (EventBridge Scheduler, or classic EventBridge rules), by key. Entries here are merged over the base entries.
   */
  schedules?: {
    [k: string]: PartialSchedule | undefined
  }
  /**
   * Event-based starts of jobs or workflows (EventBridge rules), by key. Entries here are merged over the base entries.
   */
  triggers?: {
    [k: string]: PartialTrigger | undefined
  }
  /**
   * Step Functions state machines, by key: a list of steps or a hand-written ASL file. Entries here are merged over the base entries.
   */
  workflows?: {
    [k: string]: PartialWorkflow | undefined
  }
}
/**
 * Fields of `Image` to change in this environment (merged over the base entry).
 *
 * This interface was referenced by `BatchConfig`'s JSON-Schema
 * via the `definition` "PartialImage".
 */
export interface PartialImage {
  /**
   * Build context directory, relative to batch.yaml.
   */
  context?: string
  /**
   * Dockerfile path relative to the context.
   */
  dockerfile?: string
  /**
   * `--build-arg` values.
   */
  buildArgs?: {
    [k: string]: string | undefined
  }
  /**
   * Multi-stage build target.
   */
  target?: string
  /**
   * Target platform (OCI `os/arch`).
   */
  platform?: 'linux/amd64' | 'linux/arm64'
  repository?: ImageRepository
  /**
   * Base image reference.
   */
  base?: string
  /**
   * Files and directories to add, each as a layer.
   */
  files?: ImageFile[]
  /**
   * Environment variables set in the image config.
   */
  env?: {
    [k: string]: string | undefined
  }
  /**
   * Image entrypoint.
   */
  entrypoint?: string[]
  /**
   * Default command (arguments to the entrypoint).
   */
  command?: string[]
  /**
   * Working directory.
   */
  workdir?: string
  /**
   * User (and group) the container runs as.
   */
  user?: string
  /**
   * OCI labels.
   */
  labels?: {
    [k: string]: string | undefined
  }
}
/**
 * Fields of `ComputeEnvironment` to change in this environment (merged over the base entry).
 *
 * This interface was referenced by `BatchConfig`'s JSON-Schema
 * via the `definition` "PartialComputeEnvironment".
 */
export interface PartialComputeEnvironment {
  /**
   * Capacity type. FARGATE/FARGATE_SPOT run containers without instances; EC2/SPOT launch instances.
   */
  type?: 'FARGATE' | 'FARGATE_SPOT' | 'EC2' | 'SPOT'
  /**
   * Managed (AWS Batch scales capacity) or unmanaged (you run the ECS container instances).
   */
  managed?: boolean
  /**
   * Whether the environment accepts jobs.
   */
  state?: 'ENABLED' | 'DISABLED'
  /**
   * vCPUs reserved for fair-share scheduling in an unmanaged environment.
   */
  unmanagedvCpus?: number
  /**
   * vCPUs kept running even when idle (EC2/SPOT).
   */
  minvCpus?: number
  /**
   * Upper bound of vCPUs the environment scales to. Required for managed environments.
   */
  maxvCpus?: number
  /**
   * Initial desired vCPUs (EC2/SPOT). Usually left to AWS Batch.
   */
  desiredvCpus?: number
  /**
   * EC2 instance types or families; `optimal` picks from C4/M4/R4 (or newer) families.
   *
   * @minItems 1
   */
  instanceTypes?: string[]
  /**
   * How instances are chosen (EC2/SPOT).
   */
  allocationStrategy?:
    'BEST_FIT' | 'BEST_FIT_PROGRESSIVE' | 'SPOT_CAPACITY_OPTIMIZED' | 'SPOT_PRICE_CAPACITY_OPTIMIZED'
  /**
   * Maximum Spot price as a percentage of the On-Demand price (SPOT with BEST_FIT).
   */
  bidPercentage?: number
  /**
   * Spot Fleet role (SPOT with BEST_FIT only). An IAM role ARN.
   */
  spotIamFleetRole?: string
  /**
   * VPC subnets the capacity runs in (default: `defaults.subnets`).
   *
   * @minItems 1
   * @maxItems 16
   */
  subnets?: string[]
  /**
   * Security group IDs (default: `defaults.securityGroups`).
   *
   * @minItems 1
   * @maxItems 5
   */
  securityGroups?: string[]
  /**
   * ECS instance profile name or ARN (EC2/SPOT).
   */
  instanceRole?: string
  /**
   * EC2 launch template used for instances (EC2/SPOT).
   */
  launchTemplate?: {
    /**
     * Launch template ID (this or `name`).
     */
    id?: string
    /**
     * Launch template name (this or `id`).
     */
    name?: string
    /**
     * Version number, `$Default` or `$Latest`.
     */
    version?: string
  }
  /**
   * AMI selection per instance kind (EC2/SPOT).
   *
   * @maxItems 2
   */
  ec2Configuration?: {
    /**
     * ECS-optimized AMI family.
     */
    imageType: 'ECS_AL2' | 'ECS_AL2_NVIDIA' | 'ECS_AL2023' | 'ECS_AL2023_NVIDIA'
    /**
     * AMI ID overriding the family's default.
     */
    imageIdOverride?: string
  }[]
  /**
   * AMI ID for all instances (prefer `ec2Configuration`).
   */
  imageId?: string
  /**
   * EC2 key pair for SSH access to instances.
   */
  ec2KeyPair?: string
  /**
   * Cluster placement group for low-latency networking (multi-node jobs).
   */
  placementGroup?: string
  /**
   * AWS Batch service role (default: `defaults.serviceRole`, then the service-linked role). An IAM role ARN.
   */
  serviceRole?: string
  /**
   * How infrastructure updates treat running jobs.
   */
  updatePolicy?: {
    /**
     * Terminate running jobs when the environment's infrastructure is updated.
     */
    terminateJobsOnUpdate?: boolean
    /**
     * Minutes running jobs may take to finish after an update starts.
     */
    jobExecutionTimeoutMinutes?: number
  }
  tags?: Tags
}
/**
 * Fields of `JobQueue` to change in this environment (merged over the base entry).
 *
 * This interface was referenced by `BatchConfig`'s JSON-Schema
 * via the `definition` "PartialJobQueue".
 */
export interface PartialJobQueue {
  /**
   * Higher priority queues are scheduled first on shared compute environments.
   */
  priority?: number
  /**
   * Whether the queue accepts jobs.
   */
  state?: 'ENABLED' | 'DISABLED'
  /**
   * Compute environment keys in the order AWS Batch tries them (up to 3, all Fargate or all EC2/SPOT).
   *
   * @minItems 1
   */
  computeEnvironments?: string[]
  /**
   * Key of a fair-share scheduling policy (cannot be added to or removed from an existing queue).
   */
  schedulingPolicy?: string
  /**
   * Cancel jobs stuck in RUNNABLE for a reason such as missing capacity.
   *
   * @maxItems 5
   */
  jobStateTimeLimitActions?: {
    /**
     * Status reason the job must be stuck with.
     */
    reason: string
    /**
     * Job state the rule watches (AWS supports only RUNNABLE).
     */
    state?: 'RUNNABLE'
    /**
     * Seconds in that state before the action runs.
     */
    maxTimeSeconds: number
    /**
     * What to do with the job.
     */
    action?: 'CANCEL' | 'TERMINATE'
  }[]
  tags?: Tags
}
/**
 * Fields of `SchedulingPolicy` to change in this environment (merged over the base entry).
 *
 * This interface was referenced by `BatchConfig`'s JSON-Schema
 * via the `definition` "PartialSchedulingPolicy".
 */
export interface PartialSchedulingPolicy {
  /**
   * Period over which past usage is remembered (0 = only current usage).
   */
  shareDecaySeconds?: number
  /**
   * Percentage of vCPUs held back for share identifiers not yet active.
   */
  computeReservation?: number
  /**
   * Weights per share identifier (lower weight = larger share).
   *
   * @maxItems 500
   */
  shareDistribution?: {
    /**
     * Share identifier, or a prefix ending in `*`.
     */
    shareIdentifier: string
    /**
     * Relative weight.
     */
    weightFactor?: number
  }[]
  tags?: Tags
}
/**
 * Fields of `JobDefinition` to change in this environment (merged over the base entry).
 *
 * This interface was referenced by `BatchConfig`'s JSON-Schema
 * via the `definition` "PartialJobDefinition".
 */
export interface PartialJobDefinition {
  /**
   * An `images` key, or any image URI.
   */
  image?: string
  /**
   * Command; `Ref::name` placeholders take values from `parameters` or the submit.
   */
  command?: string[]
  /**
   * vCPUs per container. Fargate accepts 0.25, 0.5, 1, 2, 4, 8 or 16.
   */
  vcpus?: number
  /**
   * Memory hard limit in MiB (Fargate: a size allowed for the vCPUs).
   */
  memory?: number
  /**
   * GPUs per container (EC2 only).
   */
  gpus?: number
  /**
   * Environment variables (not for secrets).
   */
  environment?: {
    [k: string]: string | undefined
  }
  /**
   * Environment variables filled from SSM Parameter Store (name or ARN) or Secrets Manager (ARN) at start.
   */
  secrets?: {
    [k: string]: string | undefined
  }
  /**
   * Role the container assumes (default: `defaults.jobRole`). An IAM role ARN.
   */
  jobRole?: string
  /**
   * Role ECS uses to pull the image and write logs (default: `defaults.executionRole`). An IAM role ARN.
   */
  executionRole?: string
  retry?: Retry
  /**
   * Seconds after which an attempt is terminated (at least 60).
   */
  timeout?: number
  /**
   * Default values for `Ref::` placeholders in `command`.
   */
  parameters?: {
    [k: string]: string | undefined
  }
  /**
   * Platform capability. Default: taken from the queues the job is submitted to.
   */
  platform?: 'EC2' | 'FARGATE'
  /**
   * Fargate-only settings.
   */
  fargate?: {
    /**
     * Fargate platform version.
     */
    platformVersion?: string
    /**
     * Give the task a public IP (needed in public subnets without NAT to pull images).
     */
    assignPublicIp?: boolean
    /**
     * Ephemeral storage in GiB.
     */
    ephemeralStorage?: number
    /**
     * CPU architecture.
     */
    cpuArchitecture?: 'X86_64' | 'ARM64'
  }
  /**
   * Linux-specific container settings.
   */
  linuxParameters?: {
    /**
     * Run an init process that reaps zombies.
     */
    initProcessEnabled?: boolean
    /**
     * Size of /dev/shm in MiB (EC2 only).
     */
    sharedMemorySize?: number
    /**
     * Swap in MiB the container may use (EC2 only).
     */
    maxSwap?: number
    /**
     * Swappiness 0-100 (EC2 only).
     */
    swappiness?: number
    /**
     * tmpfs mounts (EC2 only).
     */
    tmpfs?: {
      /**
       * Mount path.
       */
      containerPath: string
      /**
       * Size in MiB.
       */
      size: number
      /**
       * Mount options.
       */
      mountOptions?: string[]
    }[]
  }
  /**
   * EFS or host volumes the containers can mount.
   */
  volumes?: {
    /**
     * Volume name, referenced by `mountPoints[].sourceVolume`.
     */
    name: string
    /**
     * An Amazon EFS file system.
     */
    efs?: {
      /**
       * EFS file system ID.
       */
      fileSystemId: string
      /**
       * Directory of the file system mounted as the root.
       */
      rootDirectory?: string
      /**
       * Encrypt data in transit (required with `accessPointId` or `iam`).
       */
      transitEncryption?: boolean
      /**
       * EFS access point ID.
       */
      accessPointId?: string
      /**
       * Use the job role for EFS IAM authorization.
       */
      iam?: boolean
    }
    /**
     * Path on the host instance (EC2 only).
     */
    hostPath?: string
  }[]
  /**
   * Where volumes are mounted in the container.
   */
  mountPoints?: {
    /**
     * Name of an entry in `volumes`.
     */
    sourceVolume: string
    /**
     * Path in the container.
     */
    containerPath: string
    /**
     * Mount read-only.
     */
    readOnly?: boolean
  }[]
  /**
   * Container log driver (default: awslogs to /aws/batch/job).
   */
  logConfiguration?: {
    /**
     * Log driver.
     */
    logDriver: 'awslogs' | 'fluentd' | 'gelf' | 'journald' | 'json-file' | 'splunk' | 'syslog' | 'awsfirelens'
    /**
     * Driver options.
     */
    options?: {
      [k: string]: string | undefined
    }
    /**
     * Driver options read from SSM or Secrets Manager.
     */
    secretOptions?: {
      [k: string]: string | undefined
    }
  }
  /**
   * Run the container privileged (EC2 only).
   */
  privileged?: boolean
  /**
   * Mount the root filesystem read-only.
   */
  readonlyRootFilesystem?: boolean
  /**
   * User name or uid the container runs as.
   */
  user?: string
  tags?: Tags
  /**
   * Copy the job's tags to the ECS tasks it runs.
   */
  propagateTags?: boolean
  /**
   * Priority among jobs in a fair-share queue (higher runs first).
   */
  schedulingPriority?: number
  /**
   * Multi-node parallel job: several instances working together (EC2 only).
   */
  nodes?: {
    /**
     * Number of nodes.
     */
    count: number
    /**
     * Index of the main node (0-based).
     */
    main?: number
    /**
     * Node ranges with their own container settings; together they cover every node exactly once. Default: one range `0:` with the job's container.
     */
    ranges?: {
      /**
       * Node index range `start:end` (inclusive; either side may be omitted), or a single index.
       */
      targetNodes: string
      container?: ContainerOverrides
    }[]
  }
}
/**
 * Fields of `Schedule` to change in this environment (merged over the base entry).
 *
 * This interface was referenced by `BatchConfig`'s JSON-Schema
 * via the `definition` "PartialSchedule".
 */
export interface PartialSchedule {
  /**
   * EventBridge cron fields: `minutes hours day-of-month month day-of-week year` (one of the day fields must be `?`). `cron(...)` around it is accepted.
   */
  cron?: string
  /**
   * Fixed interval: `<n> minute|minutes|hour|hours|day|days` (singular only for 1). `rate(...)` around it is accepted.
   */
  rate?: string
  /**
   * One-time run at `yyyy-mm-ddThh:mm:ss` in `timezone` (scheduler mode only).
   */
  at?: string
  /**
   * IANA time zone the expression is evaluated in (scheduler mode; default `defaults.timezone`, then UTC).
   */
  timezone?: string
  /**
   * `scheduler` (EventBridge Scheduler: time zones, one-time, flexible windows, fair-share queues) or `rule` (classic EventBridge rule: UTC only, and no fair-share queues, since a rule cannot pass a share identifier to Batch).
   */
  mode?: 'scheduler' | 'rule'
  /**
   * Whether the schedule runs.
   */
  enabled?: boolean
  /**
   * Shown in the AWS console.
   */
  description?: string
  /**
   * Minutes within which the run may start (scheduler mode; default: exact time).
   */
  flexibleWindow?: number
  /**
   * Retries of failed deliveries to the target.
   */
  retryPolicy?: {
    /**
     * Give up on an event older than this.
     */
    maximumEventAgeSeconds?: number
    /**
     * Retries before giving up.
     */
    maximumRetryAttempts?: number
  }
  /**
   * SQS queue ARN receiving events that could not be delivered.
   */
  deadLetterQueue?: string
  /**
   * Role the scheduler assumes (default: `defaults.scheduleRole`). An IAM role ARN.
   */
  role?: string
  submit?: SubmitTarget
  start?: StartTarget
}
/**
 * Fields of `Trigger` to change in this environment (merged over the base entry).
 *
 * This interface was referenced by `BatchConfig`'s JSON-Schema
 * via the `definition` "PartialTrigger".
 */
export interface PartialTrigger {
  /**
   * EventBridge event pattern matched against events on `bus`.
   */
  event?: {}
  /**
   * Event bus name or ARN.
   */
  bus?: string
  /**
   * Whether the rule is enabled.
   */
  enabled?: boolean
  /**
   * Shown in the AWS console.
   */
  description?: string
  /**
   * Retries of failed deliveries to the target.
   */
  retryPolicy?: {
    /**
     * Give up on an event older than this.
     */
    maximumEventAgeSeconds?: number
    /**
     * Retries before giving up.
     */
    maximumRetryAttempts?: number
  }
  /**
   * SQS queue ARN receiving events that could not be delivered.
   */
  deadLetterQueue?: string
  /**
   * Role EventBridge assumes (default: `defaults.triggerRole`). An IAM role ARN.
   */
  role?: string
  submit?: SubmitTarget
  start?: StartTarget
}
/**
 * Fields of `Workflow` to change in this environment (merged over the base entry).
 *
 * This interface was referenced by `BatchConfig`'s JSON-Schema
 * via the `definition` "PartialWorkflow".
 */
export interface PartialWorkflow {
  /**
   * Steps; order does not matter, `after` defines it.
   *
   * @minItems 1
   */
  steps?: WorkflowStep[]
  /**
   * Amazon States Language JSON file, relative to batch.yaml.
   */
  definitionFile?: string
  /**
   * Role Step Functions assumes (default: `defaults.workflowRole`). An IAM role ARN.
   */
  role?: string
  /**
   * State machine type; batch jobs take long, so STANDARD. EXPRESS is not offered: steps wait for their jobs with `batch:submitJob.sync`, which EXPRESS state machines refuse.
   */
  type?: 'STANDARD'
  tags?: Tags
}
