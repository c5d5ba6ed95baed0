export default definePageConfig({ navigationBarTitleText: '标签组与标签' });
