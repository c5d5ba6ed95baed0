export default definePageConfig({ navigationBarTitleText: '角色与权限' });
