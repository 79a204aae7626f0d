"use client";

import { useState } from "react";
import { useFormContext } from "react-hook-form";
import { Input, Select } from "@/components/ui/input";
import type { IdentifyFormValues } from "@/lib/identify/schema";

/** "+02:00" for the browser's zone at that moment; the picker has no zone of its own, so we make it explicit. */
function localOffset(at: Date): string {
  const minutes = -at.getTimezoneOffset();
  const sign = minutes >= 0 ? "+" : "-";
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/** A date and time picked in the browser's picker, written into the value field with its zone. */
export function DatePicker({ path }: { path: `${"properties" | "companyProperties"}.${number}` }) {
  const { setValue } = useFormContext<IdentifyFormValues>();
  const [zone, setZone] = useState<"utc" | "local">("utc");
  const [picked, setPicked] = useState("");

  function apply(localValue: string, nextZone: "utc" | "local") {
    if (!localValue) return;
    const withSeconds = localValue.length === 16 ? `${localValue}:00` : localValue;
    const offset = nextZone === "utc" ? "Z" : localOffset(new Date(localValue));
    setValue(`${path}.value`, `${withSeconds}${offset}`, { shouldValidate: true, shouldDirty: true });
  }

  return (
    <div className="grid grid-cols-[minmax(0,1fr)_6.5rem] gap-2">
      <Input
        type="datetime-local"
        aria-label="Pick date and time"
        value={picked}
        onChange={(event) => {
          setPicked(event.target.value);
          apply(event.target.value, zone);
        }}
      />
      <Select
        aria-label="Time zone"
        value={zone}
        onChange={(event) => {
          const next = event.target.value === "local" ? "local" : "utc";
          setZone(next);
          apply(picked, next);
        }}
      >
        <option value="utc">UTC</option>
        <option value="local" suppressHydrationWarning>
          Local ({localOffset(new Date())})
        </option>
      </Select>
    </div>
  );
}
