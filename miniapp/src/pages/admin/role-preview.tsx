import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { Problem, Waiting } from '../../components/states';
import { type Person, type Preview, previewRole, type Vocabulary } from '../../services/admin';
import { messageOf } from '../../services/api';
import { Chips } from './chips';
import { fieldOf, isHidden, shownValue } from './preview-values';
import { type Draft, inputOf } from './role-draft';

// 某人看到的: the customer list and one record as the server would answer the chosen person under
// the editor's unsaved rules (POST /api/roles/preview runs the same policy and presenter). It
// follows the draft as it is edited, after a short pause so typing does not send a request a key.

const PAUSE_MS = 400;

interface Props {
  roleId: number | undefined;
  draft: Draft;
  people: Person[];
  vocabulary: Vocabulary;
}

export function RolePreview({ roleId, draft, people, vocabulary }: Props) {
  // Those who hold the role first: theirs is the view the administrator is changing.
  const holdersFirst = [...people].sort((a, b) => Number(holds(b, roleId)) - Number(holds(a, roleId)));
  const [userId, setUserId] = useState<number | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (userId === null) return;
    let current = true;
    const timer = setTimeout(() => {
      const { name: _, ...rules } = inputOf(draft);
      previewRole({ userId, ...(roleId ? { roleId } : {}), ...rules })
        .then((answer) => {
          if (!current) return;
          setPreview(answer);
          setError(null);
        })
        .catch((e: unknown) => current && setError(messageOf(e)));
    }, PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [userId, roleId, draft]);

  const customerFields = vocabulary.fields.find((o) => o.object === 'customer')?.fields ?? [];
  const contactFields = vocabulary.fields.find((o) => o.object === 'contact')?.fields ?? [];

  return (
    <View className="k-card admin-preview">
      <Text className="admin-card__title">预览：某人看到的</Text>
      <Text className="admin-card__hint">
        按当前未保存的设置，此人打开客户列表和客户详情时看到的内容（其担任的其他角色照常生效）。
      </Text>
      <Chips
        choices={holdersFirst.slice(0, 12).map((p) => ({ value: p.id, label: p.name }))}
        isOn={(v) => v === userId}
        onChoose={setUserId}
      />
      {userId === null ? null : error ? (
        <Problem title="预览失败" detail={error} />
      ) : !preview ? (
        <Waiting title="正在生成预览…" />
      ) : (
        <>
          <Text className="admin-preview__head">
            {preview.user.name} 的客户列表（最近更新的 {preview.customers.length} 位）
          </Text>
          {preview.customers.length === 0 ? (
            <Text className="admin-muted">在这些规则下看不到任何客户</Text>
          ) : (
            <View className="admin-preview__list">
              <View className="admin-preview__row admin-preview__row--head">
                <Text className="admin-preview__name">客户</Text>
                <Text className="admin-preview__owner">负责人</Text>
                <Text className="admin-preview__phone">电话</Text>
              </View>
              {preview.customers.map((c) => (
                <View key={c.id} className="admin-preview__row">
                  <Text className="admin-preview__name">{shownValue(c.name)}</Text>
                  <Text className="admin-preview__cell admin-preview__owner">
                    {c.owner ? c.owner.name : '公海'}
                  </Text>
                  <Text className={`${cellClass(c.phone)} admin-preview__phone`}>{shownValue(c.phone)}</Text>
                </View>
              ))}
            </View>
          )}
          {preview.customer ? (
            <>
              <Text className="admin-preview__head">客户详情：{shownValue(preview.customer.name)}</Text>
              <View className="admin-preview__record">
                {customerFields.map((f) => (
                  <Line key={f.field} label={f.label} value={fieldOf(preview.customer!, f.field)} />
                ))}
                {preview.customer.contacts
                  .slice(0, 2)
                  .map((contact) =>
                    contactFields.map((f) => (
                      <Line
                        key={`${contact.id}-${f.field}`}
                        label={`联系人${f.label}`}
                        value={fieldOf(contact, f.field)}
                      />
                    )),
                  )}
              </View>
            </>
          ) : null}
        </>
      )}
    </View>
  );
}

const holds = (person: Person, roleId: number | undefined) => person.roles.some((r) => r.role.id === roleId);

const cellClass = (value: unknown) =>
  `admin-preview__cell${isHidden(value) ? ' admin-preview__cell--hidden' : ''}`;

function Line({ label, value }: { label: string; value: unknown }) {
  return (
    <View className="admin-preview__line">
      <Text className="admin-preview__label">{label}</Text>
      <Text className={cellClass(value)}>{shownValue(value)}</Text>
    </View>
  );
}
