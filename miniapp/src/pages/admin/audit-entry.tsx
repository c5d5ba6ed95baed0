import { Text, View } from '@tarojs/components';
import type { AuditEntry } from '../../services/admin-data';
import { actionNames, fieldName, objectTypeName, timeText, valueText } from './audit-words';

// One entry of the audit log: when, who, what was done to which record, and each changed field
// with its value before → after (a reveal or an export names the fields it showed instead).

interface Change {
  before: unknown;
  after: unknown;
}

const isChange = (v: unknown): v is Change =>
  typeof v === 'object' && v !== null && 'before' in v && 'after' in v;

/** The record's name when the entry carries it (made, deleted or renamed): 「在职人数」. */
function recordName(changes: Record<string, unknown>): string {
  const named = [changes.name, changes.label].find(isChange);
  const name = named && (named.after ?? named.before);
  return typeof name === 'string' && name ? `「${name}」` : '';
}

export function AuditEntryCard({
  entry,
  people,
}: {
  entry: AuditEntry;
  people: ReadonlyMap<number, string>;
}) {
  const value = (field: string, v: unknown) => valueText(entry.objectType, field, v, people);
  const changes = Object.entries(entry.changes).filter(([, c]) => isChange(c)) as [string, Change][];
  const shown = Array.isArray(entry.changes.fields) ? (entry.changes.fields as string[]) : [];
  return (
    <View className="k-card audit-entry">
      <View className="audit-entry__head">
        <Text className={`admin-badge audit-action audit-action--${entry.action}`}>
          {actionNames[entry.action]}
        </Text>
        <Text className="audit-entry__object">
          {objectTypeName(entry.objectType)}
          {recordName(entry.changes)} #{entry.objectId}
        </Text>
        <Text className="audit-entry__who">{entry.actor?.name ?? '系统'}</Text>
        <Text className="audit-entry__at">{timeText(entry.at)}</Text>
      </View>
      {changes.map(([field, c]) => (
        <View key={field} className="audit-change">
          <Text className="audit-change__field">{fieldName(field)}</Text>
          <View className="audit-change__values">
            {entry.action === 'create' ? null : (
              <Text className="audit-change__before">{value(field, c.before)}</Text>
            )}
            {entry.action === 'create' || entry.action === 'delete' ? null : (
              <Text className="audit-change__arrow">→</Text>
            )}
            {entry.action === 'delete' ? null : (
              <Text className="audit-change__after">{value(field, c.after)}</Text>
            )}
          </View>
        </View>
      ))}
      {shown.length > 0 ? (
        <Text className="audit-entry__fields">
          {actionNames[entry.action]}的字段：{shown.map(fieldName).join('、')}
        </Text>
      ) : null}
    </View>
  );
}
