"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { FormProvider, useForm, type Path, type Resolver } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FieldError } from "@/components/ui/field-message";
import { Input } from "@/components/ui/input";
import { formSchemaFor, sentValues, type Identifies, type IdentifyFormValues } from "@/lib/identify/schema";
import type { FieldError as ServerFieldError } from "@/lib/outcome/schema";
import { IdentifiesChoice } from "./identifies-choice";
import { PropertyRows } from "./property-rows";
import { RequestPreview } from "./request-preview";

/** What a submit came to, as far as the form cares: the fields the server refused, by the form's paths. */
export type SubmitResult = { fields: ServerFieldError[] };

type Props = {
  defaultValues: IdentifyFormValues;
  sending: boolean;
  baseUrl: string;
  outcome: React.ReactNode;
  /** A user (with an optional company), or a company on its own: the user part is then hidden and not sent. */
  identifies: Identifies;
  onIdentifiesChange: (identifies: Identifies) => void;
  onSubmit: (values: IdentifyFormValues) => Promise<SubmitResult>;
};

/** Checks what is sent by the rules of what it identifies, and submits exactly that. */
const resolverFor =
  (identifies: Identifies): Resolver<IdentifyFormValues> =>
  (values, context, options) =>
    zodResolver(formSchemaFor(identifies))(sentValues(values, identifies), context, options);

/** The Identify form: values in, a validated submit out; the page owns sending and answers what was refused. */
export function IdentifyForm({ defaultValues, sending, baseUrl, outcome, identifies, onIdentifiesChange, onSubmit }: Props) {
  const form = useForm<IdentifyFormValues>({
    resolver: resolverFor(identifies),
    defaultValues,
    mode: "onTouched",
  });
  const { register, handleSubmit, setError, formState } = form;

  return (
    <FormProvider {...form}>
      <form
        noValidate
        aria-label={identifies === "company" ? "Identify company" : "Identify user"}
        onSubmit={handleSubmit(async (values) => {
          if (sending) return;
          const { fields } = await onSubmit(values);
          for (const field of fields) {
            setError(field.path as Path<IdentifyFormValues>, { type: "server", message: field.message }, { shouldFocus: true });
          }
        })}
        className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]"
      >
        <fieldset disabled={sending} className="min-w-0 space-y-6">
          <IdentifiesChoice
            value={identifies}
            onChange={(next) => {
              form.clearErrors();
              onIdentifiesChange(next);
            }}
          />
          <Card title="User" className={identifies === "company" ? "hidden" : ""}>
            <div className="space-y-6">
              <div>
                <label htmlFor="userId" className="mb-1 block text-sm font-medium text-slate-800">
                  User ID
                </label>
                <Input
                  id="userId"
                  autoComplete="off"
                  spellCheck={false}
                  placeholder="e.g. user_001"
                  aria-invalid={formState.errors.userId ? true : undefined}
                  aria-describedby="userId-error"
                  {...register("userId")}
                />
                <FieldError id="userId-error" message={formState.errors.userId?.message} />
              </div>
              <PropertyRows name="properties" legend="User properties" group="user" />
            </div>
          </Card>
          <Card title={identifies === "company" ? "Company" : "Company (optional)"}>
            <div className="space-y-6">
              <div>
                <label htmlFor="companyId" className="mb-1 block text-sm font-medium text-slate-800">
                  Company ID
                </label>
                <Input
                  id="companyId"
                  autoComplete="off"
                  spellCheck={false}
                  placeholder={identifies === "company" ? "e.g. company_001" : "Leave empty to send no company"}
                  aria-invalid={formState.errors.companyId ? true : undefined}
                  aria-describedby="companyId-error companyId-hint"
                  {...register("companyId")}
                />
                <FieldError id="companyId-error" message={formState.errors.companyId?.message} />
                <p id="companyId-hint" className="mt-1 text-xs text-slate-500">
                  {identifies === "company"
                    ? "Identify Company creates or updates this company; no user is sent or moved."
                    : "A user belongs to one company at a time: a different company ID moves the user."}
                </p>
              </div>
              <PropertyRows name="companyProperties" legend="Company properties" group="company" />
            </div>
          </Card>
          <div className="flex items-center gap-3">
            <Button type="submit" variant="primary" className="px-6" aria-describedby="send-hint">
              {sending ? "Sending…" : "Send"}
            </Button>
            <p id="send-hint" className="text-xs text-slate-500">
              Sends exactly the JSON shown in the preview. The API key stays on the server.
            </p>
          </div>
        </fieldset>
        <div className="min-w-0 space-y-6 self-start lg:sticky lg:top-6">
          {outcome}
          <RequestPreview baseUrl={baseUrl} identifies={identifies} />
        </div>
      </form>
    </FormProvider>
  );
}
