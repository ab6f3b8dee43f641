import { describe, expect, it } from "vitest";
import { isForbiddenAddress, stowUrlSchema } from "@/lib/dicom/pacs-target";
import { summariseStowResponse } from "@/lib/dicom/stow";
import { maskSecret } from "@/lib/dicom/pacs-settings";

describe("PACS endpoint rules", () => {
  it("refuses link-local, multicast and unspecified addresses, allows LAN and loopback", () => {
    for (const a of ["169.254.169.254", "0.0.0.0", "224.0.0.1", "255.255.255.255", "::", "fe80::1", "ff02::1", "::ffff:169.254.169.254"]) expect(isForbiddenAddress(a), a).toBe(true);
    for (const a of ["10.1.2.3", "192.168.0.10", "172.16.5.4", "127.0.0.1", "::1", "2001:db8::1", "8.8.8.8"]) expect(isForbiddenAddress(a), a).toBe(false);
  });

  it("accepts http(s) URLs without credentials or fragments only", () => {
    expect(stowUrlSchema.safeParse("https://pacs.example.org/dicom-web/studies").success).toBe(true);
    expect(stowUrlSchema.safeParse("http://10.0.0.5:8042/dicom-web/studies").success).toBe(true);
    for (const bad of ["ftp://pacs/x", "file:///etc/passwd", "http://u:p@pacs/x", "https://pacs/x#frag", "http://169.254.169.254/", "http://[fe80::1]/", "/relative"]) {
      expect(stowUrlSchema.safeParse(bad).success, bad).toBe(false);
    }
  });

  it("masks secrets: never more than the last four characters, nothing of short ones", () => {
    expect(maskSecret("Basic ZGVybXJlbGF5OnNlY3JldA==")).toBe("••••dA==");
    expect(maskSecret("short-secret")).toBe("••••");
  });
});

describe("STOW-RS response summary", () => {
  const ref = (uid: string) => ({ "00081155": { vr: "UI", Value: [uid] } });
  it("counts stored instances and treats a duplicate SOP instance (0111H) as stored", () => {
    const body = JSON.stringify({
      "00081190": { vr: "UR", Value: ["http://pacs/studies/2.25.1"] },
      "00081199": { vr: "SQ", Value: [ref("2.25.2")] },
      "00081198": { vr: "SQ", Value: [{ ...ref("2.25.3"), "00081197": { vr: "US", Value: [0x0111] } }] },
    });
    expect(summariseStowResponse(202, body, 2)).toEqual({ httpStatus: 202, stored: 2, failed: 0, failures: [], retrieveUrl: "http://pacs/studies/2.25.1" });
  });

  it("reports real failures with their reason codes, and copes with a body that is not JSON", () => {
    const body = JSON.stringify({ "00081198": { vr: "SQ", Value: [{ ...ref("2.25.3"), "00081197": { vr: "US", Value: [0xa700] } }] } });
    expect(summariseStowResponse(409, body, 1)).toMatchObject({ stored: 0, failed: 1, failures: [{ sopInstanceUid: "2.25.3", reason: 0xa700 }] });
    expect(summariseStowResponse(200, "<NativeDicomModel/>", 3)).toMatchObject({ stored: 3, failed: 0, retrieveUrl: null });
  });
});
