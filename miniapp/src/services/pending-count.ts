import { get } from './api';

// The number on 首页's 审批 tile: how many approvals wait for me, read from the first page of
// 待我审批 (up to 99; more shows as 99+). Its own small file: 首页 is in the main package.

const SHOWN = 99;

export async function pendingApprovals(): Promise<number> {
  const page = await get<{ items: unknown[]; nextCursor: string | null }>(
    `/api/approvals?box=pending&limit=${SHOWN}`,
  );
  return page.nextCursor ? SHOWN + 1 : page.items.length;
}

/** The badge: none for nothing, 99+ past 99. */
export const badgeText = (count: number): string | null =>
  count <= 0 ? null : count > SHOWN ? `${SHOWN}+` : String(count);
