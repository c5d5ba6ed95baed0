export default definePageConfig({ navigationBarTitleText: '回款', enablePullDownRefresh: true });
