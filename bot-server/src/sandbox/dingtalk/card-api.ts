import type Router from '@koa/router';
import type { SandboxContext } from '../context.js';
import { randomAlnum, randomBase64 } from '../state/ids.js';
import { BOT_CHAT, BOT_NAME } from '../state/messages.js';
import type { Person } from '../state/org.js';
import type { CardSpace, ParamMap } from './cards.js';
import { dingtalkEndpoint, type Json } from './endpoint.js';
import { DingTalkApiError } from './errors.js';

// Interactive cards (reference §5): createAndDeliver, PUT /v1.0/card/instances, and the HTTP
// callback registration. Spaces other than IM_GROUP and IM_ROBOT are not simulated.

const SPACE_PREFIX = 'dtv1.card//';
const KEY_MAX_BYTES = 100;
const VALUE_MAX_BYTES = 1024;

const bad = (code: string, message: string) => new DingTalkApiError(400, code, message);
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** cardParamMap: every value a string (booleans "true"/"false", lists and objects as JSON). */
function paramMap(value: unknown, field: string): ParamMap | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) throw bad('param.invalid', `${field} 必须是对象`);
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== 'string') throw bad('param.invalid', `${field}.${key} 的值必须是字符串`);
    if (Buffer.byteLength(key) > KEY_MAX_BYTES)
      throw bad('param.invalid', `${field} 的键 ${key} 超过 100 字节`);
    if (Buffer.byteLength(v) > VALUE_MAX_BYTES) throw bad('param.invalid', `${field}.${key} 的值超过 1KB`);
  }
  return value as ParamMap;
}

function privateData(value: unknown): Record<string, ParamMap> | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) throw bad('param.invalid', 'privateData 必须是对象');
  return Object.fromEntries(
    Object.entries(value).map(([user, data]) => [
      user,
      paramMap(isObject(data) ? data.cardParamMap : undefined, `privateData.${user}.cardParamMap`) ?? {},
    ]),
  );
}

