import { Input, Picker, Text, Textarea, View } from '@tarojs/components';
import type { TypeField } from '../../services/application-types';
import { type Picked, RecordPicker } from './record-picker';

// One field of an application as the applicant fills it: text, a number, an amount in yuan, a day,
// one of the choices, or a person, customer or deal picked by name. The form keeps what was typed;
// turning it into the server's values (cents, ids) is the page's, and the server checks again.

export type Draft = string | Picked | null;

export function FieldInput(props: { field: TypeField; value: Draft; onChange(v: Draft): void }) {
  const { field, value, onChange } = props;
  const text = typeof value === 'string' ? value : '';
  switch (field.kind) {
    case 'text':
      return (
        <Textarea
          className="k-input applications__textarea"
          value={text}
          maxlength={500}
          autoHeight
          onInput={(e) => onChange(e.detail.value)}
        />
      );
    case 'number':
    case 'amount':
      return (
        <Input
          className="k-input"
          type="digit"
          value={text}
          placeholder={field.kind === 'amount' ? '金额（元），例如 200000' : ''}
          onInput={(e) => onChange(e.detail.value)}
        />
      );
    case 'date':
      return (
        <Picker mode="date" value={text} onChange={(e) => onChange(e.detail.value)}>
          <View className="k-input">{text || '选择日期'}</View>
        </Picker>
      );
    case 'choice':
      return (
        <View className="k-chips">
          {(field.options ?? []).map((o) => (
            <Text key={o} className={`k-chip${text === o ? ' k-chip--on' : ''}`} onClick={() => onChange(o)}>
              {o}
            </Text>
          ))}
        </View>
      );
    default:
      return (
        <RecordPicker
          kind={field.kind}
          picked={typeof value === 'object' ? value : null}
          onPick={(p) => onChange(p)}
        />
      );
  }
}
