import { describe, expect, it } from "vitest";
import { NO_DATE, formatDateTime, formatDateTimeLong, formatDay, formatDayLong, readableDays } from "./dates";

// Expected texts are written out by hand, not computed with Intl: the test pins the format.

describe("formatDay", () => {
  it("reads a date-only string as that calendar day", () => {
    expect(formatDay("2026-12-06")).toBe("6 Dec 2026");
    expect(formatDay("2027-01-05")).toBe("5 Jan 2027");
    expect(formatDay("2026-09-30")).toBe("30 Sep 2026");
  });

  it("formats a Date in UTC", () => {
    expect(formatDay(new Date(Date.UTC(2026, 11, 13)))).toBe("13 Dec 2026");
  });

  it("uses the UTC day of a timestamp near midnight, whatever the offset it was written with", () => {
    expect(formatDay("2026-12-06T23:59:59.999Z")).toBe("6 Dec 2026");
    expect(formatDay("2026-12-07T00:00:00.000Z")).toBe("7 Dec 2026");
    expect(formatDay("2026-12-06T23:30:00-02:00")).toBe("7 Dec 2026");
    expect(formatDay(new Date("2026-12-31T23:59:00Z"))).toBe("31 Dec 2026");
  });

  it("reads a timestamp without an offset as UTC", () => {
    expect(formatDay("2026-12-06T23:30")).toBe("6 Dec 2026");
  });

  it.each([
    ["an invalid Date", new Date("nonsense")],
    ["an empty string", ""],
    ["a day that does not exist", "2026-02-30"],
    ["a month that does not exist", "2026-13-01"],
    ["a British numeric date", "13/12/2026"],
    ["an American numeric date", "12/13/2026"],
    ["words", "6 Dec 2026"],
  ])("shows a dash for %s", (_, value) => {
    expect(formatDay(value)).toBe(NO_DATE);
    expect(formatDayLong(value)).toBe(NO_DATE);
    expect(formatDateTime(value)).toBe(NO_DATE);
  });

  it("the dash is an em dash", () => {
    expect(NO_DATE).toBe("—");
  });
});

describe("formatDayLong", () => {
  it("writes the month out, for documents", () => {
    expect(formatDayLong("2027-01-05")).toBe("5 January 2027");
    expect(formatDayLong("2026-09-06")).toBe("6 September 2026");
    expect(formatDayLong(new Date(Date.UTC(2026, 11, 6, 23, 59)))).toBe("6 December 2026");
    expect(formatDayLong("2026-12-06T00:00:00.000Z")).toBe("6 December 2026");
  });
});

describe("formatDateTime", () => {
  it("gives the day, the time to the minute, and says UTC", () => {
    expect(formatDateTime("2026-12-06T14:05:59Z")).toBe("6 Dec 2026, 14:05 UTC");
    expect(formatDateTime(new Date(Date.UTC(2027, 0, 5, 9, 3)))).toBe("5 Jan 2027, 09:03 UTC");
  });

  it("near midnight UTC, the UTC day and time", () => {
    expect(formatDateTime("2026-12-06T23:59:00.000Z")).toBe("6 Dec 2026, 23:59 UTC");
    expect(formatDateTime("2026-12-07T00:30:00+01:00")).toBe("6 Dec 2026, 23:30 UTC");
  });

  it("a date-only string is midnight UTC", () => {
    expect(formatDateTime("2026-12-06")).toBe("6 Dec 2026, 00:00 UTC");
  });
});

describe("formatDateTimeLong", () => {
  it("writes the month out and says UTC", () => {
    expect(formatDateTimeLong("2026-12-06T14:05:00Z")).toBe("6 December 2026, 14:05 UTC");
    expect(formatDateTimeLong("bad")).toBe("—");
  });
});

describe("readableDays", () => {
  it("replaces each ISO day in a sentence, short or long", () => {
    expect(readableDays("US export restriction (in force since 2026-03-02, estimated date; partly lifted 2026-07-13)")).toBe(
      "US export restriction (in force since 2 Mar 2026, estimated date; partly lifted 13 Jul 2026)",
    );
    expect(readableDays("tested on 2027-01-05.", formatDayLong)).toBe("tested on 5 January 2027.");
  });

  it("leaves text without a real day alone", () => {
    expect(readableDays("methodology 2026.12-1, 2026-02-30, HHI 0.42")).toBe("methodology 2026.12-1, 2026-02-30, HHI 0.42");
  });
});
