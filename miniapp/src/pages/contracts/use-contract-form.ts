import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { messageOf } from '../../services/api';
import { type ContractForm, centsToYuanText, emptyContractForm } from '../../services/contract-format';
import { type Contract, fetchContract } from '../../services/contracts';
import { fetchCustomer } from '../../services/customers';
import { fetchDeal } from '../../services/sales';

// Where the form starts: a draft being changed (?id=), a won deal's contract (?customerId=&
// opportunityId=: the deal's customer, name and amount filled in), or a blank one for a customer.

export interface FormStart {
  form: ContractForm;
  customer: { id: number; name: string };
  opportunityId: number | null;
  existing: Contract | null;
}

export function useContractForm() {
  const { params } = useRouter();
  const [start, setStart] = useState<FormStart | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    const id = Number(params.id);
    const customerId = Number(params.customerId);
    const opportunityId = Number(params.opportunityId);
    const load = async (): Promise<FormStart> => {
      if (id > 0) {
        const c = await fetchContract(id);
        return {
          form: {
            number: c.number,
            name: c.name,
            amount: centsToYuanText(c.amountCents),
            startDate: c.startDate,
            endDate: c.endDate,
            signedDate: c.signedDate ?? '',
          },
          customer: c.customer,
          opportunityId: c.opportunityId,
          existing: c,
        };
      }
      if (opportunityId > 0) {
        const deal = await fetchDeal(opportunityId);
        return {
          form: {
            ...emptyContractForm,
            name: deal.name ?? '',
            amount: typeof deal.amountCents === 'number' ? centsToYuanText(deal.amountCents) : '',
          },
          customer: deal.customer,
          opportunityId,
          existing: null,
        };
      }
      if (customerId > 0) {
        const customer = await fetchCustomer(customerId);
        return {
          form: emptyContractForm,
          customer: { id: customer.id, name: customer.name ?? '' },
          opportunityId: null,
          existing: null,
        };
      }
      throw new Error('请从客户页新建合同');
    };
    load()
      .then(setStart)
      .catch((e) => setProblem(messageOf(e)));
  }, [params.id, params.customerId, params.opportunityId]);

  useEffect(() => {
    if (start) void Taro.setNavigationBarTitle({ title: start.existing ? '修改合同' : '新建合同' });
  }, [start]);

  return { start, problem };
}
