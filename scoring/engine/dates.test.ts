// Dates as day numbers: only a whole YYYY-MM-DD date is a date, months count from January.
import { describe, expect, it } from "vitest";
import { dayNumber, daysBetween } from "./dates";

describe("dayNumber: days since 1970-01-01", () => {
  it("counts days across months and leap years", () => {
    expect(dayNumber("1970-01-01")).toBe(0);
    expect(dayNumber("1970-01-02")).toBe(1);
    expect(dayNumber("1970-02-01")).toBe(31);
    expect(dayNumber("1971-01-01")).toBe(365);
  });

  it("is NaN for anything but a whole YYYY-MM-DD date", () => {
    expect(dayNumber("x1970-01-02")).toBeNaN();
    expect(dayNumber("1970-01-02x")).toBeNaN();
    expect(dayNumber("1970-01-02T00:00:00Z")).toBeNaN();
    expect(dayNumber("1970-1-2")).toBeNaN();
    // The same text again (now cached) gives the same answers.
    expect(dayNumber("1970-01-02x")).toBeNaN();
    expect(dayNumber("1970-02-01")).toBe(31);
  });
});

describe("daysBetween", () => {
  it("counts whole days across months of different lengths, negative backwards", () => {
    expect(daysBetween("2026-01-01", "2026-03-01")).toBe(59);
    expect(daysBetween("2024-02-28", "2024-03-01")).toBe(2);
    expect(daysBetween("2026-03-01", "2026-01-01")).toBe(-59);
  });
});
