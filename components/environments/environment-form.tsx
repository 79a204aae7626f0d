"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, useWatch, type Path } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/input";
import { TextField } from "@/components/ui/text-field";
import type { RequestResult } from "@/lib/browser/request-json";
import {
  environmentInputSchema,
  newEnvironmentSchema,
  type EnvironmentInput,
  type EnvironmentSummary,
} from "@/lib/environments/types";

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
  const region = useWatch({ control, name: "region" });
  const prefix = editing ? "edit-env" : "new-env";

  return (
    <form
      noValidate
      aria-label={editing ? "Edit environment" : "Add an environment"}
      className="space-y-4"
      onSubmit={handleSubmit(async (values) => {
        const result = await onSubmit(values);
        if (!result.ok) {
          for (const field of result.fields)
            setError(field.path as Path<EnvironmentInput>, { message: field.message });
        } else if (!editing) reset();
      })}
    >
      <fieldset disabled={formState.isSubmitting} className="grid gap-4 sm:grid-cols-2">
        <TextField
          id={`${prefix}-name`}
          label="Name"
          placeholder="e.g. Staging"
          error={formState.errors.name?.message}
          {...register("name")}
        />
        <div>
          <label htmlFor={`${prefix}-region`} className="mb-1 block text-sm font-medium text-slate-800">
            Region
          </label>
          <Select id={`${prefix}-region`} {...register("region")}>
            <option value="us">US (analytex.userpilot.io)</option>
            <option value="eu">EU (analytex-eu.userpilot.io)</option>
            <option value="custom">Custom base URL</option>
          </Select>
        </div>
        {region === "custom" && (
          <div className="sm:col-span-2">
            <TextField
              id={`${prefix}-url`}
              label="Base URL"
              placeholder="https://proxy.example.com"
              error={formState.errors.baseUrl?.message}
              {...register("baseUrl")}
            />
          </div>
        )}
        <div className="sm:col-span-2">
          <TextField
            id={`${prefix}-key`}
            label="API key"
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
            error={formState.errors.apiKey?.message}
            {...register("apiKey")}
          />
        </div>
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
    </form>
  );
}
