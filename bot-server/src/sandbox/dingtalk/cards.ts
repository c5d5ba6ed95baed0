// DingTalk interactive card instances, one per outTrackId (reference §5). What a person sees is the
// public cardParamMap, overlaid by what a callback answer showed that person only, overlaid by
// that person's privateData. PUT /v1.0/card/instances overwrites whatever it carries, or patches it
// key by key when cardUpdateOptions say so.

export type ParamMap = Record<string, string>;

export interface CardSpace {
  spaceType: 'IM_GROUP' | 'IM_ROBOT';
  spaceId: string;
  /** The sandbox chat it shows in (a group's openConversationId, or the 1:1 bot chat). */
  chat: string;
  viewers: string[];
}

export interface DingTalkCard {
  outTrackId: string;
  cardTemplateId: string;
  callbackType: 'STREAM' | 'HTTP' | undefined;
  callbackRouteKey: string | undefined;
  publicParams: ParamMap;
  privateParams: Map<string, ParamMap>;
  /** cardData from a callback answer reaches only the clicker (§5.4). */
  clickParams: Map<string, ParamMap>;
  spaces: CardSpace[];
  version: number;
  updatedAt: string;
}

export interface DingTalkCardView {
  params: ParamMap;
  version: number;
  updatedAt: string;
}

export interface CardWrite {
  cardParamMap?: ParamMap;
  privateData?: Record<string, ParamMap>;
  /** cardUpdateOptions.updateCardDataByKey: patch instead of overwrite. */
  byKey: boolean;
  /** cardUpdateOptions.updatePrivateDataByKey. */
  privateByKey: boolean;
}

const write = (current: ParamMap | undefined, next: ParamMap, byKey: boolean): ParamMap =>
  byKey ? { ...current, ...next } : { ...next };

export class DingTalkCards {
  readonly #cards = new Map<string, DingTalkCard>();

  constructor(private readonly now: () => number) {}

  get(outTrackId: string): DingTalkCard | undefined {
    return this.#cards.get(outTrackId);
  }

  create(card: Omit<DingTalkCard, 'version' | 'updatedAt' | 'clickParams'>): DingTalkCard {
    const full = { ...card, clickParams: new Map(), version: 1, updatedAt: this.#stamp() };
    this.#cards.set(card.outTrackId, full);
    return full;
  }

  /** PUT /v1.0/card/instances: changes what every viewer sees. */
  update(card: DingTalkCard, change: CardWrite): void {
    if (change.cardParamMap) {
      card.publicParams = write(card.publicParams, change.cardParamMap, change.byKey);
      // A new public value replaces what a callback answer showed the clicker for that key.
      for (const [user, params] of card.clickParams) {
        const kept = change.byKey
          ? Object.fromEntries(Object.entries(params).filter(([k]) => !(k in (change.cardParamMap ?? {}))))
          : {};
        card.clickParams.set(user, kept);
      }
    }
    this.#writePrivate(card, change.privateData, change.privateByKey);
    this.#touch(card);
  }

  /** A callback answer: its cardData and userPrivateData reach the clicking user only. */
  answerClick(card: DingTalkCard, user: string, change: CardWrite): void {
    if (change.cardParamMap) {
      card.clickParams.set(user, write(card.clickParams.get(user), change.cardParamMap, change.byKey));
    }
    this.#writePrivate(card, change.privateData, change.privateByKey);
    this.#touch(card);
  }

  viewers(card: DingTalkCard): string[] {
    return [...new Set(card.spaces.flatMap((s) => s.viewers))];
  }

  views(outTrackId: string): Record<string, DingTalkCardView> {
    const card = this.#cards.get(outTrackId);
    if (!card) return {};
    return Object.fromEntries(
      this.viewers(card).map((user) => [
        user,
        {
          params: { ...card.publicParams, ...card.clickParams.get(user), ...card.privateParams.get(user) },
          version: card.version,
          updatedAt: card.updatedAt,
        },
      ]),
    );
  }

  #writePrivate(card: DingTalkCard, privateData: Record<string, ParamMap> | undefined, byKey: boolean): void {
    for (const [user, params] of Object.entries(privateData ?? {})) {
      card.privateParams.set(user, write(card.privateParams.get(user), params, byKey));
    }
  }

  #touch(card: DingTalkCard): void {
    card.version += 1;
    card.updatedAt = this.#stamp();
  }

  #stamp(): string {
    return new Date(this.now()).toISOString();
  }
}
