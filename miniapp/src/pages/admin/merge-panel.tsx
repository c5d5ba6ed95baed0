import { Button, SearchBar } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { NameAvatar } from '../../components/name-avatar';
import { listPeople, type Person } from '../../services/admin';
import { type MergePlan, mergeSuggestions, mergeUsers, previewMerge } from '../../services/admin-merge';
import { messageOf } from '../../services/api';
import { useChange } from './use-change';
import './merge.css';

// 合并账号 in a person's panel: one person's WeCom and DingTalk accounts that the org sync could not
// match (a WeCom app created since 2022 reads no mobiles) show as two members. The administrator
// picks the other account (suggested: same name, only on the other platform; or searched), sees
// what will come over, and confirms. The person whose panel this is keeps their account.

/** 企业微信 SongJia · 钉钉 0100603: the accounts a member is known by. */
export function accountsText(person: Person): string {
  const { wecom, dingtalk } = person.identities;
  const parts = [wecom && `企业微信 ${wecom}`, dingtalk && `钉钉 ${dingtalk}`].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : '未绑定平台账号';
}

interface Props {
  person: Person;
  onMerged(kept: Person, other: Person): void;
}

export function MergeCard({ person, onMerged }: Props) {
  const [open, setOpen] = useState(false);
  if (person.mergedIntoId !== null) {
    return (
      <View className="k-card">
        <Text className="admin-card__title">合并账号</Text>
        <Text className="admin-muted">此账号已合并到另一个账号，其平台身份和名下数据都已转到那里。</Text>
      </View>
    );
  }
  return (
    <View className="k-card merge">
      <Text className="admin-card__title">合并账号</Text>
      <Text className="admin-card__hint merge__intro">
        同一个人的企业微信和钉钉账号没能按手机号对应上时，会显示为两位成员。把另一个账号合并到{person.name}
        后，它的平台身份和名下的客户、线索、商机、待办、角色等都转到这里。
      </Text>
      {open ? (
        <MergeChooser
          person={person}
          onMerged={(kept, other) => {
            setOpen(false);
            onMerged(kept, other);
          }}
          onCancel={() => setOpen(false)}
        />
      ) : (
        <View className="admin-actions">
          <Button fill="outline" onClick={() => setOpen(true)}>
            合并另一个账号
          </Button>
        </View>
      )}
    </View>
  );
}

function MergeChooser({ person, onMerged, onCancel }: Props & { onCancel(): void }) {
  const [suggested, setSuggested] = useState<Person[] | null>(null);
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Person[] | null>(null);
  const [other, setOther] = useState<Person | null>(null);
  const [error, setError] = useState<string | null>(null);
  // An older search's answer must not overwrite a newer one's.
  const searches = useRef(0);

  useEffect(() => {
    mergeSuggestions()
      .then((pairs) =>
        setSuggested(
          pairs.flatMap(({ wecom, dingtalk }) =>
            wecom.id === person.id ? [dingtalk] : dingtalk.id === person.id ? [wecom] : [],
          ),
        ),
      )
      .catch((e) => setError(messageOf(e)));
  }, [person.id]);

  const search = async (text: string) => {
    setQ(text);
    const mine = ++searches.current;
    if (!text.trim()) return setFound(null);
    try {
      const page = await listPeople({ q: text.trim() });
      if (mine === searches.current)
        setFound(page.items.filter((p) => p.id !== person.id && p.mergedIntoId === null));
    } catch (e) {
      if (mine === searches.current) setError(messageOf(e));
    }
  };

  if (other)
    return <MergeConfirm person={person} other={other} onMerged={onMerged} onBack={() => setOther(null)} />;
  return (
    <View className="merge__chooser">
      {error ? <Text className="merge__refused">{error}</Text> : null}
      <Text className="merge__head">建议合并</Text>
      {suggested === null ? (
        <Text className="admin-muted">正在查找同名账号…</Text>
      ) : suggested.length === 0 ? (
        <Text className="admin-muted">没有同名、只在另一个平台上的账号。可以在下面搜索。</Text>
      ) : (
        suggested.map((p) => <Candidate key={p.id} person={p} onPick={() => setOther(p)} />)
      )}
      <Text className="merge__head">搜索其他账号</Text>
      <SearchBar
        className="merge__search"
        placeholder="姓名、手机号、企业微信或钉钉账号"
        value={q}
        onChange={(text) => void search(text)}
        onClear={() => void search('')}
      />
      {found?.length === 0 ? <Text className="admin-muted">没有找到可合并的账号</Text> : null}
      {found?.slice(0, 10).map((p) => (
        <Candidate key={p.id} person={p} onPick={() => setOther(p)} />
      ))}
      <View className="admin-actions">
        <Button fill="outline" onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  );
}

