/**
 * When a request may go ahead of the limiter's Redis answer (lib/http/rate-limit-ahead.ts): only
 * with a fresh answer and more than half of the smallest bucket left after the takes in flight;
 * never after a refusal or a failed take.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { forget, forgetAll, goAhead, heard } from "@/lib/http/rate-limit-ahead";

const T0 = 1_000_000;

describe("rate-limit go-ahead", () => {
  beforeEach(() => forgetAll());

  it("waits for Redis on a set it has not heard about, then goes ahead while more than half is left", () => {
    expect(goAhead("a", 10, T0)).toBeNull();
    heard("a", 9, null, T0);
    const first = goAhead("a", 10, T0);
    expect(first).not.toBeNull(); // 9 left, one in flight: 7 would remain after this one too
    expect(goAhead("a", 10, T0)).not.toBeNull();
    expect(goAhead("a", 10, T0)).not.toBeNull();
    expect(goAhead("a", 10, T0)).toBeNull(); // 9 - 3 in flight - 1 = 5: not more than half of 10
    heard("a", 8, first, T0);
    expect(goAhead("a", 10, T0)).toBeNull(); // 8 - 2 in flight - 1 = 5
  });

  it("counts an owed take of several requests as that many in flight until its answer", () => {
    heard("a", 100, null, T0);
    let k = null;
    for (let i = 0; i < 49; i++) {
      k = goAhead("a", 100, T0);
      expect(k).not.toBeNull(); // 100 - i owed - 1 stays above half
    }
    expect(goAhead("a", 100, T0)).toBeNull(); // 100 - 49 owed - 1 = 50: not more than half
    heard("a", 52, k, T0, 49); // Redis charged all 49 in one take
    expect(goAhead("a", 100, T0)).not.toBeNull(); // 52 - 0 in flight - 1 = 51
    expect(goAhead("a", 100, T0)).toBeNull();
  });

  it("does not trust an answer older than a second", () => {
    heard("a", 100, null, T0);
    expect(goAhead("a", 100, T0 + 999)).not.toBeNull();
    expect(goAhead("a", 100, T0 + 1_001)).toBeNull();
  });

  it("waits again after a refusal (level 0) or a failed take", () => {
    heard("a", 100, null, T0);
    const k = goAhead("a", 100, T0);
    heard("a", 0, k, T0);
    expect(goAhead("a", 100, T0)).toBeNull();
    heard("b", 100, null, T0);
    forget("b", goAhead("b", 100, T0));
    expect(goAhead("b", 100, T0)).toBeNull();
  });
});
