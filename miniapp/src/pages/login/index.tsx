import { ArrowRight } from '@nutui/icons-react-taro';
import { Cell, CellGroup } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro, { useLoad, useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { NameAvatar } from '../../components/name-avatar';
import { Problem, Waiting } from '../../components/states';
import { HOME_PAGE, returnRoute } from '../../services/api';
import { clientNames, detectClient } from '../../services/client';
import { type LoginStep, loginAsDemoUser, startLogin } from '../../services/login';
import { loadSession, type SessionUser } from '../../services/session';
import './index.css';

type Step = LoginStep | { kind: 'starting' } | { kind: 'signed-out' };

export default function LoginPage() {
  const client = detectClient();
  const { params } = useRouter();
  const [step, setStep] = useState<Step>({ kind: 'starting' });
  const [picking, setPicking] = useState<number | null>(null);
  // The page that sent the person here (the chat sidebar), else 首页.
  const back = returnRoute(params.back);
  const goOn = useCallback((to?: string) => void Taro.reLaunch({ url: to ?? back ?? HOME_PAGE }), [back]);

  const login = useCallback(async () => {
    setStep({ kind: 'starting' });
    const next = await startLogin(client, back);
    if (next.kind === 'signed-in') goOn(next.back);
    else setStep(next);
  }, [client, back, goOn]);

  useLoad(() => {
    if (loadSession()) return goOn();
    // After 退出登录 inside a chat client, signing straight back in would undo it: wait for a tap.
    if (params.from === 'logout' && client !== 'browser') return setStep({ kind: 'signed-out' });
    void login();
  });

  const pick = async (user: SessionUser) => {
    if (picking !== null) return;
    setPicking(user.id);
    const next = await loginAsDemoUser(user.id);
    setPicking(null);
    if (next.kind === 'signed-in') goOn();
    else if (next.kind === 'failed') void Taro.showToast({ title: next.title, icon: 'none', duration: 3000 });
  };

  return (
    <View className="login">
      <View className="login__hero">
        <View className="login__logo">
          <Text>客联</Text>
        </View>
        <Text className="login__name">客联 CRM</Text>
        <Text className="login__slogan">在企业微信和钉钉里管好每一位客户</Text>
      </View>
      <View className="login__panel">{content()}</View>
      <Text className="login__footer">客联 · 开源的企业微信 / 钉钉 CRM</Text>
    </View>
  );

  function content() {
    switch (step.kind) {
      case 'starting':
      case 'signed-in':
        return client === 'browser' ? (
          <Waiting title="正在加载…" />
        ) : (
          <Waiting title={`正在通过${clientNames[client]}登录…`} detail="首次进入可能需要几秒钟" />
        );
      case 'redirecting':
        return <Waiting title="正在前往企业微信授权…" />;
      case 'signed-out':
        return (
          <Problem
            tone="notice"
            title="你已退出登录"
            detail={`点击下方按钮，用${clientNames[client]}身份重新登录。`}
            actionText="重新登录"
            onAction={() => void login()}
          />
        );
      case 'unsupported':
        return <Problem tone="notice" title={step.title} detail={step.detail} />;
      case 'failed':
        return <Problem title={step.title} detail={step.detail} onAction={() => void login()} />;
      case 'pick':
        return <DemoUserPicker users={step.users} picking={picking} onPick={pick} />;
    }
  }
}

function DemoUserPicker({
  users,
  picking,
  onPick,
}: {
  users: SessionUser[];
  picking: number | null;
  onPick: (user: SessionUser) => void;
}) {
  const groups = new Map<string, SessionUser[]>();
  for (const user of users) {
    const name = user.department?.name ?? '其他';
    groups.set(name, [...(groups.get(name) ?? []), user]);
  }
  return (
    <View className="picker">
      <View className="picker__head">
        <Text className="picker__title">选择演示身份</Text>
        <Text className="k-pill">演示环境</Text>
      </View>
      <Text className="picker__hint">
        这是客联的沙箱演示环境，没有连接真实的企业微信或钉钉。选择一位同事，以他的身份体验客联。
      </Text>
      {[...groups].map(([department, members]) => (
        <CellGroup
          key={department}
          title={
            <Text className="picker__group">
              {department} · {members.length} 人
            </Text>
          }
        >
          {members.map((user) => (
            <Cell
              key={user.id}
              className="picker__user"
              align="center"
              clickable
              onClick={() => onPick(user)}
              title={
                <View className="picker__who">
                  <NameAvatar name={user.name} />
                  <View className="picker__names">
                    <Text className="picker__name">{user.name}</Text>
                    <Text className="picker__job">{user.title ?? '成员'}</Text>
                  </View>
                </View>
              }
              extra={
                picking === user.id ? (
                  <Text className="picker__busy">登录中…</Text>
                ) : (
                  <ArrowRight size={14} color="#c9cdd4" />
                )
              }
            />
          ))}
        </CellGroup>
      ))}
    </View>
  );
}
