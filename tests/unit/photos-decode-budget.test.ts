/** The decode budget (lib/photos/decode-budget.ts): pixels in flight are bounded, first come first served. */
import { describe, expect, it } from "vitest";
import { DECODE_BUDGET, decodeBudgetState, decodeCost, withDecodeBudget } from "@/lib/photos/decode-budget";
import { MAX_PIXELS } from "@/lib/photos/limits";

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

describe("decode budget", () => {
  it("runs a 40 MP JPEG beside a 12 MP one, two 40 MP photos in turn, a 40 MP HEIC alone, and never overtakes a waiting photo", async () => {
    expect(decodeCost(MAX_PIXELS, "other") + decodeCost(12e6, "other")).toBeLessThanOrEqual(DECODE_BUDGET);
    expect(decodeCost(MAX_PIXELS, "other") * 2).toBeGreaterThan(DECODE_BUDGET);
    expect(decodeCost(MAX_PIXELS, "heic")).toBe(DECODE_BUDGET);
    const order: string[] = [];
    const run = (name: string, cost: number, g: ReturnType<typeof gate>) =>
      withDecodeBudget(cost, async () => {
        order.push(`start ${name}`);
        await g.opened;
        order.push(`end ${name}`);
      });
    const [a, b, heic, small] = [gate(), gate(), gate(), gate()];
    const done = Promise.all([
      run("jpeg A", decodeCost(MAX_PIXELS, "other"), a),
      run("jpeg B", decodeCost(12e6, "other"), b),
      run("heic", decodeCost(MAX_PIXELS, "heic"), heic),
      run("small", decodeCost(1e6, "other"), small),
    ]);
    await new Promise((r) => setTimeout(r, 10));
    expect(order).toEqual(["start jpeg A", "start jpeg B"]);
    expect(decodeBudgetState().waiting).toBe(2);
    a.open();
    b.open();
    await new Promise((r) => setTimeout(r, 10));
    // The HEIC needs the whole budget; the small photo queued behind it waits its turn.
    expect(order.slice(4)).toEqual(["start heic"]);
    heic.open();
    small.open();
    await done;
    expect(order.slice(5)).toEqual(["end heic", "start small", "end small"]);
    expect(decodeBudgetState()).toEqual({ inFlight: 0, waiting: 0 });
  });

  it("two 40 MP photos take turns", async () => {
    const order: string[] = [];
    const one = (name: string) =>
      withDecodeBudget(decodeCost(MAX_PIXELS, "other"), async () => {
        order.push(`start ${name}`);
        await new Promise((r) => setTimeout(r, 5));
        order.push(`end ${name}`);
      });
    await Promise.all([one("A"), one("B")]);
    expect(order).toEqual(["start A", "end A", "start B", "end B"]);
  });

  it("returns the budget when the work throws", async () => {
    await expect(withDecodeBudget(DECODE_BUDGET, () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(decodeBudgetState()).toEqual({ inFlight: 0, waiting: 0 });
  });
});
