import { describe, expect, it } from "vitest";
import { consultationSchema } from "@/lib/reviews/consultation";
import { templateFieldsSchema } from "@/lib/reviews/templates";

describe("consultationSchema", () => {
  const valid = { diagnosis: "Actinic keratosis", plan: "Cryotherapy in primary care", disposition: "manage_in_primary_care" };

  it("accepts a minimal reply, normalising the code and blank optionals", () => {
    expect(consultationSchema.parse({ ...valid, diagnosisCode: " l57.0 ", differential: " ", followUp: null })).toEqual({
      ...valid,
      diagnosisCode: "L57.0",
      differential: null,
      followUp: null,
    });
    expect(consultationSchema.parse(valid).diagnosisCode).toBeNull();
  });

  it("names every invalid field", () => {
    const r = consultationSchema.safeParse({ diagnosis: "", plan: 3, disposition: "later", diagnosisCode: "XYZ", more: true });
    expect(r.success).toBe(false);
    const paths = new Set(r.error!.issues.map((i) => i.path.join(".") || "_"));
    expect([...paths].sort()).toEqual(["_", "diagnosis", "diagnosisCode", "disposition", "plan"]);
  });

  it("templates pre-fill only known fields", () => {
    expect(templateFieldsSchema.safeParse({ plan: "x", patientName: "y" }).success).toBe(false);
    expect(templateFieldsSchema.parse({ diagnosisCode: "l82.1" }).diagnosisCode).toBe("L82.1");
  });
});
