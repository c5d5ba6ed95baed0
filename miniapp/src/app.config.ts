export default defineAppConfig({
  // 首页 first: a person with a live session lands on it directly; without one it sends them to 登录.
  pages: [
    'pages/home/index',
    'pages/customers/index',
    'pages/opportunities/index',
    'pages/tasks/index',
    'pages/me/index',
    'pages/login/index',
    'pages/customers/detail',
    'pages/customers/edit',
    'pages/opportunities/detail',
  ],
  // 线索's pages, the chat sidebar and the admin console form sub-packages on the mini-programs
  // (downloaded when first opened), keeping the main package under its budget; their routes stay
  // the same, and h5 routes them like any page.
  subPackages: [
    { root: 'pages/leads', pages: ['index', 'detail'] },
    { root: 'pages/sidebar', pages: ['index'] },
    {
      root: 'pages/admin',
      pages: [
        'checklist',
        'users',
        'roles',
        'assignment',
        'followup-rules',
        'stages',
        'targets',
        'fields',
        'tags',
        'audit',
        'approval-flows',
        'application-types',
        'products',
      ],
    },
    { root: 'pages/grid', pages: ['customers', 'leads', 'deals'] },
    { root: 'pages/quotes', pages: ['index', 'detail', 'edit'] },
    { root: 'pages/approvals', pages: ['index', 'detail'] },
    { root: 'pages/contracts', pages: ['detail', 'edit'] },
    { root: 'pages/receivables', pages: ['index', 'contract', 'refund'] },
    { root: 'pages/applications', pages: ['index', 'new'] },
    { root: 'pages/documents', pages: ['index'] },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '客联',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f4f6fa',
  },
  tabBar: {
    color: '#8a8f99',
    selectedColor: '#2f6bff',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      {
        pagePath: 'pages/home/index',
        text: '首页',
        iconPath: 'assets/tab-home.png',
        selectedIconPath: 'assets/tab-home-active.png',
      },
      {
        pagePath: 'pages/customers/index',
        text: '客户',
        iconPath: 'assets/tab-customers.png',
        selectedIconPath: 'assets/tab-customers-active.png',
      },
      {
        pagePath: 'pages/opportunities/index',
        text: '商机',
        iconPath: 'assets/tab-deals.png',
        selectedIconPath: 'assets/tab-deals-active.png',
      },
      {
        pagePath: 'pages/tasks/index',
        text: '待办',
        iconPath: 'assets/tab-tasks.png',
        selectedIconPath: 'assets/tab-tasks-active.png',
      },
      {
        pagePath: 'pages/me/index',
        text: '我的',
        iconPath: 'assets/tab-me.png',
        selectedIconPath: 'assets/tab-me-active.png',
      },
    ],
  },
  // The h5 router's slide-in animation: off, pages switch at once (and screenshots are stable).
  animation: false,
});
