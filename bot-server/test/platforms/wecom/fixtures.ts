// Decrypted callback payloads: the official samples quoted in the reference (§3, §7, §8, §10), and
// payloads of the same documented shape where the reference gives only the fields.

export const TEXT = `<xml><ToUserName><![CDATA[CorpID]]></ToUserName><FromUserName><![CDATA[UserID]]></FromUserName>
<CreateTime>1348831860</CreateTime><MsgType><![CDATA[text]]></MsgType>
<Content><![CDATA[this is a test]]></Content><MsgId>1234567890123456</MsgId><AgentID>1</AgentID></xml>`;

/** 2025 opaque MsgId (WxJava testMsgIdStringAndNumericFormats). */
export const TEXT_STRING_MSGID = `<xml><ToUserName><![CDATA[CorpID]]></ToUserName><FromUserName><![CDATA[lisi]]></FromUserName>
<CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType>
<Content><![CDATA[帮助]]></Content><MsgId><![CDATA[CAIQg/PKxgYY2sC9tpuAgAMg9/zKaw==]]></MsgId><AgentID></AgentID></xml>`;

export const TEXT_IN_GROUP = `<xml><ToUserName><![CDATA[CorpID]]></ToUserName><FromUserName><![CDATA[lisi]]></FromUserName>
<CreateTime>1700000001</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[@客联 今日待办]]></Content>
<MsgId>7000000000000000001</MsgId><ChatId><![CDATA[wrkSFfCgAAxxxx]]></ChatId><ChatType><![CDATA[group]]></ChatType><AgentID>1</AgentID></xml>`;

export const ENTER_AGENT = `<xml><ToUserName><![CDATA[toUser]]></ToUserName><FromUserName><![CDATA[FromUser]]></FromUserName>
<CreateTime>1408091189</CreateTime><MsgType><![CDATA[event]]></MsgType>
<Event><![CDATA[enter_agent]]></Event><EventKey><![CDATA[]]></EventKey><AgentID>1</AgentID></xml>`;

export const MENU_CLICK = `<xml><ToUserName><![CDATA[toUser]]></ToUserName><FromUserName><![CDATA[FromUser]]></FromUserName>
<CreateTime>1408091189</CreateTime><MsgType><![CDATA[event]]></MsgType>
<Event><![CDATA[click]]></Event><EventKey><![CDATA[MENU_MY_LEADS]]></EventKey><AgentID>1</AgentID></xml>`;

export const MENU_VIEW = `<xml><ToUserName><![CDATA[toUser]]></ToUserName><FromUserName><![CDATA[FromUser]]></FromUserName>
<CreateTime>1408091189</CreateTime><MsgType><![CDATA[event]]></MsgType>
<Event><![CDATA[view]]></Event><EventKey><![CDATA[https://crm.example.com]]></EventKey><AgentID>1</AgentID></xml>`;

/** Official doc 90240 sample (WxJava testTemplateCardEvent). */
export const TEMPLATE_CARD_EVENT = `<xml>
<ToUserName><![CDATA[toUser]]></ToUserName><FromUserName><![CDATA[FromUser]]></FromUserName>
<CreateTime>123456789</CreateTime><MsgType><![CDATA[event]]></MsgType>
<Event><![CDATA[template_card_event]]></Event>
<EventKey><![CDATA[key111]]></EventKey>
<TaskId><![CDATA[taskid111]]></TaskId>
<CardType><![CDATA[text_notice]]></CardType>
<ResponseCode><![CDATA[ResponseCode]]></ResponseCode>
<AgentID>1</AgentID>
<SelectedItems>
  <SelectedItem><QuestionKey><![CDATA[QuestionKey1]]></QuestionKey>
    <OptionIds><OptionId><![CDATA[OptionId1]]></OptionId><OptionId><![CDATA[OptionId2]]></OptionId></OptionIds>
  </SelectedItem>
</SelectedItems>
</xml>`;

/** A vote card submitted with two questions, one of them with a single option. */
export const VOTE_EVENT = `<xml><ToUserName><![CDATA[CorpID]]></ToUserName><FromUserName><![CDATA[wangwu]]></FromUserName>
<CreateTime>1700000100</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[template_card_event]]></Event>
<EventKey><![CDATA[survey:9:submit]]></EventKey><TaskId><![CDATA[survey-9-1700000000]]></TaskId>
<CardType><![CDATA[vote_interaction]]></CardType><ResponseCode><![CDATA[rc-vote]]></ResponseCode><AgentID>1000002</AgentID>
<SelectedItems>
<SelectedItem><QuestionKey><![CDATA[channels]]></QuestionKey><OptionIds><OptionId><![CDATA[web]]></OptionId><OptionId><![CDATA[expo]]></OptionId></OptionIds></SelectedItem>
<SelectedItem><QuestionKey><![CDATA[priority]]></QuestionKey><OptionIds><OptionId><![CDATA[p1]]></OptionId></OptionIds></SelectedItem>
</SelectedItems></xml>`;

export const TEMPLATE_CARD_MENU_EVENT = `<xml><ToUserName><![CDATA[CorpID]]></ToUserName><FromUserName><![CDATA[zhangsan]]></FromUserName>
<CreateTime>1700000200</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[template_card_menu_event]]></Event>
<EventKey><![CDATA[mute]]></EventKey><TaskId><![CDATA[lead-123-assign-1700000000]]></TaskId>
<CardType><![CDATA[button_interaction]]></CardType><ResponseCode><![CDATA[rc-menu]]></ResponseCode><AgentID>1000002</AgentID></xml>`;

