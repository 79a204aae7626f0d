"use client";

import { useSyncExternalStore } from "react";

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
  ["second", 1],
];

function relativeTime(iso: string, now: number): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  if (Math.abs(seconds) < 10) return "just now";
  const format = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return "just now";
}

// One shared clock, ticking every 30 s while anything shows a relative time.
let clockNow = Date.now();
function subscribeClock(onTick: () => void) {
  clockNow = Date.now();
  const timer = setInterval(() => {
    clockNow = Date.now();
    onTick();
  }, 30_000);
  return () => clearInterval(timer);
}

/** "3 minutes ago", with the exact time on hover; the server renders the exact time, so both agree. */
export function RelativeTime({ iso }: { iso: string }) {
  const now = useSyncExternalStore(
    subscribeClock,
    () => clockNow,
    () => null,
  );
  const exact = new Date(iso)
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d+Z$/, " UTC");
  return (
    <time dateTime={iso} title={exact} className="whitespace-nowrap">
      {now === null ? exact : relativeTime(iso, now)}
    </time>
  );
}
