/** sfn.stateMachine (Step Functions). */
export interface StateMachineSpec {
  /** The Amazon States Language definition as a parsed object (AWS returns a JSON text). */
  definition: unknown
  roleArn: string
  type?: 'STANDARD' | 'EXPRESS'
  loggingConfiguration?: {
    level?: 'ALL' | 'ERROR' | 'FATAL' | 'OFF'
    includeExecutionData?: boolean
    destinations?: Array<{cloudWatchLogsLogGroup?: {logGroupArn?: string}}>
  }
  tracingConfiguration?: {enabled?: boolean}
}

/** ecr.repository (where job images are pushed). */
export interface RepositorySpec {
  imageTagMutability?: 'MUTABLE' | 'IMMUTABLE'
  imageScanningConfiguration?: {scanOnPush?: boolean}
  /** Fixed at creation by ECR. */
  encryptionConfiguration?: {encryptionType: 'AES256' | 'KMS'; kmsKey?: string}
  /** The lifecycle policy as a parsed object. */
  lifecyclePolicy?: unknown
}
