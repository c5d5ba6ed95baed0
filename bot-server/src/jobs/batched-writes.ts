interface Waiting<I, O> {
  item: I;
  resolve: (outcome: O) => void;
  reject: (error: unknown) => void;
}

/**
 * Writes that arrive together go to the database together: while `concurrency` batches are in
 * flight, new items wait and leave with the next batch. At a trickle each item goes alone and at
 * once (nothing waits for a timer); under a burst of callbacks fifty single-row inserts become one
 * statement, one round trip and one commit (one WAL flush, one NOTIFY) instead of fifty. Each
 * caller still gets its own outcome, after its row is committed. A failed batch is tried again item
 * by item, so that an item the database refuses fails alone and its batchmates go through.
 */
export class BatchedWrites<I, O> {
  readonly #waiting: Waiting<I, O>[] = [];
  #inFlight = 0;
  #pumpScheduled = false;

  constructor(
    /** Writes the items in one statement; answers one outcome per item, in order. */
    private readonly write: (items: I[]) => Promise<O[]>,
    private readonly options: {
      concurrency: number;
      maxBatch: number;
      /**
       * Items submitted in the same turn of the event loop leave together even when a batch could
       * go at once (a worker that starts a claimed batch of items submits them all in one turn).
       */
      gather?: boolean;
    },
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.#waiting.push({ item, resolve, reject });
      if (!this.options.gather) this.#pump();
      else if (!this.#pumpScheduled) {
        this.#pumpScheduled = true;
        setImmediate(() => {
          this.#pumpScheduled = false;
          this.#pump();
        });
      }
    });
  }

  #pump(): void {
    while (this.#inFlight < this.options.concurrency && this.#waiting.length > 0) {
      const batch = this.#waiting.splice(0, this.options.maxBatch);
      this.#inFlight += 1;
      void this.#flush(batch).finally(() => {
        this.#inFlight -= 1;
        this.#pump();
      });
    }
  }

  async #flush(batch: Waiting<I, O>[]): Promise<void> {
    try {
      const outcomes = await this.write(batch.map((w) => w.item));
      for (const [i, w] of batch.entries()) w.resolve(outcomes[i]!);
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      await Promise.all(
        batch.map(async (w) => {
          try {
            const [outcome] = await this.write([w.item]);
            w.resolve(outcome!);
          } catch (itemError) {
            w.reject(itemError);
          }
        }),
      );
    }
  }
}
