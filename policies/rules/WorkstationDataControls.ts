import type { CfnResource } from 'aws-cdk-lib';
import { asList, isObject, isTrue, templateOf } from './resolve';
import type { CodingRule } from './rule';

/** AppStream user actions that move data between the session and the remote device. */
export const DATA_MOVING_ACTIONS = [
  'CLIPBOARD_COPY_FROM_LOCAL_DEVICE',
  'CLIPBOARD_COPY_TO_LOCAL_DEVICE',
  'FILE_UPLOAD',
  'FILE_DOWNLOAD',
  'PRINTING_TO_LOCAL_DEVICE',
] as const;

/**
 * Passes when an AppStream stack disables every data-moving user action (absent means enabled)
 * and an AppStream fleet has no default internet access.
 */
export const WorkstationDataControls: CodingRule = {
  id: 'WorkstationDataControls',
  info: 'Charts can leave the workstation: clipboard, file transfer or local printing is enabled on the AppStream stack, or the fleet has default internet access.',
  explanation:
    'PHI must stay in the environment, not on a home laptop. Set UserSettings to DISABLED for ' +
    `${DATA_MOVING_ACTIONS.join(', ')} (AppStream enables any action left out), and keep EnableDefaultInternetAccess false on fleets.`,
  resourceTypes: ['AWS::AppStream::Stack', 'AWS::AppStream::Fleet'],
  evaluate(node: CfnResource) {
    const { properties } = templateOf(node);
    if (node.cfnResourceType === 'AWS::AppStream::Fleet') {
      return isTrue(properties.EnableDefaultInternetAccess) ? ['EnableDefaultInternetAccess is true'] : [];
    }
    if (node.cfnResourceType !== 'AWS::AppStream::Stack') return undefined;
    const settings = asList(properties.UserSettings).filter(isObject);
    return DATA_MOVING_ACTIONS.filter((action) => !settings.some((s) => s.Action === action && s.Permission === 'DISABLED')).map(
      (action) => `${action} is not DISABLED`,
    );
  },
};
