// Where the pipeline bench's sandbox platforms run. BENCH_PLATFORMS=thread (the default): in a thread
// of their own, reached over HTTP like the real ones (platforms-thread.ts). BENCH_PLATFORMS=inline: the
// server's own sandbox, in its thread, as `npm start` runs it on a newcomer's machine; then the server's
// CPU carries the platforms' answers too.
import type { Sandbox } from '../src/sandbox/index.js';
import type { NewPerson } from '../src/sandbox/state/org.js';
import type { SwitchSpec } from '../src/sandbox/state/switches.js';

/** What the bench reads of a message the platforms showed. */
export interface SeenMessage {
  at: string;
  cardId?: string;
  viewers: string[];
  dropped: { user: string; reason: string }[];
}

export interface BenchPlatforms {
  /** Said in the report. */
  where: string;
  /** Every message shown since the start, in order (the sandbox's own log keeps only 5,000). */
  seen: SeenMessage[];
  addPerson(person: NewPerson): Promise<void>;
  /** Arms a failure switch; answers its id. */
  arm(spec: SwitchSpec): Promise<number>;
  /** How many failures the switch still has to give. */
  remaining(switchId: number): Promise<number>;
  clear(): Promise<void>;
  stop(): Promise<void>;
}

export const platformsMode: 'thread' | 'inline' =
  process.env.BENCH_PLATFORMS === 'inline' ? 'inline' : 'thread';

/** The server's own sandbox as the bench's platforms. */
export function inlinePlatforms(sandbox: Sandbox): BenchPlatforms {
  const seen: SeenMessage[] = [];
  const log = sandbox.state.messages;
  const add = log.add.bind(log);
  log.add = (message) => {
    const full = add(message);
    seen.push(full);
    return full;
  };
  const switches = sandbox.state.switches;
  return {
    where: "the server's thread",
    seen,
    addPerson: async (person) => void sandbox.state.org.addPerson(person),
    arm: async (spec) => switches.arm(spec).id,
    remaining: async (id) => switches.list().find((s) => s.id === id)?.remaining ?? 0,
    clear: async () => switches.clear(),
    stop: async () => {},
  };
}
