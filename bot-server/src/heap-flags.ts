// The V8 heap flags the server runs with: package.json's start and dev scripts name them after
// `node`/`tsx` (test/heap-flags.test.ts keeps the scripts and this list together), and bench/run.ts
// gives them to every bench, which boots the server in its own process.
//
// Why (issue 13, bench/users.ts): what the server keeps alive is about 95 MB of heap after a full
// GC, the same after every round of 10,000 callbacks and the 20 people's runs (no leak; mostly
// module source text). Its RSS was 640–650 MB on PostgreSQL all the same, because with V8's defaults
// - the young generation reserves 64 MB semi-spaces (128 MB of new space, all of it touched as
//   allocation cycles through it), and
// - the old generation may grow to 4 times what survived the last full GC before the next one
//   (up to the 4 GB limit), so a drain of callbacks, whose entities live across a few awaits and
//   are promoted, took it to 270 MB of mostly garbage;
// and V8 keeps the pages it has once used. 8 MB semi-spaces and a growth of 50 % after each full GC
// keep the same work at 270–330 MB RSS on PostgreSQL. The heap limit stays V8's own: a big batch or
// export may still use what it needs, at the price of more frequent full GCs while it runs.
// The embedded PGlite adds its own ~400 MB (WASM memory, which never shrinks, and compiled code).
export const serverHeapFlags = ['--max-semi-space-size=8', '--heap-growing-percent=50'] as const;
