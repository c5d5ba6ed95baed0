// Each icon from its own module: through the package's index, shared with the pages' chunks, these
// would land in the first page's chunk (see types/nutui-icons.d.ts).
import Clock from '@nutui/icons-react-taro/dist/es/icons/Clock.js';
import Home from '@nutui/icons-react-taro/dist/es/icons/Home.js';
import Order from '@nutui/icons-react-taro/dist/es/icons/Order.js';
import Setting from '@nutui/icons-react-taro/dist/es/icons/Setting.js';
import Store from '@nutui/icons-react-taro/dist/es/icons/Store.js';
import User from '@nutui/icons-react-taro/dist/es/icons/User.js';
import UserAdd from '@nutui/icons-react-taro/dist/es/icons/UserAdd.js';
import { colourOf, shortName } from '../name-colour';
import { type Destination, destinationOf, destinationsFor } from './destinations';

// The side navigation of the desktop layout (h5 from 1024 px, see mount.tsx): the brand, the
// places of the app with the current one lit, and who is signed in. Plain buttons, so that Tab
// and Enter reach every place.

// The phone tab bar's pictures (scripts/tab-icons.mjs draws assets/tab-*.png from the same icons), and two more.
const icons: Record<Destination['key'], typeof Home> = {
  home: Home,
  customers: Store,
  deals: Order,
  leads: UserAdd,
  tasks: Clock,
  me: User,
  admin: Setting,
};

export interface Person {
  name: string;
  department?: { name: string } | null;
  title?: string | null;
}

interface Props {
  route: string;
  person: Person | null;
  administers: boolean;
  onGo(destination: Destination): void;
}

export function SideNav({ route, person, administers, onGo }: Props) {
  const current = destinationOf(route);
  return (
    <nav className="k-nav" aria-label="主导航">
      <div className="k-nav__brand">
        <span className="k-nav__logo">客</span>
        <span className="k-nav__name">客联</span>
      </div>
      <ul className="k-nav__list">
        {destinationsFor(administers).map((destination) => {
          const on = destination.key === current?.key;
          const Icon = icons[destination.key];
          return (
            <li key={destination.key}>
              <button
                type="button"
                className={`k-nav__item${on ? ' k-nav__item--on' : ''}`}
                aria-current={on ? 'page' : undefined}
                onClick={() => onGo(destination)}
              >
                <Icon size={18} color={on ? '#2f6bff' : '#4e5969'} />
                <span>{destination.label}</span>
              </button>
            </li>
          );
        })}
      </ul>
      {person ? (
        <div className="k-nav__me">
          <span className="k-avatar k-avatar--small" style={{ background: colourOf(person.name) }}>
            {shortName(person.name)}
          </span>
          <div className="k-nav__who">
            <span className="k-nav__person">{person.name}</span>
            <span className="k-nav__org">
              {[person.department?.name, person.title].filter(Boolean).join(' · ') || '未分配部门'}
            </span>
          </div>
        </div>
      ) : null}
    </nav>
  );
}
