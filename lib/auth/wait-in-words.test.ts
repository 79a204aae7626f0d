import { describe, expect, it } from "vitest";
import { accountLockedMessage, tooManyAttemptsMessage, waitInWords } from "./wait-in-words";

describe("waitInWords", () => {
  it.each([
    [1, "1 second"],
    [2, "2 seconds"],
    [59, "59 seconds"],
    [60, "1 minute"],
    [61, "2 minutes"],
    [120, "2 minutes"],
    [1800, "30 minutes"],
  ])("words %i seconds as %j", (seconds, words) => {
    expect(waitInWords(seconds)).toBe(words);
  });

  it("puts the wait in both sign-in messages", () => {
    expect(accountLockedMessage(1)).toBe("Too many attempts for this account. Try again in 1 second.");
    expect(tooManyAttemptsMessage(90)).toBe("Too many sign-in attempts. Try again in 2 minutes.");
  });
});
