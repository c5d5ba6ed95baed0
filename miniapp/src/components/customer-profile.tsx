import { Phone } from '@nutui/icons-react-taro';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { messageOf } from '../services/api';
import {
  type Contact,
  type CustomerView,
  type CustomFieldDefinition,
  customFieldDefinitions,
  revealField,
} from '../services/customers';
import { CustomerAvatar, LevelBadge, TagList } from './customer-bits';
import { Section } from './section';

// The customer as the detail page and the chat sidebar show it: who they are, who looks after
// them, how to reach them, and what the company records about them (custom fields with labels).

export function CustomerHeader({
  customer,
  children,
}: {
  customer: CustomerView;
  children?: React.ReactNode;
}) {
  const name = customer.name ?? '（名称已隐藏）';
  return (
    <View className="k-card profile__head">
      <View className="profile__who">
        <CustomerAvatar name={name} kind={customer.kind} size="large" />
        <View className="profile__names">
          <View className="profile__title">
            <Text className="profile__name">{name}</Text>
            <LevelBadge level={customer.level} />
          </View>
          <Text className="profile__owner">
            {customer.owner ? `负责人：${customer.owner.name}` : '公海客户，暂无负责人'}
          </Text>
        </View>
      </View>
      <TagList tags={customer.tags} />
      {children}
    </View>
  );
}

/** The 联系人 and 客户资料 cards of the 360° page and the chat sidebar. */
export function ContactsAndFields({ customer }: { customer: CustomerView }) {
  return (
    <>
      <Section title="联系人">
        <ContactList customer={customer} />
      </Section>
      <Section title="客户资料">
        <CustomerFields customer={customer} />
      </Section>
    </>
  );
}

export function ContactList({ customer }: { customer: CustomerView }) {
  if (customer.contacts.length === 0) {
    return <Text className="profile__empty">还没有联系人</Text>;
  }
  return (
    <View>
      {customer.contacts.map((contact) => (
        <ContactRow key={contact.id} customerId={customer.id} contact={contact} />
      ))}
    </View>
  );
}

function ContactRow({ customerId, contact }: { customerId: number; contact: Contact }) {
  const [revealed, setRevealed] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const masked = contact.fieldAccess.revealable.includes('mobile') && revealed === null;
  const mobile = revealed ?? contact.mobile ?? contact.phone ?? null;

  const reveal = async () => {
    setBusy(true);
    try {
      const { value } = await revealField(customerId, 'mobile', contact.id);
      setRevealed(String(value));
    } catch (error) {
      void Taro.showToast({ title: messageOf(error), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="contact">
      <View className="contact__who">
        <Text className="contact__name">{contact.name ?? '联系人'}</Text>
        {contact.title ? <Text className="contact__title">{contact.title}</Text> : null}
        {contact.primary ? <Text className="k-pill contact__primary">主要联系人</Text> : null}
      </View>
      {mobile ? (
        <View className="contact__phone">
          <Text className="contact__number">{mobile}</Text>
          {masked ? (
            <Text className="contact__reveal" onClick={() => !busy && void reveal()}>
              {busy ? '查看中…' : '查看'}
            </Text>
          ) : (
            <View
              className="contact__call"
              aria-label={`拨打 ${mobile}`}
              onClick={() => void Taro.makePhoneCall({ phoneNumber: mobile })}
            >
              <Phone size={16} color="#2f6bff" />
            </View>
          )}
        </View>
      ) : (
        <Text className="contact__none">未留电话</Text>
      )}
    </View>
  );
}

const basics: { key: keyof CustomerView; label: string }[] = [
  { key: 'industry', label: '行业' },
  { key: 'region', label: '地区' },
  { key: 'city', label: '城市' },
  { key: 'address', label: '地址' },
  { key: 'phone', label: '电话' },
  { key: 'source', label: '来源' },
];

/** The customer's fields; custom ones under the labels an admin gave them, in their order. */
export function CustomerFields({ customer }: { customer: CustomerView }) {
  const [definitions, setDefinitions] = useState<CustomFieldDefinition[]>([]);
  useEffect(() => {
    customFieldDefinitions()
      .then(setDefinitions)
      .catch(() => setDefinitions([]));
  }, []);

  const custom = customer.customFields ?? {};
  const labelled = [...definitions]
    .sort((a, b) => a.position - b.position)
    .filter((d) => custom[d.key] !== undefined && custom[d.key] !== null && custom[d.key] !== '')
    .map((d) => ({ label: d.label, value: custom[d.key] }));
  // Values without a definition (set before it was removed) keep their key as the label.
  const unlabelled = Object.entries(custom)
    .filter(([key]) => !definitions.some((d) => d.key === key))
    .map(([label, value]) => ({ label, value }));
  const rows = [
    ...basics.flatMap(({ key, label }) =>
      customer[key] ? [{ label, value: customer[key] as unknown }] : [],
    ),
    ...labelled,
    ...unlabelled,
  ];
  if (rows.length === 0) return <Text className="profile__empty">还没有填写资料</Text>;
  return (
    <View>
      {rows.map(({ label, value }) => (
        <View key={label} className="field-row">
          <Text className="field-row__label">{label}</Text>
          <Text className="field-row__value">{Array.isArray(value) ? value.join('、') : String(value)}</Text>
        </View>
      ))}
    </View>
  );
}
