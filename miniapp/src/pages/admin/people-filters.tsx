import { SearchBar } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import type { Department, PeopleQuery, Role } from '../../services/admin';
import { Chips } from './chips';
import '@nutui/nutui-react-taro/dist/es/packages/searchbar/style/css';

// 成员's search and filters: status, department (with the departments under it), role (or none).
// Each change is a new search.

const statuses = [
  { value: 'true', label: '在职' },
  { value: 'false', label: '已离职' },
  { value: 'all', label: '全部' },
] as const;

/** The role filter: a role's id, 无角色, or any. */
const ANY = 0;
const NONE = -1;

interface Props {
  query: PeopleQuery;
  departments: Department[];
  roles: Role[];
  onChange(query: PeopleQuery): void;
}

export function PeopleFilters({ query, departments, roles, onChange }: Props) {
  const set = (patch: Partial<PeopleQuery>) => onChange({ ...query, ...patch });
  const status = query.active === undefined ? 'all' : String(query.active);
  const role = query.withoutRole === 'true' ? NONE : Number(query.roleId ?? ANY);
  return (
    <View className="admin-filters">
      <SearchBar
        className="admin-filters__search"
        placeholder="姓名、手机号、企业微信或钉钉账号"
        value={query.q ?? ''}
        onChange={(q) => set({ q: q.trim() || undefined })}
        onClear={() => set({ q: undefined })}
      />
      <Row label="状态">
        <Chips
          choices={statuses}
          isOn={(v) => v === status}
          onChoose={(v) => set({ active: v === 'all' ? undefined : v })}
        />
      </Row>
      <Row label="部门">
        <Chips
          choices={[
            { value: ANY, label: '全部' },
            ...departments.map((d) => ({ value: d.id, label: d.name })),
          ]}
          isOn={(v) => v === Number(query.departmentId ?? ANY)}
          onChoose={(v) => set({ departmentId: v === ANY ? undefined : v })}
        />
      </Row>
      <Row label="角色">
        <Chips
          choices={[
            { value: ANY, label: '全部' },
            ...roles.map((r) => ({ value: r.id, label: r.name })),
            { value: NONE, label: '无角色' },
          ]}
          isOn={(v) => v === role}
          onChoose={(v) =>
            set({
              roleId: v > 0 ? v : undefined,
              withoutRole: v === NONE ? 'true' : undefined,
            })
          }
        />
      </Row>
    </View>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <View className="admin-filters__row">
      <Text className="admin-filters__label">{label}</Text>
      {children}
    </View>
  );
}
