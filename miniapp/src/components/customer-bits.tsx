import { Text, View } from '@tarojs/components';
import type { CustomerKind, Tag } from '../services/customers';
import { NameAvatar } from './name-avatar';

// Small pieces every customer page draws the same way: the level badge, the tags, a field's
// server-side error under it.

const companySuffix = /(股份有限公司|集团有限公司|有限责任公司|有限公司|集团|公司|工作室|厂)$/;

/**
 * A company's avatar shows its brand (北京蓝海汽车零部件集团 → 蓝海), not the 公司 every name ends
 * with: the suffix goes, and a long name loses its leading place name too.
 */
export function customerBadge(name: string, kind?: CustomerKind): string {
  if (kind === 'person') return name;
  const core = name.replace(companySuffix, '');
  const chars = Array.from(core);
  if (chars.length === 0) return name;
  return (chars.length >= 6 ? chars.slice(2, 4) : chars.slice(0, 2)).join('');
}

export function CustomerAvatar({
  name,
  kind,
  size,
}: {
  name: string;
  kind?: CustomerKind;
  size?: 'small' | 'large';
}) {
  return <NameAvatar name={customerBadge(name, kind)} size={size} />;
}

export function LevelBadge({ level }: { level?: string | null }) {
  if (!level) return null;
  return <Text className="k-level">{level}</Text>;
}

export function TagList({ tags, limit }: { tags?: Tag[]; limit?: number }) {
  if (!tags || tags.length === 0) return null;
  const shown = limit === undefined ? tags : tags.slice(0, limit);
  return (
    <View className="k-tags">
      {shown.map((tag) => (
        <Text
          key={tag.id}
          className="k-tag"
          style={tag.color ? { color: tag.color, borderColor: tag.color } : undefined}
        >
          {tag.name}
        </Text>
      ))}
      {shown.length < tags.length ? (
        <Text className="k-tag k-tag--more">+{tags.length - shown.length}</Text>
      ) : null}
    </View>
  );
}

/** The server's message for a field (problem+json `errors`), shown right under the field. */
export function FieldError({ message }: { message?: string }) {
  if (!message) return null;
  return <Text className="k-field-error">{message}</Text>;
}
