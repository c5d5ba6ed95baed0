import type { User } from '@kelian/orm';
import { RefusedError } from '../../access/errors.js';
import type { PlatformName } from '../platform-name.js';

// Who may be merged into whom: two users that are one person seen by two platforms, each known to a
// platform the other is not. Two WeCom (or two DingTalk) accounts are two people; a user merged
// already is gone into another one. And the identities the kept user takes over.

/** The platforms that know the user (DingTalk by its user id or its union id). */
export const platformsOf = (user: User): Record<PlatformName, boolean> => ({
  wecom: Boolean(user.wecomUserId),
  dingtalk: Boolean(user.dingtalkUserId || user.dingtalkUnionId),
});

/** Refuses a merge of `other` into `kept` that cannot be one person's two accounts. */
export function refuseMerge(kept: User, other: User): void {
  if (kept.id === other.id) throw new RefusedError('merge-self');
  for (const user of [kept, other])
    if (user.mergedIntoId != null) throw new RefusedError('merge-already-merged', { name: user.name });
  const mine = platformsOf(kept);
  const theirs = platformsOf(other);
  for (const platform of ['wecom', 'dingtalk'] as const)
    if (mine[platform] && theirs[platform])
      throw new RefusedError('merge-same-platform', { platform, kept: kept.name, other: other.name });
}

/** The platform ids `other` holds, handed to `kept`; `other` must have let go of them first (unique). */
export const identityFields = ['wecomUserId', 'dingtalkUserId', 'dingtalkUnionId'] as const;

/** What Kelian knows of a person that the kept user lacks and the merged one has: it fills the gaps. */
export const profileFields = ['mobile', 'email', 'title', 'department'] as const;
