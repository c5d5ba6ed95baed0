// Interactive cards (互动卡片): create and deliver, update every copy, register the HTTP callback.
import { z } from 'zod';
import type { Json } from './api-outcome.js';
import { DingTalkApiError } from './errors.js';
import type { DingTalkTransport } from './transport.js';

export interface CardParams {
  cardParamMap: Record<string, string>;
}

/** Body of POST /v1.0/card/instances/createAndDeliver (fields as in @alicloud/dingtalk card_1_0). */
export interface CreateAndDeliverCardRequest {
  cardTemplateId: string;
  outTrackId: string;
  callbackType: 'STREAM' | 'HTTP';
  callbackRouteKey?: string;
  cardData: CardParams;
  privateData?: Record<string, CardParams>;
  openSpaceId: string;
  imGroupOpenSpaceModel?: Json;
  imGroupOpenDeliverModel?: Json;
  imRobotOpenSpaceModel?: Json;
  imRobotOpenDeliverModel?: Json;
  userIdType?: 1 | 2;
}

export interface CardDelivery {
  spaceType: string;
  spaceId: string;
  success: boolean;
  carrierId?: string;
  errorMsg?: string;
}

const deliverSchema = z.looseObject({
  result: z.looseObject({
    deliverResults: z
      .array(
        z.looseObject({
          spaceType: z.string(),
          spaceId: z.string(),
          success: z.boolean(),
          carrierId: z.string().optional(),
          errorMsg: z.string().optional(),
        }),
      )
      .default([]),
  }),
});

export class DingTalkInteractiveCards {
  constructor(private readonly transport: DingTalkTransport) {}

  /** Creates a card and delivers it; the answer lists each space, and some may have failed. */
  async createAndDeliver(request: CreateAndDeliverCardRequest): Promise<CardDelivery[]> {
    const api = 'card/instances/createAndDeliver';
    const data = await this.transport.call(api, {
      host: 'api',
      method: 'POST',
      path: '/v1.0/card/instances/createAndDeliver',
      data: request,
      auth: 'header',
    });
    if (data.success === false) throw new DingTalkApiError(api, 'BAD_RESPONSE', 'success=false');
    return this.transport.parse(api, deliverSchema, data).result.deliverResults;
  }

  /** Patches the shared data of a card instance: every copy, in every space, shows the new values. */
  async update(request: { outTrackId: string; cardParamMap: Record<string, string> }): Promise<void> {
    const api = 'card/instances.update';
    const data = await this.transport.call(api, {
      host: 'api',
      method: 'PUT',
      path: '/v1.0/card/instances',
      data: {
        outTrackId: request.outTrackId,
        cardData: { cardParamMap: request.cardParamMap },
        // Without the by-key options DingTalk overwrites the whole card data with this map.
        cardUpdateOptions: { updateCardDataByKey: true, updatePrivateDataByKey: true },
        userIdType: 1,
      },
      auth: 'header',
    });
    if (data.success === false) throw new DingTalkApiError(api, 'BAD_RESPONSE', 'success=false');
  }

  /** HTTP-mode card callbacks: where DingTalk posts clicks for cards created with this route key. */
  async registerCallback(request: { routeKey: string; url: string; apiSecret: string }): Promise<void> {
    await this.transport.call('card/callbacks/register', {
      host: 'api',
      method: 'POST',
      path: '/v1.0/card/callbacks/register',
      data: {
        callbackRouteKey: request.routeKey,
        callbackUrl: request.url,
        apiSecret: request.apiSecret,
        forceUpdate: true,
      },
      auth: 'header',
    });
  }
}
