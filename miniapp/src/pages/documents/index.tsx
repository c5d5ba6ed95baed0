import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { customerOpportunities, type Opportunity } from '../../services/customers';
import { ContractsSection } from './contracts-section';
import { QuotesSection } from './quotes-section';
import { ReceivablesSection } from './receivables-section';
import '../../components/line.css';
import '../../components/record.css';
import '../../components/sales.css';
import './documents.css';

// 单据: a customer's 报价, 合同 and 回款 on one page, opened from the 360° page's 单据 row. It lives
// in its own sub-package so the three lists and their services stay out of the main package.

export default function CustomerDocumentsPage() {
  const { params } = useRouter();
  const customerId = Number(params.customerId);
  const name = nameOf(params.name);
  // The won deals offer "从赢单新建合同"; without them (none, or no right to see) only a blank one.
  const [deals, setDeals] = useState<Opportunity[] | null>(null);
  useEffect(() => {
    customerOpportunities(customerId)
      .then((page) => setDeals(page.items))
      .catch(() => setDeals([]));
  }, [customerId]);

  return (
    <View className="k-page documents">
      {name ? <Text className="documents__customer">{name}</Text> : null}
      <QuotesSection customerId={customerId} />
      <ContractsSection customerId={customerId} deals={deals} />
      <ReceivablesSection customerId={customerId} />
    </View>
  );
}

/** The customer's name as the 360° page sent it (h5 hands it over encoded, the mini-programs not). */
function nameOf(raw: string | undefined): string {
  if (!raw) return '';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
