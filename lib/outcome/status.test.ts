import { describe, expect, it } from "vitest";
import {
  isTransient,
  REDIRECT_MESSAGE,
  statusKind,
  statusLabel,
  statusTone,
  type StatusKind,
  type StatusTone,
} from "./status";

describe("statusKind", () => {
  it.each<[string, StatusKind]>([
    ["200", "accepted"],
    ["202", "accepted"],
    ["299", "accepted"],
    ["400", "bad_request"],
    ["404", "bad_request"],
    ["409", "bad_request"],
    ["413", "bad_request"],
    ["401", "unauthorized"],
    ["403", "unauthorized"],
    ["429", "rate_limited"],
    ["500", "server_error"],
    ["502", "server_error"],
    ["503", "server_error"],
    ["599", "server_error"],
    ["timeout", "timeout"],
    ["network_error", "network_error"],
    ["rejected", "rejected"],
    ["pending", "pending"],
    ["302", "redirect"],
    ["303", "redirect"],
    ["100", "unexpected"],
    ["4.5", "unexpected"],
    ["weird", "unexpected"],
  ])("%s is %s", (status, kind) => {
    expect(statusKind(status)).toBe(kind);
  });
});

describe("statusLabel", () => {
  it.each([
    ["202", "202 Accepted"],
    ["200", "200 OK"],
    ["400", "400 Bad request"],
    ["401", "401 Unauthorized"],
    ["403", "403 Forbidden"],
    ["409", "409 Conflict"],
    ["413", "413 Too large"],
    ["429", "429 Too many requests"],
    ["500", "500 Server error"],
    ["502", "502 Bad gateway"],
    ["503", "503 Unavailable"],
    ["504", "504 Gateway timeout"],
    ["timeout", "Timeout"],
    ["network_error", "Network error"],
    ["pending", "Pending"],
    ["rejected", "Rejected by form"],
  ])("%s reads %j", (status, label) => {
    expect(statusLabel(status)).toBe(label);
  });

  it("names the class of a status it has no word for", () => {
    expect(statusLabel("418")).toBe("418 Client error");
    expect(statusLabel("520")).toBe("520 Server error");
  });

  it("shows a bare code outside 3xx, 4xx and 5xx", () => {
    expect(statusLabel("100")).toBe("100");
  });

  it("names a redirect as one", () => {
    expect(statusLabel("303")).toBe("303 Redirect");
    expect(statusLabel("307")).toBe("307 Redirect");
  });
});

describe("statusTone", () => {
  it.each<[string, StatusTone]>([
    ["202", "success"],
    ["200", "success"],
    ["pending", "pending"],
    ["429", "warning"],
    ["500", "warning"],
    ["503", "warning"],
    ["timeout", "warning"],
    ["network_error", "warning"],
    ["400", "danger"],
    ["401", "danger"],
    ["403", "danger"],
    ["rejected", "danger"],
    ["303", "danger"],
    ["100", "neutral"],
    ["weird", "neutral"],
  ])("%s is %s", (status, tone) => {
    expect(statusTone(status)).toBe(tone);
  });
});

describe("isTransient", () => {
  it.each(["429", "500", "502", "503", "504", "timeout", "network_error"])(
    "%s may succeed if sent again",
    (status) => {
      expect(isTransient(status)).toBe(true);
    },
  );

  it.each(["202", "200", "400", "401", "403", "413", "rejected", "pending", "302", "weird"])(
    "%s would fail the same way (or already worked)",
    (status) => {
      expect(isTransient(status)).toBe(false);
    },
  );
});

describe("statuses at the edges", () => {
  it("knows an outcome that is unknown", () => {
    expect(statusKind("unknown")).toBe("unknown");
    expect(statusLabel("unknown")).toBe("Outcome unknown");
    expect(statusTone("unknown")).toBe("warning");
    expect(isTransient("unknown")).toBe(false);
  });

  it.each<[string, StatusKind]>([
    ["300", "redirect"],
    ["399", "redirect"],
    ["250.5", "unexpected"],
  ])("%s is %s", (status, kind) => {
    expect(statusKind(status)).toBe(kind);
  });

  it.each([
    ["300", "300 Redirect"],
    ["404", "404 Not found"],
    ["501", "501 Server error"],
    ["418", "418 Client error"],
    ["", ""],
    ["  ", "  "],
  ])("labels %j as %j", (status, label) => {
    expect(statusLabel(status)).toBe(label);
  });

  it("tells the user to check the URL after a redirect", () => {
    expect(REDIRECT_MESSAGE).toBe("Userpilot answered a redirect; check the environment's URL");
  });
});
