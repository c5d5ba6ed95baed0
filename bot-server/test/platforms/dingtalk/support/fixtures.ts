// Payloads from the DingTalk reference (§9). Where a published sample is itself broken, the fix
// is noted next to it.

/**
 * The robot CALLBACK frame of developerpedia docs/learn/stream/protocol.md. Its published `data`
 * is not valid JSON (`"createA\": 1690…` and `"isInAtList\":trnWebhook\"` lost characters in the
 * doc); restored here as `createAt`, `isInAtList: true, sessionWebhook`.
 */
export const robotGroupFrame = {
  specVersion: '1.0',
  type: 'CALLBACK',
  headers: {
    appId: '1305d5f5-**-484f-***-97d9****ef67',
    contentType: 'application/json',
    messageId: '212ca9d7_974_1898c159aa6_1783b',
    time: '1690362102194',
    topic: '/v1.0/im/bot/messages/get',
  },
  data: JSON.stringify({
    conversationId: 'cidAsXSBLnA==',
    atUsers: [{ dingtalkId: '$:LWCP_v1:$4*****TgHFUDZ8Qi8qr3' }],
    chatbotCorpId: 'ding9f*****cd16741',
    chatbotUserId: '$:LWCP_v1:$*****x3vTgHFUDZ8Qi8qr3',
    msgId: 'msgLICYe****HgY4JtMQw==',
    senderNick: '用户',
    isAdmin: true,
    senderStaffId: '16650***698',
    sessionWebhookExpiredTime: 1690367502152,
    createAt: 1690362101894,
    senderCorpId: 'ding9*****d16741',
    conversationType: '2',
    senderId: '$:LWCP_v1:***jqTgIfhRX9Q==',
    conversationTitle: '测试群',
    isInAtList: true,
    sessionWebhook: 'https://oapi.dingtalk.com/robot/sendBySession?session=76da36b4**********8f59e8',
    text: { content: ' 测试数据' },
    robotCode: 'ding*****r3xc0b',
    msgtype: 'text',
  }),
};

/** The captured single-chat text message of crate dingtalk-stream-sdk 0.2.5 (cb_msg_text.json), fields per the reference. */
export const robotDirectMessage = {
  conversationId: 'cidPUDpp4Ew6XIDL9fFQk8Hsg==',
  chatbotCorpId: 'dingb3c7f0b3f4a1e1d3',
  chatbotUserId: '$:LWCP_v1:$fYkIfQ6dVp2gDa1GD1d8yA==',
  openThreadId: 'cidPUDpp4Ew6XIDL9fFQk8Hsg==',
  msgId: 'msgVXB5Rx0hG8f1fS8bbQ7dgA==',
  senderNick: '张三',
  isAdmin: false,
  senderStaffId: '032615015535634423',
  sessionWebhookExpiredTime: 1774086394522,
  createAt: 1774080994334,
  senderCorpId: 'dingb3c7f0b3f4a1e1d3',
  conversationType: '1',
  senderId: '$:LWCP_v1:$3gQ2bdZ8m2C1rHnq3i1yVw==',
  sessionWebhook: 'https://oapi.dingtalk.com/robot/sendBySession?session=4c2d0f8bd2f3e6a5a0c3',
  text: { content: '帮助' },
  robotCode: 'dingf0apw4ibx5u5ktba',
  senderPlatform: 'Mac',
  msgtype: 'text',
};

/** The card callback frame of the dingtalk-card-examples README (thumbs-up button). */
export const cardFrame = {
  specVersion: '1.0',
  type: 'CALLBACK',
  headers: {
    appId: 'xxxx',
    connectionId: 'xxxx',
    contentType: 'application/json',
    messageId: 'xxxx',
    time: '1713253544951',
    topic: '/v1.0/card/instances/callback',
  },
  data: '{"extension":"{}","corpId":"dingxxxx","spaceType":"im","userIdType":1,"type":"actionCallback","userId":"xxxx","content":"{\\"cardPrivateData\\":{\\"actionIds\\":[\\"single_button_node_ocltl6e6foq\\"],\\"params\\":{\\"action\\":\\"like\\"}}}","spaceId":"cidxxxx","outTrackId":"xxxx","value":"{\\"cardPrivateData\\":{\\"actionIds\\":[\\"single_button_node_ocltl6e6foq\\"],\\"params\\":{\\"action\\":\\"like\\"}}}"}',
};

