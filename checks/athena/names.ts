/** Names the stack creates and the CLI and check functions query (CONTRACT §4 `--athena`). No CDK here: the client imports it. */
export const ATHENA_NAMES = { database: 'coding_env_audit', table: 'cloudtrail', workGroup: 'coding-env-audit' } as const;
