import { describe, expect, it, vi } from "vitest";
import { cachedSessionId } from "@/lib/auth/token-cache";

describe("decoded-cookie cache", () => {
  it("decodes a cookie once, then serves the session id from memory", async () => {
    const decode = vi.fn(async () => ({ sid: "s-1", exp: Date.now() / 1000 + 3600 }));
    expect(await cachedSessionId("tok-a", decode)).toBe("s-1");
    expect(await cachedSessionId("tok-a", decode)).toBe("s-1");
    expect(decode).toHaveBeenCalledTimes(1);
  });

  it("never serves an entry past the token's own expiry or the cache lifetime", async () => {
    const now = Date.now();
    const decode = vi.fn(async () => ({ sid: "s-2", exp: now / 1000 + 5 }));
    await cachedSessionId("tok-b", decode, now);
    await cachedSessionId("tok-b", decode, now + 6_000); // token expired: decode again
    expect(decode).toHaveBeenCalledTimes(2);
    const long = vi.fn(async () => ({ sid: "s-3", exp: now / 1000 + 86_400 }));
    await cachedSessionId("tok-c", long, now);
    await cachedSessionId("tok-c", long, now + 61_000);
    expect(long).toHaveBeenCalledTimes(2);
  });

  it("remembers that garbage is garbage", async () => {
    const decode = vi.fn(async () => null);
    expect(await cachedSessionId("junk", decode)).toBeNull();
    expect(await cachedSessionId("junk", decode)).toBeNull();
    expect(decode).toHaveBeenCalledTimes(1);
  });
});