/** Official doc 92130 sample (reference §7). */
export const ADD_EXTERNAL_CONTACT = `<xml><ToUserName><![CDATA[CorpID]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>
<CreateTime>1403610513</CreateTime><MsgType><![CDATA[event]]></MsgType>
<Event><![CDATA[change_external_contact]]></Event><ChangeType><![CDATA[add_external_contact]]></ChangeType>
<UserID><![CDATA[zhangsan]]></UserID><ExternalUserID><![CDATA[woAJ2GCAAAXtWyujaWJHDDGi0mAAAA]]></ExternalUserID>
<State><![CDATA[teststate]]></State><WelcomeCode><![CDATA[WELCOMECODE]]></WelcomeCode></xml>`;

const externalContact = (changeType: string, extra = '') =>
  `<xml><ToUserName><![CDATA[CorpID]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>
<CreateTime>1403610513</CreateTime><MsgType><![CDATA[event]]></MsgType>
<Event><![CDATA[change_external_contact]]></Event><ChangeType><![CDATA[${changeType}]]></ChangeType>
<UserID><![CDATA[zhangsan]]></UserID><ExternalUserID><![CDATA[woAJ2GCAAAXtWyujaWJHDDGi0mAAAA]]></ExternalUserID>${extra}</xml>`;

export const EDIT_EXTERNAL_CONTACT = externalContact('edit_external_contact');
export const DEL_EXTERNAL_CONTACT = externalContact(
  'del_external_contact',
  '<Source><![CDATA[DELETE_BY_TRANSFER]]></Source>',
);
export const DEL_FOLLOW_USER = externalContact('del_follow_user');
export const ADD_HALF_EXTERNAL_CONTACT = externalContact(
  'add_half_external_contact',
  '<State><![CDATA[s1]]></State>',
);

/** change_external_tag with its string Id (WxJava#2095). */
export const CHANGE_EXTERNAL_TAG = `<xml><ToUserName><![CDATA[CorpID]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>
<CreateTime>1403610513</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_tag]]></Event>
<Id><![CDATA[etXXXXXXXXXX]]></Id><TagType><![CDATA[tag]]></TagType><ChangeType><![CDATA[create]]></ChangeType></xml>`;

const contact = (changeType: string, fields: string) =>
  `<xml><ToUserName><![CDATA[CorpID]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>
<CreateTime>1403610513</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_contact]]></Event>
<ChangeType>${changeType}</ChangeType>${fields}</xml>`;

export const CONTACT_CHANGES = {
  create_user: contact(
    'create_user',
    '<UserID><![CDATA[zhangsan]]></UserID><Name><![CDATA[张三]]></Name><Department><![CDATA[1,2]]></Department><Mobile><![CDATA[13800000000]]></Mobile>',
  ),
  update_user: contact(
    'update_user',
    '<UserID><![CDATA[zhangsan]]></UserID><NewUserID><![CDATA[zhangsan2]]></NewUserID><Position><![CDATA[销售经理]]></Position>',
  ),
  delete_user: contact('delete_user', '<UserID><![CDATA[zhangsan]]></UserID>'),
  create_party: contact(
    'create_party',
    '<Id>2</Id><Name><![CDATA[华东销售部]]></Name><ParentId><![CDATA[1]]></ParentId><Order>1</Order>',
  ),
  update_party: contact('update_party', '<Id>2</Id><Name><![CDATA[华东大区]]></Name>'),
  delete_party: contact('delete_party', '<Id>2</Id>'),
  update_tag: contact('update_tag', '<TagId>1</TagId><AddUserItems><![CDATA[zhangsan]]></AddUserItems>'),
};

/** sys_approval_change with ApprovalInfo as in reference §8 (WeiXinMPSDK Work sample shape). */
export const SYS_APPROVAL_CHANGE = `<xml><ToUserName><![CDATA[CorpID]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>
<CreateTime>1571732272</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[sys_approval_change]]></Event>
<AgentID>3010040</AgentID><ApprovalInfo><SpNo>201910220035000001</SpNo><SpName><![CDATA[报销]]></SpName><SpStatus>1</SpStatus>
<TemplateId><![CDATA[Bs5KJ2NT4ncf4ZygaE8MB3779yUW8nsMaJd3mmE9v]]></TemplateId><ApplyTime>1571732272</ApplyTime>
<Applyer><UserId><![CDATA[WuJunJie]]></UserId><Party><![CDATA[1]]></Party></Applyer>
<SpRecord><SpStatus>1</SpStatus><ApproverAttr>1</ApproverAttr><Details><Approver><UserId><![CDATA[WangXiaoMing]]></UserId></Approver>
<Speech><![CDATA[]]></Speech><SpStatus>1</SpStatus><SpTime>0</SpTime></Details></SpRecord>
<Notifyer><UserId><![CDATA[LiuXiaoGang]]></UserId></Notifyer><StatuChangeEvent>1</StatuChangeEvent></ApprovalInfo></xml>`;

export const IMAGE = `<xml><ToUserName><![CDATA[CorpID]]></ToUserName><FromUserName><![CDATA[zhangsan]]></FromUserName>
<CreateTime>1348831860</CreateTime><MsgType><![CDATA[image]]></MsgType><PicUrl><![CDATA[https://p.example.com/x.jpg]]></PicUrl>
<MediaId><![CDATA[media_id]]></MediaId><MsgId>1234567890123456</MsgId><AgentID>1</AgentID></xml>`;

/** open_approval_change (WxJava test file): not acted on yet. */
export const OPEN_APPROVAL_CHANGE = `<xml><ToUserName><![CDATA[CorpID]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>
<CreateTime>1527838022</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[open_approval_change]]></Event>
<AgentID>1</AgentID><ApprovalInfo><ThirdNo><![CDATA[201806010001]]></ThirdNo><OpenSpName><![CDATA[付款]]></OpenSpName></ApprovalInfo></xml>`;
