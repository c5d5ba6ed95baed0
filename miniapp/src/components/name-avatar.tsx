import { Text, View } from '@tarojs/components';
import { colourOf, shortName } from './name-colour';

// The chat clients' avatar for a person without a photo (see name-colour.ts).

export function NameAvatar({ name, size = 'small' }: { name: string; size?: 'small' | 'large' }) {
  return (
    <View className={`k-avatar k-avatar--${size}`} style={{ background: colourOf(name) }}>
      <Text>{shortName(name)}</Text>
    </View>
  );
}
