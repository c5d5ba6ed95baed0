import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { messageOf } from '../../services/api';
import {
  type CustomerView,
  type CustomFieldDefinition,
  customFieldDefinitions,
  fetchCustomer,
} from '../../services/customers';
import { blank, type Draft, draftOf } from './edit-draft';

/**
 * The form's draft: blank for 新建客户, the customer's values for 编辑客户 (`id`), with the
 * organisation's custom field definitions in their order.
 */
export function useCustomerDraft(id: number | undefined) {
  const [draft, setDraft] = useState<Draft>(blank);
  const [existing, setExisting] = useState<CustomerView | null>(null);
  const [definitions, setDefinitions] = useState<CustomFieldDefinition[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: id ? '编辑客户' : '新建客户' });
    customFieldDefinitions()
      .then((d) => setDefinitions([...d].sort((a, b) => a.position - b.position)))
      .catch(() => setDefinitions([]));
    if (!id) return;
    fetchCustomer(id)
      .then((view) => {
        setExisting(view);
        setDraft(draftOf(view));
      })
      .catch((e: unknown) => setLoadError(messageOf(e)));
  }, [id]);

  // Only what this person may change is offered when editing (field rules, read-only records).
  const mayEdit = (field: string) => !existing || existing.fieldAccess.editable.includes(field);
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });

  return { draft, set, existing, definitions, loadError, mayEdit };
}
