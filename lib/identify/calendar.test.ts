import { describe, expect, it } from "vitest";
import { calendarProblem, monthName, toIsoDate } from "./calendar";

describe("calendar helpers", () => {
  it("writes years before 1000 with four digits", () => {
    expect(toIsoDate(99, 2, 1)).toBe("0099-02-01");
    expect(calendarProblem(100, 2, 29)).toBe("February 0100 has no day 29 (0100 is not a leap year)");
  });

  it("adds the leap-year note to 29 February only", () => {
    expect(calendarProblem(2025, 2, 29)).toBe("February 2025 has no day 29 (2025 is not a leap year)");
    expect(calendarProblem(2025, 2, 30)).toBe("February 2025 has no day 30");
    expect(calendarProblem(2025, 4, 31)).toBe("April 2025 has no day 31");
    expect(calendarProblem(2024, 2, 29)).toBeUndefined();
  });

  it("names months, and says which number is not one", () => {
    expect(monthName(1)).toBe("January");
    expect(monthName(12)).toBe("December");
    expect(monthName(13)).toBe("month 13");
  });
});
