import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { ContactsAndFields, CustomerHeader } from '../../components/customer-profile';
import { FollowUpForm } from '../../components/follow-up-form';
import { Section } from '../../components/section';
import { Problem, Waiting } from '../../components/states';
import { ApiError, loginPageFor, messageOf, SIDEBAR_PAGE } from '../../services/api';
import { when } from '../../services/customer-format';
import {
  type CustomerView,
  customerByExternalContact,
  customerFromExternalContact,
  DETAIL_PAGE,
} from '../../services/customers';
import { NotInClientError } from '../../services/mini';
import { currentExternalContact } from '../../services/sdk';
import { loadSession } from '../../services/session';
import { TimeoutError } from '../../services/timeout';
import '../../components/customer-bits.css';
import '../../components/customer-profile.css';
import './index.css';

// The WeCom chat sidebar (聊天工具栏): opened beside a chat with a customer's WeChat, it asks the
// client who that is (getCurExternalContact) and shows the customer Kelian links to them, or offers
// to create one from the WeCom contact.

type State =
  | { kind: 'asking' }
  | { kind: 'outside'; message: string }
  | { kind: 'failed'; title: string; detail?: string }
  | { kind: 'unknown'; externalUserId: string; creating: boolean; problem?: string }
  | { kind: 'found'; customer: CustomerView };

export default function SidebarPage() {
  const [state, setState] = useState<State>({ kind: 'asking' });
  const [writing, setWriting] = useState(false);

  const start = useCallback(async () => {
    // Signing in may leave the page (WeCom's OAuth): the login page brings the person back here.
    if (!loadSession()) return void Taro.reLaunch({ url: loginPageFor(SIDEBAR_PAGE) });
    setState({ kind: 'asking' });
    let externalUserId: string;
    try {
      externalUserId = await currentExternalContact();
    } catch (error) {
      if (error instanceof NotInClientError) return setState({ kind: 'outside', message: error.message });
      return setState({
        kind: 'failed',
        title: messageOf(error),
        detail:
          error instanceof TimeoutError
            ? '企业微信没有及时回应。请重试；仍不行请关闭侧边栏后重新打开。'
            : undefined,
      });
    }
    try {
      setState({ kind: 'found', customer: await customerByExternalContact(externalUserId) });
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        return setState({ kind: 'unknown', externalUserId, creating: false });
      }
      setState({ kind: 'failed', title: messageOf(error) });
    }
  }, []);

  useEffect(() => {
    void start();
  }, [start]);

  const create = async (externalUserId: string) => {
    setState({ kind: 'unknown', externalUserId, creating: true });
    try {
      setState({ kind: 'found', customer: await customerFromExternalContact(externalUserId) });
      void Taro.showToast({ title: '客户已建档', icon: 'success' });
    } catch (error) {
      setState({ kind: 'unknown', externalUserId, creating: false, problem: messageOf(error) });
    }
  };

  return <View className="k-page sidebar">{content()}</View>;

  function content() {
    switch (state.kind) {
      case 'asking':
        return <Waiting title="正在识别当前客户…" />;
      case 'outside':
        return <Problem tone="notice" title="在与客户的聊天中使用" detail={state.message} />;
      case 'failed':
        return <Problem title={state.title} detail={state.detail} onAction={() => void start()} />;
      case 'unknown':
        return (
          <View className="k-card">
            <Problem
              tone="notice"
              title="这位微信客户还没有建档"
              detail="建档后，客联会记下他的资料，负责人是你；之后在这里就能看到他的跟进记录。"
            />
            {state.problem ? <Text className="k-field-error sidebar__problem">{state.problem}</Text> : null}
            <Button
              type="primary"
              block
              loading={state.creating}
              onClick={() => void create(state.externalUserId)}
            >
              为他建立客户档案
            </Button>
          </View>
        );
      case 'found':
        return found(state.customer);
    }
  }

  function found(customer: CustomerView) {
    const latest = customer.timeline[0];
    return (
      <>
        <CustomerHeader customer={customer}>
          <View className="profile__actions">
            <View className="profile__action profile__action--primary" onClick={() => setWriting(!writing)}>
              <Text>{writing ? '收起' : '写跟进'}</Text>
            </View>
            <View
              className="profile__action"
              onClick={() => void Taro.navigateTo({ url: `${DETAIL_PAGE}?id=${customer.id}` })}
            >
              <Text>完整资料</Text>
            </View>
          </View>
        </CustomerHeader>
        {writing ? (
          <View className="k-card">
            <FollowUpForm
              customerId={customer.id}
              onSaved={() => {
                setWriting(false);
                void Taro.showToast({ title: '跟进已保存', icon: 'success' });
                void start();
              }}
            />
          </View>
        ) : null}
        <Section title="最近跟进">
          {latest ? (
            <View className="sidebar__latest">
              <Text className="timeline__title">{latest.occurredAt ? when(latest.occurredAt) : '跟进'}</Text>
              <Text className="timeline__text">{latest.content}</Text>
              {latest.nextStep ? <Text className="timeline__by">下一步：{latest.nextStep}</Text> : null}
            </View>
          ) : (
            <Text className="profile__empty">还没有跟进记录</Text>
          )}
        </Section>
        <ContactsAndFields customer={customer} />
      </>
    );
  }
}
