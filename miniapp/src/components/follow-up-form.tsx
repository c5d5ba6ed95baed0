import { formatDate } from '@kelian/cards/format/date';
import { Button } from '@nutui/nutui-react-taro';
import { Input, Picker, Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { ApiError, messageOf } from '../services/api';
import { morningOf } from '../services/customer-format';
import { addFollowUp, type FollowUp, type FollowUpKind, followUpKinds } from '../services/customers';
import { FieldError } from './customer-bits';

// 写跟进: what happened (kind, content) and what comes next (next step, its date). The server
// validates; its field errors are shown under the fields they name, and nothing is lost.

interface Props {
  customerId: number;
  onSaved(followUp: FollowUp): void;
}

export function FollowUpForm({ customerId, onSaved }: Props) {
  const [kind, setKind] = useState<FollowUpKind>('call');
  const [content, setContent] = useState('');
  const [nextStep, setNextStep] = useState('');
  const [nextDate, setNextDate] = useState('');
  const [saving, setSaving] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const today = formatDate(new Date());
  // The picker opens on tomorrow: a next step is rarely today, and today's 9:00 reminder may be past.
  const tomorrow = formatDate(new Date(Date.now() + 86_400_000));

  const save = async () => {
    setSaving(true);
    setErrors({});
    setProblem(null);
    try {
      const saved = await addFollowUp(customerId, {
        kind,
        content,
        nextStep: nextStep.trim() || null,
        nextAt: nextDate ? morningOf(nextDate) : null,
      });
      setContent('');
      setNextStep('');
      setNextDate('');
      onSaved(saved);
    } catch (error) {
      if (error instanceof ApiError && error.errors.length > 0) {
        setErrors(Object.fromEntries(error.errors.map((e) => [e.field, e.message])));
      } else setProblem(messageOf(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <View className="follow-up-form k-keyform">
      <View className="k-form-row">
        <Text className="k-form-label">跟进方式</Text>
        <View>
          {followUpKinds.map(({ value, label }) => (
            <Text
              key={value}
              className={`k-chip${kind === value ? ' k-chip--on' : ''}`}
              onClick={() => setKind(value)}
            >
              {label}
            </Text>
          ))}
        </View>
        <FieldError message={errors.kind} />
      </View>
      <View className="k-form-row">
        <Text className="k-form-label k-form-label--required">跟进内容</Text>
        <Textarea
          className={`k-input follow-up-form__content${errors.content ? ' k-input--invalid' : ''}`}
          placeholder="聊了什么、客户的反馈和顾虑"
          value={content}
          maxlength={2000}
          onInput={(e) => setContent(e.detail.value)}
        />
        <FieldError message={errors.content} />
      </View>
      <View className="k-form-row">
        <Text className="k-form-label">下一步</Text>
        <Input
          className={`k-input${errors.nextStep ? ' k-input--invalid' : ''}`}
          placeholder="例如：发送报价单"
          value={nextStep}
          maxlength={500}
          onInput={(e) => setNextStep(e.detail.value)}
        />
        <FieldError message={errors.nextStep} />
      </View>
      <View className="k-form-row">
        <Text className="k-form-label">下一步日期</Text>
        <Picker
          mode="date"
          value={nextDate || tomorrow}
          start={today}
          onChange={(e) => setNextDate(e.detail.value)}
        >
          <View
            className={`k-input${nextDate ? '' : ' k-input--placeholder'}${errors.nextAt ? ' k-input--invalid' : ''}`}
          >
            {nextDate ? `${nextDate}（到期当天 9:00 提醒）` : '选择日期，到期提醒我'}
          </View>
        </Picker>
        <FieldError message={errors.nextAt} />
      </View>
      {problem ? <FieldError message={problem} /> : null}
      <Button
        type="primary"
        block
        loading={saving}
        className="follow-up-form__save k-keyform__submit"
        onClick={() => void save()}
      >
        保存跟进
      </Button>
    </View>
  );
}
