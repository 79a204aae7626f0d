"use client";

import { useFormContext } from "react-hook-form";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/text-field";
import { fieldBinder } from "@/lib/browser/form-field";
import type { Identifies, IdentifyFormValues } from "@/lib/identify/schema";
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
  // Identify Company: the company is the whole send.
  companyAlone: {
    title: "Company",
    id: "companyId",
    label: "Company ID",
    placeholder: "e.g. company_001",
    hint: "Identify Company creates or updates this company; no user is sent or moved.",
    rows: "companyProperties",
    legend: "Company properties",
  },
} as const;

type Props = { group: "user" | "company"; identifies: Identifies };

/** The user, or the company: its ID, then its property rows. A company send hides the user. */
export function SubjectCard({ group, identifies }: Props) {
  const subject = SUBJECTS[group === "company" && identifies === "company" ? "companyAlone" : group];
  const field = fieldBinder(useFormContext<IdentifyFormValues>());
  return (
    <Card title={subject.title} className={group === "user" && identifies === "company" ? "hidden" : ""}>
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
