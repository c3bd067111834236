/** A number in [0, 1), like Math.random, but replayable. */
export type Random = () => number;

/**
 * mulberry32: a tiny 32-bit generator, plenty for drawing injected failures, and fully determined by its seed so a
 * run that went wrong can be replayed by restarting with the same SIM_SEED (or `PUT /sim/api/behaviour {"seed"}`).
 * Message ids do not come from here: a replayed id would collide with what Backtalk already stored.
 */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
