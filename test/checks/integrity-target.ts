import type { IntegrityTarget } from '../../checks/model/integrity';

/** The example stack's trail, archive and PHI bucket, as the integrity probe and its rule are given them. */
export const INTEGRITY_TARGET: IntegrityTarget = {
  trailArn: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/CodingEnv-AuditTrail',
  archiveBucket: 'codingenv-auditarchive-bucket',
  phiBucket: 'examplecoding-phi-records',
  stackName: 'CodingEnv',
  retentionDays: 2192,
};
