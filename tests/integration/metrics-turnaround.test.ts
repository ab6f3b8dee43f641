import { beforeAll, describe, expect, it } from "vitest";
import { GET as turnaround } from "@/app/api/v1/metrics/turnaround/route";
import { GET as turnaroundCsvRoute } from "@/app/api/v1/metrics/turnaround.csv/route";
import { GET as quality } from "@/app/api/v1/metrics/quality/route";
import type { TurnaroundReport } from "@/lib/metrics/turnaround";
import { apiRequest, createUser, params, sessionCookie } from "../support/factories";
import { buildMetricsFixture } from "./metrics-fixture";

let fx: Awaited<ReturnType<typeof buildMetricsFixture>>;
let cookie: string;

beforeAll(async () => {
  fx = await buildMetricsFixture();
  cookie = (await sessionCookie(await createUser("admin"))).cookie;
});

async function report(groupBy: string): Promise<TurnaroundReport> {
  const res = await turnaround(apiRequest(`/api/v1/metrics/turnaround?from=${fx.from}&to=${fx.to}&groupBy=${groupBy}`, { cookie }), params({}));
  expect(res.status).toBe(200);
  return res.json();
}

/** Parse RFC 4180 CSV (no embedded newlines in this fixture) into objects keyed by header. */
function parseCsv(text: string): Record<string, string>[] {
  const lines = text.trimEnd().split("\r\n");
  const split = (l: string) => {
    const cells: string[] = [];
    let cur = "";
    let quoted = false;
    for (let i = 0; i < l.length; i++) {
      const ch = l[i]!;
      if (quoted) {
        if (ch === '"' && l[i + 1] === '"') {
          cur += '"';
          i++;
        } else if (ch === '"') quoted = false;
        else cur += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ",") {
        cells.push(cur);
        cur = "";
      }
      else cur += ch;
    }
    return [...cells, cur];
  };
  const header = split(lines[0]!);
  return lines.slice(1).map((l) => Object.fromEntries(split(l).map((v, i) => [header[i]!, v])));
}

