// What the main package needs of 回款 (我的 shows the entry to finance): kept apart from
// ./receivables, whose API calls and types belong to the 回款 sub-package's pages.

export const RECEIVABLES_PAGE = '/pages/receivables/index';

/** Whether the person records receipts (finance, the admin): the roles that hold receivable edit. */
export const recordsReceipts = (roles: { code: string }[] | undefined) =>
  roles?.some((r) => r.code === 'finance' || r.code === 'admin') ?? false;
