"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Form } from "@/components/ui/form";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { fieldBinder, showFieldErrors } from "@/lib/browser/form-field";
import type { RequestResult } from "@/lib/browser/request-json";
import {
  environmentInputSchema,
  newEnvironmentSchema,
  type EnvironmentInput,
  type EnvironmentSummary,
} from "@/lib/environments/types";

const REGION_OPTIONS = [
  { value: "us", label: "US (analytex.userpilot.io)" },
  { value: "eu", label: "EU (analytex-eu.userpilot.io)" },
  { value: "custom", label: "Custom base URL" },
];

type Props = {
  initial?: EnvironmentSummary;
  onSubmit: (values: EnvironmentInput) => Promise<RequestResult<unknown>>;
  onCancel?: () => void;
};

/** Add or edit an environment. The key field is write-only: empty on edit means "keep the stored key". */
export function EnvironmentForm({ initial, onSubmit, onCancel }: Props) {
  const editing = initial !== undefined;
  const form = useForm<EnvironmentInput>({
    resolver: zodResolver(editing ? environmentInputSchema : newEnvironmentSchema),
    defaultValues: {
      name: initial?.name ?? "",
      region: initial?.region === "eu" ? "eu" : initial?.region === "custom" ? "custom" : "us",
      baseUrl: initial?.region === "custom" ? initial.baseUrl : "",
      apiKey: "",
      isProduction: initial?.isProduction ?? true,
    },
  });
  const { register, handleSubmit, formState, setError, reset, control } = form;
  const field = fieldBinder(form);
  const region = useWatch({ control, name: "region" });
  const prefix = editing ? "edit-env" : "new-env";

  return (
    <Form
      label={editing ? "Edit environment" : "Add an environment"}
      className="space-y-4"
      onSubmit={handleSubmit(async (values) => {
        const result = await onSubmit(values);
        if (!result.ok) showFieldErrors(setError, result.fields);
        else if (!editing) reset();
      })}
    >
      <fieldset disabled={formState.isSubmitting} className="grid gap-4 sm:grid-cols-2">
        <TextField id={`${prefix}-name`} label="Name" placeholder="e.g. Staging" {...field("name")} />
        <SelectField
          id={`${prefix}-region`}
          label="Region"
          options={REGION_OPTIONS}
          {...register("region")}
        />
        {region === "custom" && (
          <TextField
            id={`${prefix}-url`}
            label="Base URL"
            placeholder="https://proxy.example.com"
            fieldClassName="sm:col-span-2"
            {...field("baseUrl")}
          />
        )}
        <TextField
          id={`${prefix}-key`}
          label="API key"
          fieldClassName="sm:col-span-2"
          type="password"
          autoComplete="off"
          placeholder={
            editing
              ? `Leave empty to keep the key ending in ${initial?.keyLast4 ?? "…"}`
              : "The API key, not the App Token"
          }
          hint={
            editing
              ? "Changing the region or base URL needs the key again. Stored encrypted; never shown again."
              : "Userpilot: Settings > Environment. Stored encrypted; never shown again."
          }
          {...field("apiKey")}
        />
        <label className="inline-flex items-center gap-2 text-sm text-slate-800 sm:col-span-2">
          <input type="checkbox" className="size-4 accent-indigo-600" {...register("isProduction")} />
          Production: sends ask for a confirmation that names it
        </label>
      </fieldset>
      <div className="flex gap-2">
        <Button type="submit" variant="primary" disabled={formState.isSubmitting}>
          {editing ? "Save environment" : "Add environment"}
        </Button>
        {onCancel && (
          <Button type="button" variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
    </Form>
  );
}