// p90 is percentile_cont(0.9): linear interpolation between the ordered values.
describe("turnaround metrics from case_events", () => {
  it("computes overall counts, medians, p90 and SLA compliance with known answers", async () => {
    const r = await report("none");
    expect(r).toMatchObject({ from: "2021-03-01", to: "2021-03-14", groupBy: "none", groups: [] });
    expect(r.overall).toEqual({
      count: 5,
      answered: 3,
      // 6 h, 11 h (35 h minus 24 h awaiting information), 80 h
      turnaroundHours: { median: 11, p90: 66.2 },
      // 10, 20, 30, 40 minutes (the withdrawn case never reached triage; a re-triage after the info answer is not counted)
      timeToTriageMinutes: { median: 25, p90: 37 },
      // 2 h, 4 h, 50 h
      timeToFirstReviewHours: { median: 4, p90: 40.8 },
      // 24 h and 2 h
      loopClosedHours: { median: 13, p90: 21.8 },
      // met: urgent in 6 h, routine within its paused-extended deadline; missed: answered at 80 h of 72, open past its deadline
      slaMet: 2,
      slaMissed: 2,
      slaMetPct: 50,
    });
  });

  it("groups by clinic, specialist, priority and ISO week", async () => {
    const byClinic = await report("clinic");
    expect(byClinic.groups.map((g) => [g.label, g.count, g.answered, g.turnaroundHours, g.slaMetPct])).toEqual([
      ["Fixture Alpha clinic", 3, 2, { median: 8.5, p90: 10.5 }, 100],
      ["Fixture Beta clinic", 2, 1, { median: 80, p90: 80 }, 0],
    ]);
    expect(byClinic.groups[0]!.key).toBe(fx.clinicA.id);

    const bySpecialist = await report("specialist");
    const spec = Object.fromEntries(bySpecialist.groups.map((g) => [g.key, [g.count, g.turnaroundHours.median]]));
    expect(spec).toEqual({ [fx.s1.id]: [2, 8.5], [fx.s2.id]: [1, 80], unanswered: [2, null] });
    expect(bySpecialist.groups.at(-1)!.label).toBe("Not answered yet");

    const byPriority = await report("priority");
    expect(byPriority.groups.map((g) => [g.key, g.label, g.count, g.slaMet, g.slaMissed])).toEqual([
      ["urgent", "Urgent", 1, 1, 0],
      ["soon", "Soon", 1, 0, 1],
      ["routine", "Routine", 2, 1, 1],
      ["untriaged", "Not triaged yet", 1, 0, 0],
    ]);

    const byWeek = await report("week");
    expect(byWeek.groups.map((g) => [g.key, g.count, g.turnaroundHours.median, g.slaMetPct])).toEqual([
      ["2021-W09", 2, 8.5, 100],
      ["2021-W10", 3, 80, 0],
    ]);
  });

  it("CSV carries exactly the numbers of the JSON, for every grouping and both ways of asking", async () => {
    for (const groupBy of ["none", "clinic", "specialist", "priority", "week"]) {
      const json = await report(groupBy);
      const path = `/api/v1/metrics/turnaround?from=${fx.from}&to=${fx.to}&groupBy=${groupBy}`;
      const viaAccept = await turnaround(apiRequest(path, { cookie, headers: { accept: "text/csv" } }), params({}));
      const viaPath = await turnaroundCsvRoute(apiRequest(path.replace("turnaround?", "turnaround.csv?"), { cookie }), params({}));
      expect(viaAccept.headers.get("content-type")).toMatch(/^text\/csv/);
      const text = await viaAccept.text();
      expect(await viaPath.text()).toBe(text);
      const rows = parseCsv(text);
      const all = [{ key: "overall", label: "All cases", ...json.overall }, ...json.groups];
      expect(rows).toHaveLength(all.length);
      const num = (v: number | null) => (v === null ? "" : String(v));
      rows.forEach((row, i) => {
        const g = all[i]!;
        expect(row).toEqual({
          from: json.from, to: json.to, group_by: groupBy, key: g.key, label: g.label,
          count: num(g.count), answered: num(g.answered),
          turnaround_hours_median: num(g.turnaroundHours.median), turnaround_hours_p90: num(g.turnaroundHours.p90),
          time_to_triage_minutes_median: num(g.timeToTriageMinutes.median), time_to_triage_minutes_p90: num(g.timeToTriageMinutes.p90),
          time_to_first_review_hours_median: num(g.timeToFirstReviewHours.median), time_to_first_review_hours_p90: num(g.timeToFirstReviewHours.p90),
          loop_closed_hours_median: num(g.loopClosedHours.median), loop_closed_hours_p90: num(g.loopClosedHours.p90),
          sla_met: num(g.slaMet), sla_missed: num(g.slaMissed), sla_met_pct: num(g.slaMetPct),
        });
      });
    }
  });

  it("refuses an unknown grouping and malformed or reversed ranges with 422", async () => {
    for (const qs of ["groupBy=doctor", "from=2021-13-01", "from=yesterday", "from=2021-03-10&to=2021-03-01", "from=2015-01-01&to=2021-01-01", "color=red"]) {
      const res = await turnaround(apiRequest(`/api/v1/metrics/turnaround?${qs}`, { cookie }), params({}));
      expect(res.status, qs).toBe(422);
      expect((await res.json()).error.code).toBe("invalid");
    }
  });

  it("reports photo quality and info-request shares per clinic", async () => {
    const res = await quality(apiRequest(`/api/v1/metrics/quality?from=${fx.from}&to=${fx.to}`, { cookie }), params({}));
    const body = await res.json();
    const byId = Object.fromEntries(body.clinics.map((c: { clinicId: string }) => [c.clinicId, c]));
    expect(byId[fx.clinicA.id]).toMatchObject({
      cases: 3, casesWithInfoRequest: 1, infoRequestPct: 33.3, photos: 2, photosFlagged: 1, photosRejected: 0, flaggedPct: 50, rejectedPct: 0,
      flags: { blurry: 1, underexposed: 0, overexposed: 0, low_resolution: 0 },
    });
    expect(byId[fx.clinicB.id]).toMatchObject({ cases: 2, casesWithInfoRequest: 0, infoRequestPct: 0, photos: 1, photosRejected: 1, rejectedPct: 100 });
  });
});
