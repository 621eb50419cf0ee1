import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * Synthetic evidence in AWS's formats for the benchmark: N people, M CloudTrail events spread
 * over 30 days in gzipped S3 log files of 1,000 records, plus the credential report,
 * authorization details and a config. Deterministic (a seeded generator).
 */

const ACCOUNT = '111122223333';
const BUCKET = 'bench-phi-records';
const SPECIALTIES = ['cardiology', 'behavioral-health', 'orthopedics', 'oncology', 'radiology'];
const AGENTS = ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36', 'aws-cli/2.18.0 Python/3.12.6 Linux/6.1.112', 'Boto3/1.35.40 md/Botocore#1.35.40'];

export interface SyntheticOptions {
  readonly people: number;
  readonly events: number;
  readonly asOf: Date;
}

/** Mostly weekday working hours in New York (UTC-5 in November), a few percent outside. */
function eventTime(dayStart: number, rand: () => number): number {
  const day = new Date(dayStart);
  day.setUTCHours(0, 0, 0, 0);
  const weekday = day.getUTCDay();
  const onShift = rand() >= 0.03;
  if (onShift && (weekday === 0 || weekday === 6)) day.setUTCDate(day.getUTCDate() + (weekday === 6 ? 2 : 1));
  const hour = onShift ? 12 + rand() * 11.9 : rand() * 24;
  return day.getTime() + hour * 3_600_000;
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function writeSynthetic(dir: string, o: SyntheticOptions): { configFile: string } {
  const rand = rng(42);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const ids = Array.from({ length: o.people }, (_, i) => `coder${String(i).padStart(5, '0')}`);
  const people = ids.map((id, i) => ({
    id, name: `Coder ${i}`, email: `${id}@example.org`, role: i % 50 === 0 ? 'lead' : 'coder', specialties: [SPECIALTIES[i % SPECIALTIES.length]],
    status: i % 97 === 0 ? 'departed' : 'active', startDate: '2023-01-02', ...(i % 97 === 0 ? { endDate: '2026-06-30' } : {}),
  }));
  const config = {
    organization: { name: 'Bench Coding', states: ['FL'], timezone: 'America/New_York', businessHours: { start: '07:00', end: '19:00', days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'] } },
    network: { vpcCidr: '10.20.0.0/16', vpnClientCidr: '10.100.0.0/22', allowedSourceCidrs: ['198.51.100.0/28'], vpn: { serverCertificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/a', clientRootCertificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/b' } },
    storage: { phiBucketName: BUCKET },
    specialties: SPECIALTIES,
    people,
    serviceAccounts: [{ name: 'ci-deployer', owner: ids[0], purpose: 'CI' }],
  };
  mkdirSync(dir, { recursive: true });
  const configFile = join(dir, 'config.json');
  writeFileSync(configFile, JSON.stringify(config));

  const header = 'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';
  const rows = ids.map((id, i) => `${id},arn:aws:iam::${ACCOUNT}:user/${id},2023-01-02T13:00:00+00:00,true,2026-11-${String(1 + (i % 19)).padStart(2, '0')}T14:00:00+00:00,2026-01-02T13:00:00+00:00,N/A,true,${i % 3 === 0},2026-09-01T12:00:00+00:00,2026-11-10T10:00:00+00:00,us-east-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`);
  writeFileSync(join(dir, 'credential-report.csv'), [header, `<root_account>,arn:aws:iam::${ACCOUNT}:root,2019-01-01T00:00:00+00:00,not_supported,no_information,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`, ...rows].join('\n'));

  const groupPolicy = (s: string) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: `arn:aws:s3:::${BUCKET}/${s}/*` }] });
  writeFileSync(join(dir, 'account-authorization-details.json'), JSON.stringify({
    UserDetailList: ids.map((id, i) => ({ UserName: id, Arn: `arn:aws:iam::${ACCOUNT}:user/${id}`, CreateDate: '2023-01-02T13:00:00+00:00', GroupList: [`coders-${SPECIALTIES[i % SPECIALTIES.length]}`, ...(i % 50 === 0 ? ['coding-leads'] : []), ...(i % 211 === 0 ? ['coders-oncology'] : [])], AttachedManagedPolicies: [], UserPolicyList: [] })),
    GroupDetailList: [...SPECIALTIES.map((s) => ({ GroupName: `coders-${s}`, AttachedManagedPolicies: [], GroupPolicyList: [{ PolicyName: `phi-${s}`, PolicyDocument: encodeURIComponent(JSON.stringify(groupPolicy(s))) }] })), { GroupName: 'coding-leads', AttachedManagedPolicies: [], GroupPolicyList: [] }],
    RoleDetailList: [],
    Policies: [],
  }));

  const from = o.asOf.getTime() - 30 * 86_400_000;
  const perFile = 1000;
  for (let f = 0; f * perFile < o.events; f += 1) {
    const records = [];
    const fileStart = from + (f * perFile * (30 * 86_400_000)) / o.events;
    for (let j = 0; j < perFile && f * perFile + j < o.events; j += 1) {
      const n = f * perFile + j;
      const i = Math.floor(rand() * o.people);
      const id = ids[i];
      const time = new Date(eventTime(fileStart, rand)).toISOString().replace(/\.\d{3}Z$/, 'Z');
      const ip = rand() < 0.002 ? `203.0.113.${Math.floor(rand() * 250)}` : `198.51.100.${Math.floor(rand() * 14)}`;
      const kind = rand();
      const s3 = kind < 0.5;
      const specialty = rand() < 0.01 ? pick(SPECIALTIES) : SPECIALTIES[i % SPECIALTIES.length];
      const key = `${specialty}/P${100000 + Math.floor(rand() * 90000)}/note-${n}.pdf`;
      records.push({
        eventVersion: '1.09',
        userIdentity: { type: 'IAMUser', principalId: `AIDA${i}EXAMPLE`, arn: `arn:aws:iam::${ACCOUNT}:user/${id}`, accountId: ACCOUNT, accessKeyId: kind > 0.9 ? `AKIA${String(i).padStart(12, '0')}EX` : `ASIA${String(n).padStart(12, '0')}`, userName: id },
        eventTime: time,
        eventSource: s3 ? 's3.amazonaws.com' : kind < 0.55 ? 'signin.amazonaws.com' : 'sts.amazonaws.com',
        eventName: s3 ? 'GetObject' : kind < 0.55 ? 'ConsoleLogin' : 'GetCallerIdentity',
        awsRegion: 'us-east-1',
        sourceIPAddress: ip,
        userAgent: pick(AGENTS),
        requestParameters: s3 ? { bucketName: BUCKET, Host: `${BUCKET}.s3.us-east-1.amazonaws.com`, key } : null,
        responseElements: kind >= 0.5 && kind < 0.55 ? { ConsoleLogin: 'Success' } : null,
        additionalEventData: s3 ? { SignatureVersion: 'SigV4', CipherSuite: 'TLS_AES_128_GCM_SHA256', bytesTransferredIn: 0, AuthenticationMethod: 'AuthHeader', bytesTransferredOut: 48213 } : { MFAUsed: 'Yes' },
        requestID: `REQ${n}`,
        eventID: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
        readOnly: true,
        resources: s3 ? [{ type: 'AWS::S3::Object', ARN: `arn:aws:s3:::${BUCKET}/${key}` }, { accountId: ACCOUNT, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${BUCKET}` }] : undefined,
        eventType: 'AwsApiCall',
        managementEvent: !s3,
        recipientAccountId: ACCOUNT,
        eventCategory: s3 ? 'Data' : 'Management',
      });
    }
    const day = new Date(fileStart).toISOString().slice(0, 10).replace(/-/g, '/');
    const folder = join(dir, `cloudtrail/AWSLogs/${ACCOUNT}/CloudTrail/us-east-1/${day}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `${ACCOUNT}_CloudTrail_us-east-1_${String(f).padStart(5, '0')}.json.gz`), gzipSync(JSON.stringify({ Records: records })));
  }
  return { configFile };
}