function Candidate({ person, onPick }: { person: Person; onPick(): void }) {
  return (
    <View className="merge__candidate" onClick={onPick}>
      <NameAvatar name={person.name} />
      <View className="merge__who">
        <Text className="merge__name">
          {person.name}
          {person.active ? null : <Text className="admin-badge admin-badge--left merge__badge">已离职</Text>}
        </Text>
        <Text className="admin-row__meta">
          {[person.department?.name ?? '未分配部门', accountsText(person)].join(' · ')}
        </Text>
      </View>
      <Text className="merge__pick">选择</Text>
    </View>
  );
}

/** What the merge would move, as the server counts it; refused merges say why, in its words. */
function MergeConfirm({ person, other, onMerged, onBack }: Props & { other: Person; onBack(): void }) {
  const [plan, setPlan] = useState<MergePlan | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const { busy, run } = useChange();

  useEffect(() => {
    previewMerge(person.id, other.id)
      .then(setPlan)
      .catch((e) => setRefused(messageOf(e)));
  }, [person.id, other.id]);

  const moving = plan?.moves.filter((m) => m.count > 0) ?? [];
  const confirm = async () => {
    const { confirm: yes } = await Taro.showModal({
      title: '确认合并',
      content: `把「${other.name}」（${accountsText(other)}）合并到「${person.name}」？合并后不能撤销。`,
      confirmText: '合并',
    });
    if (!yes) return;
    await run(async () => {
      const merged = await mergeUsers(person.id, other.id);
      onMerged(merged.kept, merged.other);
      void Taro.showToast({ title: '已合并', icon: 'success' });
    });
  };

  return (
    <View className="merge__confirm">
      <View className="merge__pair">
        <Side label="保留" person={person} />
        <Text className="merge__arrow">←</Text>
        <Side label="合并进来" person={other} />
      </View>
      {refused ? (
        <Text className="merge__refused">{refused}</Text>
      ) : !plan ? (
        <Text className="admin-muted">正在统计要转过来的内容…</Text>
      ) : (
        <>
          <Text className="merge__head">将转到「{person.name}」名下</Text>
          {moving.length === 0 ? (
            <Text className="admin-muted">该账号名下没有客户、线索、待办或角色，只转过来平台身份。</Text>
          ) : (
            <View className="merge__moves">
              {moving.map((m) => (
                <View key={m.key} className="merge__move">
                  <Text className="merge__move-label">{m.label}</Text>
                  <Text className="merge__move-count">{m.count}</Text>
                </View>
              ))}
            </View>
          )}
          <Text className="admin-card__hint">
            {other.identities.wecom || other.identities.dingtalk
              ? `「${other.name}」的${accountsText(other)} 也转到这里；`
              : ''}
            原账号将标记为「已合并」并停用（不会删除），此操作记入审计日志。
          </Text>
        </>
      )}
      <View className="admin-actions">
        <Button fill="outline" onClick={onBack}>
          重新选择
        </Button>
        {plan && !refused ? (
          <Button type="primary" loading={busy} onClick={() => void confirm()}>
            确认合并
          </Button>
        ) : null}
      </View>
    </View>
  );
}

function Side({ label, person }: { label: string; person: Person }) {
  return (
    <View className="merge__side">
      <Text className="merge__side-label">{label}</Text>
      <Text className="merge__name">{person.name}</Text>
      <Text className="admin-row__meta">{accountsText(person)}</Text>
    </View>
  );
}
