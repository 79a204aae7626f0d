"use client";

import { useFormContext, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-message";
import { Input } from "@/components/ui/input";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { fieldBinder } from "@/lib/browser/form-field";
import { propertyNameHint } from "@/lib/identify/reserved";
import { PROPERTY_TYPES, type PropertyType } from "@/lib/identify/property-types";
import type { IdentifyFormValues } from "@/lib/identify/schema";
import { typeDrift } from "@/lib/profiles/drift";
import { DateValueInput } from "./date-value-input";
import { useRegistry } from "./registry-context";

const TYPE_LABELS: Record<PropertyType, string> = {
  string: "String",
  numeric: "Numeric",
  date: "Date",
  remove: "Remove",
};
const TYPE_OPTIONS = PROPERTY_TYPES.map((type) => ({ value: type, label: TYPE_LABELS[type] }));

type Props = {
  groupName: "properties" | "companyProperties";
  group: "user" | "company";
  index: number;
  datalistId: string;
  type: PropertyType;
  onRemove: () => void;
};

export function PropertyRow({ groupName, group, index, datalistId, type, onRemove }: Props) {
  const form = useFormContext<IdentifyFormValues>();
  const { register, control, setValue, getValues, formState } = form;
  const path = `${groupName}.${index}` as const;
  const name = useWatch({ control, name: `${path}.name` }) ?? "";
  const errors = formState.errors[groupName]?.[index];
  const hint = propertyNameHint(group, name);
  const registry = useRegistry();
  const drift = typeDrift(registry, group, name, type);
  const ids = { name: `${path}.name`, type: `${path}.type`, value: `${path}.value` };

  const nameField = fieldBinder(form)(`${path}.name`, {
    onChange: (event: { target: { value: string } }) => {
      const suggested = propertyNameHint(group, event.target.value)?.suggestedType;
      if (suggested && getValues(`${path}.value`) === "") setValue(`${path}.type`, suggested);
    },
  });

  // A Remove row sends null: what was typed before the switch must not travel or be kept anywhere.
  const typeField = register(`${path}.type`, {
    onChange: (event: { target: { value: string } }) => {
      if (event.target.value === "remove") setValue(`${path}.value`, "");
    },
  });

  return (
    <div className="grid grid-cols-1 gap-3 rounded-md bg-slate-50 p-3 ring-1 ring-slate-200 sm:grid-cols-[minmax(0,1fr)_8rem_minmax(0,1.7fr)_auto]">
      <TextField
        id={ids.name}
        label="Property name"
        compact
        list={datalistId}
        autoComplete="off"
        spellCheck={false}
        hint={hint?.warning ?? hint?.note ?? ""}
        hintTone={hint?.warning ? "warning" : "info"}
        {...nameField}
      />
      <SelectField
        id={ids.type}
        label="Type"
        compact
        options={TYPE_OPTIONS}
        aria-describedby={drift ? `${ids.type}-drift` : undefined}
        {...typeField}
      />
      <div>
        <ValueInput path={path} type={type} invalid={Boolean(errors?.value)} />
        <FieldError id={`${ids.value}-error`} message={errors?.value?.message} />
      </div>
      <div className="flex items-start sm:pt-5">
        <Button type="button" variant="ghost" onClick={onRemove} aria-label={name ? `Remove ${name}` : `Remove property ${index + 1}`}>
          <span aria-hidden="true">✕</span>
        </Button>
      </div>
      {drift && (
        <p id={`${ids.type}-drift`} role="note" className="text-xs font-medium text-amber-800 sm:col-span-4">
          <span className="font-mono">{drift.name}</span>
          {drift.message.slice(drift.name.length)}
        </p>
      )}
    </div>
  );
}

function ValueInput({ path, type, invalid }: { path: `${"properties" | "companyProperties"}.${number}`; type: PropertyType; invalid: boolean }) {
  const { register } = useFormContext<IdentifyFormValues>();
  const id = `${path}.value`;
  const common = { id, "aria-invalid": invalid || undefined, "aria-describedby": `${id}-error` } as const;

  if (type === "remove") {
    return (
      <div>
        <span className="mb-1 block text-xs font-medium text-slate-700">Value</span>
        <p className="py-2 text-sm text-slate-500">Sends null: Userpilot deletes this property.</p>
      </div>
    );
  }
  if (type === "date") return <DateValueInput path={path} {...common} />;
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-700">
        Value
      </label>
      <Input
        {...common}
        {...register(`${path}.value`)}
        {...(type === "numeric"
          ? { inputMode: "decimal" as const, placeholder: "e.g. 1000 or -3.5", spellCheck: false }
          : { placeholder: "Text" })}
        autoComplete="off"
      />
    </div>
  );
}
