import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { ApiError, messageOf } from '../../services/api';
import { type CustomerView, createCustomer, DETAIL_PAGE, updateCustomer } from '../../services/customers';
import { changesOf, type Draft, type DraftScope, newCustomerOf } from './edit-draft';

/**
 * Saving the form. The server validates: each of its field errors is kept under the field it names
 * (`errors`), and a suspected duplicate (409) sets `duplicate`, so `save(true)` can create anyway.
 */
export function useSaveCustomer(existing: CustomerView | null, draft: Draft, scope: DraftScope) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [duplicate, setDuplicate] = useState(false);
  const [saving, setSaving] = useState(false);

  // The first field the server refused may be far above the 保存 button: bring it into view.
  useEffect(() => {
    if (Object.keys(errors).length === 0) return;
    void Taro.pageScrollTo({ selector: '.k-field-error', offsetTop: -120, duration: 200 }).catch(() => {});
  }, [errors]);

  const save = async (force = false) => {
    setSaving(true);
    setErrors({});
    setProblem(null);
    setDuplicate(false);
    try {
      const saved = existing
        ? await updateCustomer(existing.id, changesOf(draft, scope))
        : await createCustomer(newCustomerOf(draft, scope, force));
      void Taro.showToast({ title: '已保存', icon: 'success' });
      if (existing) void Taro.navigateBack();
      else void Taro.redirectTo({ url: `${DETAIL_PAGE}?id=${saved.id}` });
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        setDuplicate(true);
        setProblem(e.title);
      } else if (e instanceof ApiError && e.errors.length > 0) {
        setErrors(Object.fromEntries(e.errors.map((f) => [f.field, f.message])));
        setProblem('请按提示修改标红的内容');
      } else setProblem(messageOf(e));
    } finally {
      setSaving(false);
    }
  };

  return { save, saving, errors, problem, duplicate };
}
