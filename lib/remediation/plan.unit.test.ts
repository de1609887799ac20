import { describe, expect, it } from "vitest";
import { comparePlan, dueText, formatGain, overdueDays } from "@/lib/remediation/plan";
import { formatDayLong } from "@/lib/dates";

const d = (s: string) => new Date(`${s}T00:00:00.000Z`);
const row = (over: Partial<Parameters<typeof comparePlan>[0]> & { id: string }) => ({
  status: "open" as const,
  expectedGain: 1,
  priority: "medium" as const,
  dueDate: null,
  closedAt: null,
  createdAt: d("2026-01-01"),
  ...over,
});

describe("the plan's order", () => {
  it("puts active actions first, by expected gain, priority, due date (none last), then age", () => {
    const rows = [
      row({ id: "done", status: "done", expectedGain: 99, closedAt: d("2026-02-01") }),
      row({ id: "done-later", status: "wont_do", closedAt: d("2026-03-01") }),
      row({ id: "small", expectedGain: 0.5, priority: "critical" }),
      row({ id: "no-date", expectedGain: 2 }),
      row({ id: "later", expectedGain: 2, dueDate: d("2026-06-01") }),
      row({ id: "sooner", expectedGain: 2, dueDate: d("2026-05-01"), status: "in_progress" }),
      row({ id: "critical", expectedGain: 2, priority: "critical" }),
      row({ id: "big", expectedGain: 5, priority: "low" }),
      row({ id: "no-date-newer", expectedGain: 2, createdAt: d("2026-01-02") }),
    ];
    expect(rows.sort(comparePlan).map((r) => r.id)).toEqual(["big", "critical", "sooner", "later", "no-date", "no-date-newer", "small", "done-later", "done"]);
  });
});

describe("overdue", () => {
  it("counts whole days past the due date for active actions only", () => {
    expect(overdueDays({ status: "open", dueDate: d("2026-11-26") }, "2026-12-01")).toBe(5);
    expect(overdueDays({ status: "in_progress", dueDate: d("2026-11-30") }, "2026-12-01")).toBe(1);
    expect(overdueDays({ status: "open", dueDate: d("2026-12-01") }, "2026-12-01")).toBeNull();
    expect(overdueDays({ status: "done", dueDate: d("2026-01-01") }, "2026-12-01")).toBeNull();
    expect(overdueDays({ status: "open", dueDate: null }, "2026-12-01")).toBeNull();
  });

  it("says it in words", () => {
    expect(dueText({ status: "open", dueDate: d("2026-11-26") }, "2026-12-01")).toBe("Overdue by 5 days");
    expect(dueText({ status: "open", dueDate: d("2026-11-30") }, "2026-12-01")).toBe("Overdue by 1 day");
    expect(dueText({ status: "open", dueDate: d("2026-12-01") }, "2026-12-01")).toBe("Due today");
    expect(dueText({ status: "open", dueDate: d("2026-12-04") }, "2026-12-01")).toBe("Due in 3 days");
    expect(dueText({ status: "open", dueDate: d("2027-03-01") }, "2026-12-01")).toBe("1 Mar 2027");
    expect(dueText({ status: "open", dueDate: d("2027-03-01") }, "2026-12-01", formatDayLong)).toBe("1 March 2027");
    expect(dueText({ status: "done", dueDate: d("2026-11-26") }, "2026-12-01")).toBe("26 Nov 2026");
    expect(dueText({ status: "open", dueDate: null }, "2026-12-01")).toBe("No due date");
  });
});

it("formats gains with a sign", () => {
  expect([formatGain(1.24), formatGain(-0.36), formatGain(0.04), formatGain(0)]).toEqual(["+1.2", "−0.4", "0.0", "0.0"]);
});
