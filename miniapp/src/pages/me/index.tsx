import { Button, Cell, CellGroup, Skeleton } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { NameAvatar } from '../../components/name-avatar';
import { Problem } from '../../components/states';
import { ADMIN_PAGE, APPLICATIONS_PAGE, LOGIN_PAGE } from '../../services/api';
import { clientNames, detectClient } from '../../services/client';
import { RECEIVABLES_PAGE, recordsReceipts } from '../../services/finance';
import { scopeLine, signOut } from '../../services/identity';
import { clearSession, loadSession } from '../../services/session';
import { useProfile } from '../../services/use-profile';
import './index.css';

const APP_VERSION = '0.1.0';

export default function MePage() {
  const { profile, error, reload } = useProfile();
  const [leaving, setLeaving] = useState(false);
  const session = loadSession();
  const who = profile ?? session?.user;
  const client = detectClient();

  useDidShow(() => {
    if (!loadSession()) void Taro.reLaunch({ url: LOGIN_PAGE });
  });

  const logout = async () => {
    const { confirm } = await Taro.showModal({
      title: '退出登录',
      content: '退出后需要重新登录才能使用客联。',
      confirmText: '退出',
      confirmColor: '#f53f3f',
    });
    if (!confirm) return;
    setLeaving(true);
    try {
      await signOut();
    } catch {
      // The session ends here whatever the server said; it expires there on its own.
    }
    clearSession();
    void Taro.reLaunch({ url: `${LOGIN_PAGE}?from=logout` });
  };

  return (
    <View className="k-page me">
      <View className="k-card me__profile">
        {who ? <NameAvatar name={who.name} size="large" /> : null}
        <View className="me__names">
          <Text className="me__name">{who?.name ?? ''}</Text>
          <Text className="me__org">{who?.department?.name ?? '未分配部门'}</Text>
          {who?.title ? <Text className="me__title">{who.title}</Text> : null}
        </View>
      </View>

      {error ? (
        <View className="k-card">
          <Problem title="个人信息加载失败" detail={error} onAction={reload} />
        </View>
      ) : (
        <CellGroup title="角色与数据范围" className="me__group">
          {profile ? (
            profile.roles.length > 0 ? (
              profile.roles.map((role) => (
                <Cell key={role.code} title={role.name} description={scopeLine(role)} align="center" />
              ))
            ) : (
              <Cell title="尚未分配角色" description="请联系管理员为你分配角色" />
            )
          ) : (
            <Cell title={<Skeleton rows={2} animated />} />
          )}
        </CellGroup>
      )}

      <CellGroup title="申请" className="me__group">
        <Cell
          title="我的申请"
          description="信用额度等申请，新建与进度"
          align="center"
          clickable
          onClick={() => void Taro.navigateTo({ url: APPLICATIONS_PAGE })}
        />
      </CellGroup>

      {recordsReceipts(profile?.roles) ? (
        <CellGroup title="财务" className="me__group">
          <Cell
            title="回款"
            description="即将到期、已逾期，登记回款"
            align="center"
            clickable
            onClick={() => void Taro.navigateTo({ url: RECEIVABLES_PAGE })}
          />
        </CellGroup>
      ) : null}

      {/* The built-in 管理员 role; the console's pages ask the server, which refuses anyone else. */}
      {profile?.administers ? (
        <CellGroup title="管理" className="me__group">
          <Cell
            title="管理后台"
            description="成员、角色与权限"
            align="center"
            clickable
            onClick={() => void Taro.navigateTo({ url: ADMIN_PAGE })}
          />
        </CellGroup>
      ) : null}

      <CellGroup title="关于" className="me__group">
        <Cell title="登录方式" extra={client === 'browser' ? '演示账号' : clientNames[client]} />
        <Cell title="版本" extra={`客联 ${APP_VERSION}`} />
      </CellGroup>

      <View className="me__logout">
        <Button block size="large" loading={leaving} onClick={() => void logout()}>
          退出登录
        </Button>
      </View>
    </View>
  );
}
