"use client";

import { lazy, Suspense } from "react";
import { useFormContext } from "react-hook-form";
import { Input } from "@/components/ui/input";
import type { IdentifyFormValues } from "@/lib/identify/schema";

// The picker shows only in a Date row, so it loads with the first one; the typed value works without it.
const DatePicker = lazy(() => import("./date-picker").then((module) => ({ default: module.DatePicker })));

type Props = {
  path: `${"properties" | "companyProperties"}.${number}`;
  id: string;
  "aria-invalid"?: boolean;
  "aria-describedby": string;
};

export function DateValueInput({ path, id, ...aria }: Props) {
  const { register } = useFormContext<IdentifyFormValues>();
  return (
    <div className="space-y-2">
      <div>
        <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-700">
          Value
        </label>
        <Input
          id={id}
          placeholder="2025-02-01 or 2025-02-01T10:00:00Z"
          spellCheck={false}
          autoComplete="off"
          {...aria}
          {...register(`${path}.value`)}
        />
      </div>
      <Suspense fallback={<div className="h-9" aria-hidden="true" />}>
        <DatePicker path={path} />
      </Suspense>
    </div>
  );
}
