// Mini-app pages a card opens. The renderer prefixes the deployment's base URL.
const page = (route: string, id: string) => `/pages/${route}?id=${encodeURIComponent(id)}`;

export const paths = {
  lead: (id: string) => page('leads/detail', id),
  approval: (id: string) => page('approvals/detail', id),
  quote: (id: string) => page('quotes/detail', id),
  customerQuotes: (customerId: string) => `/pages/quotes/index?customerId=${encodeURIComponent(customerId)}`,
  approvals: () => '/pages/approvals/index',
  ticket: (id: string) => page('tickets/detail', id),
  customer: (id: string) => page('customers/detail', id),
  purchaseRequest: (id: string) => page('procurement/request', id),
  purchaseOrder: (id: string) => page('procurement/order', id),
  order: (id: string) => page('orders/detail', id),
  opportunity: (id: string) => page('opportunities/detail', id),
  tasks: () => '/pages/tasks/index',
  dashboard: () => '/pages/dashboard/index',
} as const;
