import type { CfnResource } from 'aws-cdk-lib';
import { isObject, literalNumber, templateOf } from './resolve';
import type { CodingRule } from './rule';

/** Fifteen idle minutes, the logoff our risk analysis accepts. */
export const MAX_IDLE_SECONDS = 900;

/**
 * Passes when a streaming session ends after at most 15 idle minutes: AppStream fleets
 * (`IdleDisconnectTimeoutInSeconds`), WorkSpaces pools (`TimeoutSettings.IdleDisconnectTimeoutInSeconds`)
 * and WorkSpaces in AUTO_STOP mode stopping within 15 minutes.
 */
export const AutomaticLogoff: CodingRule = {
  id: 'AutomaticLogoff',
  info: 'A workstation session is not ended after 15 idle minutes (idle disconnect unset, zero or above 900 seconds).',
  explanation:
    'An unattended session must not keep charts on screen. Set IdleDisconnectTimeoutInSeconds between 60 and 900 on AppStream fleets and ' +
    'WorkSpaces pools. A WorkSpace cannot auto-stop in under 60 minutes: it needs an acknowledgement naming the screen-lock policy that logs it off.',
  resourceTypes: ['AWS::AppStream::Fleet', 'AWS::WorkSpaces::WorkspacesPool', 'AWS::WorkSpaces::Workspace'],
  evaluate(node: CfnResource) {
    const { properties } = templateOf(node);
    switch (node.cfnResourceType) {
      case 'AWS::AppStream::Fleet':
        return idleProblems('IdleDisconnectTimeoutInSeconds', properties.IdleDisconnectTimeoutInSeconds);
      case 'AWS::WorkSpaces::WorkspacesPool': {
        const timeouts = isObject(properties.TimeoutSettings) ? properties.TimeoutSettings : {};
        return idleProblems('TimeoutSettings.IdleDisconnectTimeoutInSeconds', timeouts.IdleDisconnectTimeoutInSeconds);
      }
      case 'AWS::WorkSpaces::Workspace': {
        const settings = isObject(properties.WorkspaceProperties) ? properties.WorkspaceProperties : {};
        const minutes = literalNumber(settings.RunningModeAutoStopTimeoutInMinutes);
        if (settings.RunningMode !== 'AUTO_STOP') return [`RunningMode is ${JSON.stringify(settings.RunningMode ?? 'unset')}, the WorkSpace never stops when idle`];
        // Unset never stops within 15 minutes.
        return (minutes ?? Infinity) * 60 <= MAX_IDLE_SECONDS ? [] : [`RunningModeAutoStopTimeoutInMinutes is ${minutes ?? 'unset'}, above 15`];
      }
    }
    return undefined;
  },
};

function idleProblems(name: string, value: unknown): string[] {
  const seconds = literalNumber(value);
  if (seconds === undefined) return [`${name} is ${value === undefined ? 'unset' : `not a literal number (${JSON.stringify(value)})`}`];
  // Zero turns idle disconnect off.
  if (seconds <= 0 || seconds > MAX_IDLE_SECONDS) return [`${name} is ${seconds}, must be 1-${MAX_IDLE_SECONDS}`];
  return [];
}
