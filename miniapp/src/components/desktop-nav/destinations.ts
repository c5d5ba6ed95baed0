import { ADMIN_PAGE, HOME_PAGE } from '../../services/api';
import { GRID_DEALS_PAGE } from '../../services/deal-grid';
import { GRID_CUSTOMERS_PAGE, GRID_LEADS_PAGE } from '../../services/grid';
import { TASKS_PAGE } from '../../services/sales';

// Where the desktop side navigation goes, in its order. The one list of them: a destination's
// `url` is the page it opens, its `sections` the routes (by prefix) that light it up, so that a
// customer's own page still shows 客户 as the current place.

export interface Destination {
  key: 'home' | 'customers' | 'deals' | 'leads' | 'tasks' | 'me' | 'admin';
  label: string;
  url: string;
  sections: string[];
  /** Shown only to holders of the built-in 管理员 role (`/api/me`'s `administers`). */
  admins?: true;
}

export const destinations: Destination[] = [
  { key: 'home', label: '首页', url: HOME_PAGE, sections: ['/pages/home/'] },
  // At desktop width the customers are a grid (sort, filter, edit in place, batch edit).
  {
    key: 'customers',
    label: '客户',
    url: GRID_CUSTOMERS_PAGE,
    sections: ['/pages/customers/', '/pages/documents/', '/pages/grid/customers'],
  },
  // So are the deals.
  {
    key: 'deals',
    label: '商机',
    url: GRID_DEALS_PAGE,
    sections: ['/pages/opportunities/', '/pages/grid/deals'],
  },
  // So are the leads (hand over, back to the pool, invalid, many at once).
  { key: 'leads', label: '线索', url: GRID_LEADS_PAGE, sections: ['/pages/leads/', '/pages/grid/leads'] },
  { key: 'tasks', label: '待办', url: TASKS_PAGE, sections: ['/pages/tasks/'] },
  { key: 'me', label: '我的', url: '/pages/me/index', sections: ['/pages/me/'] },
  { key: 'admin', label: '管理后台', url: ADMIN_PAGE, sections: ['/pages/admin/'], admins: true },
];

/** The destinations this person sees: 管理后台 only for an administrator. */
export const destinationsFor = (administers: boolean) => destinations.filter((d) => administers || !d.admins);

/** The destination a route belongs to (the current place to highlight), if any. */
export function destinationOf(route: string): Destination | undefined {
  const path = `/${route.replace(/^\/+/, '').split('?')[0]}`;
  return destinations.find((d) => d.url === path || d.sections.some((s) => path.startsWith(s)));
}

/** Routes without the navigation: signing in, and the chat sidebar (a narrow pane of its own). */
export const bare = (route: string) => /^\/?pages\/(login|sidebar)\//.test(route);
