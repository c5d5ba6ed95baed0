/** Why dist/h5 must be (re)built ('missing', 'older than src', …), or undefined when it is current. */
export function h5BuildReason(): string | undefined;
/** Builds dist/h5 unless it is current (true when it built); throws with Taro's output on failure. */
export function ensureH5Build(options?: { log?: (message: string) => void }): boolean;
