"use client";

import type { Identifies } from "@/lib/identify/schema";

const OPTIONS: { value: Identifies; label: string }[] = [
  { value: "user", label: "User" },
  { value: "company", label: "Company" },
];

/** The radio group named "Identify": what this send creates or updates. */
export function IdentifiesChoice({ value, onChange }: { value: Identifies; onChange: (value: Identifies) => void }) {
  return (
    <fieldset role="radiogroup" className="flex flex-wrap items-center gap-x-6 gap-y-2">
      <legend className="float-left mr-2 text-sm font-semibold text-slate-900">Identify</legend>
      {OPTIONS.map((option) => (
        <label key={option.value} className="flex items-center gap-2 text-sm text-slate-800">
          <input
            type="radio"
            name="identifies"
            value={option.value}
            checked={value === option.value}
            onChange={() => onChange(option.value)}
            className="h-4 w-4 accent-indigo-600"
          />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}
