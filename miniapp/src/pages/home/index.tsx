import { Checked, Clock, List, Order, Prices, Service, User, UserAdd } from '@nutui/icons-react-taro';
import { Skeleton } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { NameAvatar } from '../../components/name-avatar';
import { Problem } from '../../components/states';
import { LOGIN_PAGE } from '../../services/api';
import { EDIT_PAGE } from '../../services/customers';
import { type Profile, scopeNames } from '../../services/identity';
import { badgeText, pendingApprovals } from '../../services/pending-count';
import { DEALS_PAGE, LEADS_PAGE, TASKS_PAGE } from '../../services/sales';
import { loadSession } from '../../services/session';
import { useProfile } from '../../services/use-profile';
import { MonthFigures, TodayTasks } from './sales-cards';
import './index.css';

interface Shortcut {
  name: string;
  Icon: typeof User;
  colour: string;
  /** Where it goes; none: still to come. */
  url?: string;
  tab?: boolean;
}

const shortcuts: Shortcut[] = [
  { name: '新建客户', Icon: User, colour: '#2f6bff', url: EDIT_PAGE },
  { name: '线索公海', Icon: UserAdd, colour: '#f7873b', url: LEADS_PAGE },
  { name: '商机', Icon: Prices, colour: '#7a5cf0', url: DEALS_PAGE, tab: true },
  { name: '待办', Icon: Clock, colour: '#14a9a0', url: TASKS_PAGE, tab: true },
  { name: '订单', Icon: Order, colour: '#2d9cdb' },
  { name: '审批', Icon: Checked, colour: '#e8548a', url: '/pages/approvals/index' },
  { name: '工单', Icon: Service, colour: '#4caf6e' },
  { name: '报表', Icon: List, colour: '#5b6b8c' },
];

const chatCommands = [
  { command: '帮助', what: '看看机器人能做什么' },
  { command: '我', what: '查看我的部门和角色' },
  { command: '新线索 公司 联系人 手机号', what: '登记线索，按地区推送给团队认领' },
];

function greeting(hour = new Date().getHours()): string {
  if (hour < 6) return '夜深了';
  if (hour < 11) return '早上好';
  if (hour < 13) return '中午好';
  if (hour < 18) return '下午好';
  return '晚上好';
}

export default function HomePage() {
  const { profile, error, reload } = useProfile();
  const session = loadSession();

  const [pending, setPending] = useState(0);

  useDidShow(() => {
    if (!loadSession()) return void Taro.reLaunch({ url: LOGIN_PAGE });
    // The count is a hint on the tile: without it the tile still opens 审批.
    pendingApprovals().then(setPending, () => setPending(0));
  });

  const who = profile ?? session?.user;
  const go = ({ name, url, tab }: Shortcut) => {
    if (!url) return void Taro.showToast({ title: `「${name}」即将上线`, icon: 'none' });
    void (tab ? Taro.switchTab({ url }) : Taro.navigateTo({ url }));
  };

  return (
    <View className="k-page home">
      <View className="home__hero">
        <View className="home__hello">
          <View className="home__names">
            <Text className="home__greeting">
              {greeting()}，{who?.name ?? ''}
            </Text>
            <Text className="home__org">{who ? orgLine(who) : ''}</Text>
          </View>
          {who ? <NameAvatar name={who.name} size="large" /> : null}
        </View>
        <View className="home__roles">
          {profile ? (
            profile.roles.length > 0 ? (
              profile.roles.map((role) => (
                <Text key={role.code} className="home__role">
                  {role.name} · 数据范围{scopeNames[role.scope]}
                </Text>
              ))
            ) : (
              <Text className="home__role">尚未分配角色</Text>
            )
          ) : error ? null : (
            <Skeleton className="home__roles-loading" rows={1} width="160px" animated />
          )}
        </View>
      </View>

      {error ? (
        <View className="k-card">
          <Problem title="个人信息加载失败" detail={error} onAction={reload} />
        </View>
      ) : null}

      {/* Two columns on a desktop (index.css); one below the other on a phone. */}
      <View className="home__board">
        {/* Shown once /api/me answered: when the server is unreachable, one problem shows, not three. */}
        <View className="home__cell">
          <MonthFigures shown={profile !== null} />
        </View>
        <View className="home__cell">
          <TodayTasks shown={profile !== null} />
        </View>

        <View className="home__cell">
          <View className="k-section-title">
            <Text>常用功能</Text>
          </View>
          <View className="k-card home__grid">
            {shortcuts.map((shortcut) => {
              const { name, Icon, colour } = shortcut;
              const badge = name === '审批' ? badgeText(pending) : null;
              return (
                <View key={name} className="home__shortcut" onClick={() => go(shortcut)}>
                  <View className="home__shortcut-icon" style={{ background: colour }}>
                    <Icon size={22} color="#ffffff" />
                    {badge ? <Text className="home__badge">{badge}</Text> : null}
                  </View>
                  <Text className="home__shortcut-name">{name}</Text>
                </View>
              );
            })}
          </View>
        </View>

        <View className="home__cell">
          <View className="k-section-title">
            <Text>在聊天里使用客联</Text>
          </View>
          <View className="k-card home__chat">
            <Text className="home__chat-intro">在企业微信或钉钉里给「客联」发消息，或在群里 @ 它：</Text>
            {chatCommands.map(({ command, what }) => (
              <View key={command} className="home__command">
                <Text className="home__command-text">{command}</Text>
                <Text className="home__command-what">{what}</Text>
              </View>
            ))}
          </View>
        </View>
      </View>
    </View>
  );
}

function orgLine(user: Pick<Profile, 'department' | 'title'>): string {
  return [user.department?.name, user.title].filter(Boolean).join(' · ') || '未分配部门';
}
