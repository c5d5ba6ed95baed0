export default definePageConfig({ navigationBarTitleText: '自定义字段' });