export function dingtalkCardRoutes(router: Router, sb: SandboxContext): void {
  const { org, messages, dingtalk } = sb.state;

  router.post(
    '/v1.0/card/instances/createAndDeliver',
    dingtalkEndpoint(sb, 'api', 'v1.0/card/instances/createAndDeliver', 'header', ({ body }) => {
      const outTrackId = body.outTrackId;
      if (typeof outTrackId !== 'string' || outTrackId === '')
        throw bad('param.outTrackIdEmpty', 'outTrackId 不能为空');
      const cardTemplateId = body.cardTemplateId;
      if (typeof cardTemplateId !== 'string' || cardTemplateId === '') {
        throw bad('param.cardTemplateIdEmpty', 'cardTemplateId 不能为空');
      }
      // The sandbox corp has one published template bound to the app: the configured one.
      if (cardTemplateId !== sb.dingtalk.cardTemplateId) {
        throw bad('param.templateNotExist', `卡片模板 ${cardTemplateId} 不存在或未发布`);
      }
      if (dingtalk.cards.get(outTrackId)) throw bad('param.cardAlreadyExist', `卡片 ${outTrackId} 已存在`);
      const callbackType = body.callbackType;
      if (callbackType !== undefined && callbackType !== 'STREAM' && callbackType !== 'HTTP') {
        throw bad('param.invalid', 'callbackType 只能是 STREAM 或 HTTP');
      }
      if (callbackType === 'HTTP' && typeof body.callbackRouteKey !== 'string') {
        throw bad('param.invalid', 'HTTP 回调需要 callbackRouteKey');
      }
      const cardParamMap = paramMap(
        isObject(body.cardData) ? body.cardData.cardParamMap : undefined,
        'cardData.cardParamMap',
      );
      const privateParams = privateData(body.privateData);
      const byUnionId = body.userIdType === 2;
      const person = (id: string): Person | undefined =>
        byUnionId ? org.people.find((p) => p.dingtalk.unionid === id) : org.personByDingTalk(id);

      const openSpaceId = body.openSpaceId;
      if (typeof openSpaceId !== 'string' || openSpaceId === '')
        throw bad('param.openSpaceIdEmpty', 'openSpaceId 不能为空');
      if (!openSpaceId.startsWith(SPACE_PREFIX))
        throw bad('param.openSpaceIdInvalid', `openSpaceId 须以 ${SPACE_PREFIX} 开头`);
      const requested = openSpaceId
        .slice(SPACE_PREFIX.length)
        .split(';')
        .map((part) => ({
          spaceType: part.slice(0, part.indexOf('.')),
          spaceId: part.slice(part.indexOf('.') + 1),
        }));
      const deliverModel = (type: 'Group' | 'Robot') => {
        if (!isObject(body[`im${type}OpenSpaceModel`])) {
          throw bad('param.openSpaceModelInvalid', `缺少 im${type}OpenSpaceModel`);
        }
        const model = body[`im${type}OpenDeliverModel`];
        if (!isObject(model)) throw bad('param.openDeliverModelEmpty', `缺少 im${type}OpenDeliverModel`);
        return model;
      };

      const deliverResults: Json[] = [];
      const spaces: CardSpace[] = [];
      for (const { spaceType, spaceId } of requested) {
        let space: CardSpace | undefined;
        if (spaceType === 'IM_GROUP') {
          const model = deliverModel('Group');
          if (model.robotCode !== sb.dingtalk.clientId)
            throw bad('param.openDeliverModelError', 'robotCode 不正确');
          const group = dingtalk.groups.get(spaceId);
          const recipients = Array.isArray(model.recipients)
            ? model.recipients.flatMap((id) => person(String(id))?.dingtalk.userid ?? [])
            : undefined;
          if (group) {
            space = {
              spaceType,
              spaceId,
              chat: group.openConversationId,
              viewers: recipients ? group.members.filter((m) => recipients.includes(m)) : group.members,
            };
          }
        } else if (spaceType === 'IM_ROBOT') {
          const model = deliverModel('Robot');
          if (model.spaceType !== 'IM_ROBOT')
            throw bad('param.openDeliverModelError', 'spaceType 应为 IM_ROBOT');
          const user = person(spaceId)?.dingtalk.userid;
          if (user) space = { spaceType, spaceId, chat: BOT_CHAT, viewers: [user] };
        } else {
          throw bad('param.openSpaceIdInvalid', `沙箱不支持 ${spaceType} 场域`);
        }
        if (space) spaces.push(space);
        deliverResults.push({
          spaceType,
          spaceId,
          success: space !== undefined,
          carrierId: space ? randomBase64(44) : '',
          errorMsg: space ? '' : spaceType === 'IM_GROUP' ? '群会话不存在，或机器人不在群内' : '用户不存在',
        });
      }

      dingtalk.cards.create({
        outTrackId,
        cardTemplateId,
        callbackType,
        callbackRouteKey: typeof body.callbackRouteKey === 'string' ? body.callbackRouteKey : undefined,
        publicParams: cardParamMap ?? {},
        privateParams: new Map(Object.entries(privateParams ?? {})),
        spaces,
      });
      // One chat message per conversation the card landed in; the robot 1:1 spaces share the bot chat.
      const chats = new Map<string, string[]>();
      for (const s of spaces) chats.set(s.chat, [...(chats.get(s.chat) ?? []), ...s.viewers]);
      for (const [chat, viewers] of chats) {
        messages.add({
          platform: 'dingtalk',
          direction: 'out',
          chat,
          chatName: chat === BOT_CHAT ? BOT_NAME : (dingtalk.groups.get(chat)?.name ?? chat),
          from: { id: sb.dingtalk.clientId, name: BOT_NAME },
          viewers,
          type: 'interactive_card',
          content: { cardTemplateId, outTrackId },
          via: 'card/instances/createAndDeliver',
          cardId: outTrackId,
        });
      }
      return { success: true, result: { outTrackId, deliverResults } };
    }),
  );

  router.put(
    '/v1.0/card/instances',
    dingtalkEndpoint(sb, 'api', 'v1.0/card/instances', 'header', ({ body }) => {
      const card = dingtalk.cards.get(String(body.outTrackId ?? ''));
      if (!card) throw bad('param.cardNotExist', `卡片 ${String(body.outTrackId)} 不存在`);
      const options = isObject(body.cardUpdateOptions) ? body.cardUpdateOptions : {};
      const cardParamMap = paramMap(
        isObject(body.cardData) ? body.cardData.cardParamMap : undefined,
        'cardData.cardParamMap',
      );
      const privateParams = privateData(body.privateData);
      dingtalk.cards.update(card, {
        ...(cardParamMap ? { cardParamMap } : {}),
        ...(privateParams ? { privateData: privateParams } : {}),
        byKey: options.updateCardDataByKey === true,
        privateByKey: options.updatePrivateDataByKey === true,
      });
      return { success: true, result: true };
    }),
  );

  router.post(
    '/v1.0/card/callbacks/register',
    dingtalkEndpoint(sb, 'api', 'v1.0/card/callbacks/register', 'header', ({ body }) => {
      const routeKey = body.callbackRouteKey;
      const url = body.callbackUrl;
      if (typeof routeKey !== 'string' || routeKey === '')
        throw bad('param.invalid', 'callbackRouteKey 不能为空');
      if (typeof url !== 'string' || !URL.canParse(url))
        throw bad('param.invalid', 'callbackUrl 不是有效的网址');
      const existing = dingtalk.cardCallbackRoutes.get(routeKey);
      // Without forceUpdate an existing registration is kept and returned (§5.3).
      if (existing && body.forceUpdate !== true) return { success: true, result: existing };
      const route = {
        callbackUrl: url,
        apiSecret:
          typeof body.apiSecret === 'string' && body.apiSecret !== '' ? body.apiSecret : randomAlnum(32),
      };
      dingtalk.cardCallbackRoutes.set(routeKey, route);
      return { success: true, result: route };
    }),
  );
}
