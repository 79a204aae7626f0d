import { accepted, rejected, type ParseResult } from "./parse-result";

const TIME_THEN_ZONE = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(.*)$/s;
const OFFSET = /^([+-])(\d{2})(?::?(\d{2}))?$/;
const MAX_FRACTION_DIGITS = 9;
const MAX_OFFSET_MINUTES = 14 * 60;

/** `10:00Z` → `10:00:00Z`, `10:00:00.5+0200` → `10:00:00.5+02:00`: seconds added, offset written with a colon. */
export function normalizeTimeWithZone(text: string): ParseResult<string> {
  const match = TIME_THEN_ZONE.exec(text);
  if (!match) {
    return rejected("Write the time as HH:mm or HH:mm:ss with a time zone, e.g. 2025-12-31T10:00:00Z");
  }
  const [, hours = "", minutes = "", seconds = "00", fraction, zoneText = ""] = match;
  if (Number(hours) > 23) return rejected(`There is no hour ${hours}: hours go from 00 to 23`);
  if (Number(minutes) > 59) return rejected(`There is no minute ${minutes}: minutes go from 00 to 59`);
  if (Number(seconds) > 59) return rejected(`There is no second ${seconds}: seconds go from 00 to 59`);
  if (fraction !== undefined && fraction.length > MAX_FRACTION_DIGITS) {
    return rejected(`Write at most ${MAX_FRACTION_DIGITS} digits after the seconds' decimal point`);
  }
  const zone = normalizeZone(zoneText);
  if (!zone.ok) return zone;
  const fractionPart = fraction === undefined ? "" : `.${fraction}`;
  return accepted(`${hours}:${minutes}:${seconds}${fractionPart}${zone.value}`);
}

// "+00:00" is kept as written rather than turned into "Z": both mean UTC, and the user sees what they typed.
function normalizeZone(text: string): ParseResult<string> {
  if (text === "") return rejected("Add a time zone: Z for UTC or an offset like +02:00");
  if (text === "Z" || text === "z") return accepted("Z");
  if (/^(?:utc|gmt)$/i.test(text.trim())) return rejected("Write Z for UTC, e.g. 10:00:00Z");
  if (/^\s/.test(text)) return rejected("Remove the space before the time zone");
  const match = OFFSET.exec(text);
  if (!match) return rejected("Write the time zone as Z or an offset like +02:00");
  const [, sign = "", hours = "", minutes = "00"] = match;
  if (Number(minutes) > 59) return rejected("Offset minutes go from 00 to 59, e.g. +05:30");
  if (Number(hours) * 60 + Number(minutes) > MAX_OFFSET_MINUTES) {
    return rejected("Time zone offsets go from -14:00 to +14:00");
  }
  return accepted(`${sign}${hours}:${minutes}`);
}
