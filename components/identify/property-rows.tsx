"use client";

import { useFieldArray, useFormContext, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-message";
import { emptyRow } from "@/lib/identify/form-values";
import type { IdentifyFormValues } from "@/lib/identify/schema";
import { RESERVED_SUGGESTIONS } from "@/lib/identify/reserved";
import { TYPE_LABELS } from "@/lib/profiles/drift";
import { PropertyRow } from "./property-row";
import { useRegistry } from "./registry-context";

type GroupName = "properties" | "companyProperties";

export function PropertyRows({ name, legend, group }: { name: GroupName; legend: string; group: "user" | "company" }) {
  const { control, formState } = useFormContext<IdentifyFormValues>();
  const { fields, append, remove } = useFieldArray({ control, name });
  const rows = useWatch({ control, name });
  const groupError = formState.errors[name];
  const groupMessage = groupError?.message ?? groupError?.root?.message;
  const datalistId = `${name}-suggestions`;
  const reserved = RESERVED_SUGGESTIONS[group];
  // Names sent before from this console, with the type they were established as (the reserved ones say theirs).
  const sent = useRegistry().filter(
    (entry) => entry.group === group && !reserved.some((suggestion) => suggestion.name === entry.name),
  );

  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-semibold text-slate-900">{legend}</legend>
      <datalist id={datalistId}>
        {reserved.map((suggestion) => (
          <option key={suggestion.name} value={suggestion.name}>
            {suggestion.description}
          </option>
        ))}
        {sent.map((entry) => (
          <option key={entry.name} value={entry.name}>
            {`${TYPE_LABELS[entry.established]}: sent ${entry.total === 1 ? "once" : `${entry.total.toLocaleString("en-US")} times`}`}
          </option>
        ))}
      </datalist>
      {fields.length === 0 && <p className="text-sm text-slate-500">No properties yet.</p>}
      <ol className="space-y-3">
        {fields.map((field, index) => (
          <li key={field.id}>
            <PropertyRow
              groupName={name}
              group={group}
              index={index}
              datalistId={datalistId}
              type={rows?.[index]?.type ?? "string"}
              onRemove={() => remove(index)}
            />
          </li>
        ))}
      </ol>
      <FieldError id={`${name}-error`} message={groupMessage} />
      <Button type="button" variant="secondary" onClick={() => append(emptyRow())}>
        <span aria-hidden="true">+</span> Add property
      </Button>
    </fieldset>
  );
}
