import type { AuditEvent } from '../model/events';
import type { Finding } from '../report-model';
import { groupBy } from './group-by';
import { sample } from './context';

/**
 * A workstation URL made for someone else: AppStream `CreateStreamingURL` by an IAM user whose
 * requested `userId` is not their own user name. The session (its home folder, its settings, what
 * AppStream attributes to it) then belongs to another person: a shared login by another door.
 * IAM cannot prevent it (AWS defines `appstream:userId` for `Stream`, not for
 * `CreateStreamingURL`; see lib/streaming-access.ts), so the audit reads it from the trail.
 */
export function streamingForAnother(e: AuditEvent): boolean {
  return (
    e.eventSource === 'appstream.amazonaws.com' &&
    e.eventName === 'CreateStreamingURL' &&
    e.identityType === 'IAMUser' &&
    e.userName !== undefined &&
    e.streamingUserId !== undefined &&
    e.streamingUserId !== e.userName
  );
}

/** One finding per caller and user id asked for; attempts that failed or were denied are medium. */
export function streamingAsAnotherUser(events: readonly AuditEvent[]): Finding[] {
  const byPair = groupBy(events.filter(streamingForAnother), (e) => `${e.userName}\u0000${e.streamingUserId}`);
  return [...byPair.values()].map((urls) => {
    const { userName, streamingUserId } = urls[0];
    const made = urls.filter((e) => e.success);
    return {
      check: 'shared-credentials',
      rule: 'streaming-as-another-user',
      principal: userName as string,
      severity: made.length > 0 ? 'high' : 'medium',
      summary:
        made.length > 0
          ? `${userName} created ${made.length} AppStream streaming URL(s) for user id ${streamingUserId} (from ${made[0].time}): a workstation session under another name; ask why, and end the sessions.`
          : `${userName} tried to create an AppStream streaming URL for user id ${streamingUserId} (${urls[0].time}) and was refused: ask why.`,
      evidence: { userId: streamingUserId, eventIds: sample(urls.map((e) => e.id)), succeeded: made.length, attempts: urls.length, from: urls[0].time, to: urls[urls.length - 1].time },
    } satisfies Finding;
  });
}
