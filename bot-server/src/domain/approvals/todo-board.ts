// A platform's to-do list (DingTalk 待办) as the approval mirror needs it. The platform side
// (platforms/dingtalk/todo-board.ts) implements this; the mirror knows no DingTalk API.

/** What a person's to-do says and where it leads. */
export interface TodoContent {
  subject: string;
  description: string;
  /** The mini-app page it opens (`/pages/approvals/detail?id=12`). */
  path: string;
}

export interface TodoBoard {
  /** The owner id to-dos are filed under for this platform user id (DingTalk: userid → unionId). */
  ownerOf(platformUserId: string): Promise<string | undefined>;
  /**
   * Files a to-do under `sourceId`, once: a sourceId the platform has already (an earlier attempt
   * that got through unanswered) gives back the to-do made then.
   */
  create(owner: string, sourceId: string, content: TodoContent): Promise<{ id: string; existed: boolean }>;
  /** The to-do filed under `sourceId`, if the platform has one. */
  find(owner: string, sourceId: string): Promise<string | undefined>;
  /** Marks it done; a to-do the platform no longer has (its owner deleted it) is done already. */
  markDone(owner: string, id: string): Promise<void>;
  /**
   * Why the platform refused the request itself (an oversize subject, an unknown user): trying
   * again cannot help. Undefined for failures worth another try later (an outage, flow control).
   */
  refusal(error: unknown): string | undefined;
}
