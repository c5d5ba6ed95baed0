import { formatDate } from '@kelian/cards/format/date';
import { Text, View } from '@tarojs/components';
import { useCallback, useState } from 'react';
import { Problem, Waiting } from '../../components/states';
import { type TargetTeam, targetSheet } from '../../services/sales-settings';
import { SalesSettings } from './sales-tabs';
import { TargetLine } from './sales-target-line';
import { useAdminLoad } from './use-admin-load';

// 业绩目标: a month's targets, every team with its people under it, each filled in where it stands
// (saved when the box is left); beside each, what was won that month so far.

/** `YYYY-MM` moved by whole months. */
function shifted(month: string, by: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** How many people a team has, its sub-teams' (listed after it, deeper) included. */
function peopleUnder(teams: TargetTeam[], at: number): number {
  const team = teams[at]!;
  const end = teams.findIndex((t, i) => i > at && t.depth <= team.depth);
  return teams.slice(at, end < 0 ? undefined : end).reduce((n, t) => n + t.members.length, 0);
}

const monthLabel = (month: string) => `${month.slice(0, 4)} 年 ${Number(month.slice(5))} 月`;

export default function TargetsPage() {
  const [month, setMonth] = useState(() => formatDate(new Date()).slice(0, 7));
  const page = useAdminLoad(useCallback(() => targetSheet(month), [month]));
  const sheet = page.data?.month === month ? page.data : null;

  return (
    <SalesSettings current="targets" refused={page.refused}>
      <View className="sales-page">
        <View className="sales-month">
          <Text className="sales-month__step" onClick={() => setMonth(shifted(month, -1))}>
            ‹ 上月
          </Text>
          <Text className="sales-month__label">{monthLabel(month)}</Text>
          <Text className="sales-month__step" onClick={() => setMonth(shifted(month, 1))}>
            下月 ›
          </Text>
        </View>
        {page.error ? (
          <Problem title="业绩目标加载失败" detail={page.error} onAction={page.reload} />
        ) : !sheet ? (
          <Waiting title="正在加载业绩目标…" />
        ) : (
          <View className="k-card sales-sheet">
            <View className="sales-target sales-target--head">
              <Text className="sales-target__name">团队 / 成员</Text>
              <Text className="sales-target__amount">月度目标（万元）</Text>
              <Text className="sales-target__won">已赢单 · 完成率</Text>
            </View>
            {sheet.teams.map((team, at) => (
              <View key={`${month}-${team.department?.id ?? 'others'}`} className="sales-team">
                {team.department ? (
                  <TargetLine
                    month={month}
                    of={{ departmentId: team.department.id }}
                    name={team.department.name}
                    detail={`${peopleUnder(sheet.teams, at)} 人`}
                    depth={team.depth}
                    team
                    amountCents={team.amountCents}
                    achievedCents={team.achievedCents}
                    onSaved={page.reload}
                  />
                ) : (
                  <Text className="sales-team__others">其他成员</Text>
                )}
                {team.members.map((m) => (
                  <TargetLine
                    key={`${month}-${m.user.id}`}
                    month={month}
                    of={{ userId: m.user.id }}
                    name={m.user.name}
                    detail={m.user.title ?? ''}
                    depth={team.depth + 1}
                    amountCents={m.amountCents}
                    achievedCents={m.achievedCents}
                    onSaved={page.reload}
                  />
                ))}
              </View>
            ))}
            {sheet.teams.length === 0 ? (
              <Text className="admin-empty-detail">你管理的范围内没有销售人员。</Text>
            ) : null}
            <Text className="admin-card__hint">
              填入金额后离开输入框即保存；已赢单按本月赢单的商机金额实时计算，团队含下级部门。
            </Text>
          </View>
        )}
      </View>
    </SalesSettings>
  );
}
