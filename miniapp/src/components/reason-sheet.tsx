import { Button, Popup } from '@nutui/nutui-react-taro';
import { Text, Textarea, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { ApiError, messageOf } from '../services/api';
import { FieldError } from './customer-bits';

// A bottom sheet asking why (输单原因, 无效原因) before a change the server refuses without one.
// An empty reason is caught here; the server's own field error shows at the same place.

interface Props {
  visible: boolean;
  title: string;
  label: string;
  placeholder: string;
  /** Quick picks that fill the reason. */
  suggestions: string[];
  /** The message when the reason is left empty, as the server words it. */
  required: string;
  confirmText: string;
  onClose(): void;
  /** Sends the reason; a thrown ApiError with field errors is shown at the field. */
  onConfirm(reason: string): Promise<void>;
}

export function ReasonSheet({
  visible,
  title,
  label,
  placeholder,
  suggestions,
  required,
  confirmText,
  onClose,
  onConfirm,
}: Props) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!visible) return;
    setReason('');
    setError(null);
  }, [visible]);

  const confirm = async () => {
    if (reason.trim() === '') return setError(required);
    setSaving(true);
    setError(null);
    try {
      await onConfirm(reason.trim());
    } catch (e) {
      setError(
        e instanceof ApiError && e.errors.length > 0 ? (e.errors[0]?.message ?? e.title) : messageOf(e),
      );
    } finally {
      setSaving(false);
    }
  };

  return (
    <Popup visible={visible} position="bottom" round closeable title={title} onClose={onClose}>
      <View className="reason-sheet k-keyform">
        <Text className="k-form-label k-form-label--required">{label}</Text>
        <View className="reason-sheet__picks">
          {suggestions.map((pick) => (
            <Text
              key={pick}
              className={`k-chip${reason === pick ? ' k-chip--on' : ''}`}
              onClick={() => {
                setReason(pick);
                setError(null);
              }}
            >
              {pick}
            </Text>
          ))}
        </View>
        <Textarea
          className={`k-input reason-sheet__text${error ? ' k-input--invalid' : ''}`}
          placeholder={placeholder}
          value={reason}
          maxlength={500}
          onInput={(e) => setReason(e.detail.value)}
        />
        <FieldError message={error ?? undefined} />
        <Button
          type="primary"
          block
          loading={saving}
          className="reason-sheet__confirm k-keyform__submit"
          onClick={() => void confirm()}
        >
          {confirmText}
        </Button>
      </View>
    </Popup>
  );
}