/** §5.3 callback payload (Stream data or HTTP body). */
export const cardCallbackBody = {
  type: 'actionCallback',
  outTrackId: 'lead-123-v1',
  corpId: 'dingcorp',
  userId: 'user456',
  userIdType: 1,
  spaceType: 'im',
  spaceId: 'cid123',
  extension: '{}',
  content: '{"cardPrivateData":{"actionIds":["accept"],"params":{"action":"accept","leadId":"123"}}}',
  value: '{"cardPrivateData":{"actionIds":["accept"],"params":{"action":"accept","leadId":"123"}}}',
};

/** The EVENT frame of protocol.md (`user_add_org`). */
export const userAddFrame = {
  specVersion: '1.0',
  type: 'EVENT',
  headers: {
    topic: '*',
    messageId: '213d841d_972_1898bb26334_70a7',
    contentType: 'application/json',
    time: '1683533823336',
    eventType: 'user_add_org',
    eventId: 'c7c7120f2c07419***ebdba0318c8',
    eventCorpId: 'ding9f50b15b***16741',
    eventBornTime: '1683533823336',
    eventUnifiedAppId: 'bbb381b6-f01xxxxx58daac',
  },
  data: '{"timestamp" : "1685501863357", "userId" : ["015xxxx227"]}',
};

export const pingFrame = {
  type: 'SYSTEM',
  headers: { topic: 'ping', messageId: '213d841d_972_1898bb26334_70a7', contentType: 'application/json' },
  data: '{"opaque" : "123-dsfs"}',
};

export const disconnectFrame = {
  type: 'SYSTEM',
  headers: { topic: 'disconnect', contentType: 'application/json' },
  data: '{"reason" : "connection is expired"}',
};

/** bpms_task_change as a Stream body (event-bpms-task-change doc fields). */
export const taskChangeBody = {
  processInstanceId: 'ad253df6-e175caf-68085c60ba8a',
  taskId: 82735612345,
  createTime: 1683533800000,
  finishTime: 1683533823000,
  processCode: 'PROC-FF6Y4BE1N2-7KZ4J7WBR1V0LSNSEGD0-2Y9KE1RJ-1',
  bizCategoryId: '',
  businessId: '202305081630000123456',
  remark: '同意',
  title: '张三提交的报价审批',
  type: 'finish',
  result: 'agree',
  staffId: 'manager01',
};

/** The same event over HTTP: flat, with EventType, EventTime, CorpId, BizId and eventId. */
export const taskChangeHttp = {
  EventType: 'bpms_task_change',
  EventTime: '1683533823336',
  CorpId: 'ding9f50b15b***16741',
  BizId: 'ad253df6-e175caf-68085c60ba8a',
  eventId: 'b1d6a2f0d1c54f0c9d3a4c8e8a1f2b3c',
  ...taskChangeBody,
};

/** bpms_instance_change, finished and refused. */
export const instanceRefusedHttp = {
  EventType: 'bpms_instance_change',
  EventTime: '1683533900000',
  CorpId: 'ding9f50b15b***16741',
  eventId: 'e5b0c2b6f7c84c0e8c9b0a1d2e3f4a5b',
  processInstanceId: 'ad253df6-e175caf-68085c60ba8a',
  corpId: 'ding9f50b15b***16741',
  createTime: 1683533800000,
  finishTime: 1683533900000,
  title: '张三提交的报价审批',
  type: 'finish',
  result: 'refuse',
  staffId: 'sales01',
  url: 'https://aflow.dingtalk.com/dingtalk/mobile/homepage.htm',
  processCode: 'PROC-FF6Y4BE1N2-7KZ4J7WBR1V0LSNSEGD0-2Y9KE1RJ-1',
  bizCategoryId: '',
  businessId: '202305081630000123456',
};
