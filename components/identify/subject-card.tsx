"use client";

import { useFormContext } from "react-hook-form";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/text-field";
import { fieldBinder } from "@/lib/browser/form-field";
import type { IdentifyFormValues } from "@/lib/identify/schema";
import { PropertyRows } from "./property-rows";

const SUBJECTS = {
  user: {
    title: "User",
    id: "userId",
    label: "User ID",
    placeholder: "e.g. user_001",
    hint: undefined,
    rows: "properties",
    legend: "User properties",
  },
  company: {
    title: "Company (optional)",
    id: "companyId",
    label: "Company ID",
    placeholder: "Leave empty to send no company",
    hint: "A user belongs to one company at a time: a different company ID moves the user.",
    rows: "companyProperties",
    legend: "Company properties",
  },
} as const;

/** The user, or the company: its ID, then its property rows. */
export function SubjectCard({ group }: { group: keyof typeof SUBJECTS }) {
  const subject = SUBJECTS[group];
  const field = fieldBinder(useFormContext<IdentifyFormValues>());
  return (
    <Card title={subject.title}>
      <div className="space-y-6">
        <TextField
          id={subject.id}
          label={subject.label}
          autoComplete="off"
          spellCheck={false}
          placeholder={subject.placeholder}
          hint={subject.hint}
          {...field(subject.id)}
        />
        <PropertyRows name={subject.rows} legend={subject.legend} group={group} />
      </div>
    </Card>
  );
}
