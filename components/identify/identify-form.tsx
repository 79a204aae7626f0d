"use client";

import { FormProvider, useForm, type Path, type Resolver } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Form } from "@/components/ui/form";
import { sentValues } from "@/lib/identify/form-values";
import type { Identifies, IdentifyFormValues } from "@/lib/identify/schema";
import type { FieldError as ServerFieldError } from "@/lib/outcome/schema";
import { IdentifiesChoice } from "./identifies-choice";
import { RequestPreview } from "./request-preview";
import { SubjectCard } from "./subject-card";

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
  /** The form was first entered (a field focused): what it needs from then on can load. */
  onFirstUse?: () => void;
};

// The rules (the schema the route shares, zod and the resolver) load on first use: when the form is first
// entered, at the latest with the first check (a field left, or Send). Nothing is checked before that.
const loadRules = () => Promise.all([import("@hookform/resolvers/zod"), import("@/lib/identify/schema")]);

/** Checks what is sent by the rules of what it identifies, and submits exactly that. */
const resolverFor =
  (identifies: Identifies): Resolver<IdentifyFormValues> =>
  async (values, context, options) => {
    const [{ zodResolver }, { formSchemaFor }] = await loadRules();
    return zodResolver(formSchemaFor(identifies))(sentValues(values, identifies), context, options);
  };

/** The Identify form: values in, a validated submit out; the page owns sending and answers what was refused. */
export function IdentifyForm({ defaultValues, sending, baseUrl, outcome, identifies, onIdentifiesChange, onSubmit, onFirstUse }: Props) {
  const form = useForm<IdentifyFormValues>({
    resolver: resolverFor(identifies),
    defaultValues,
    mode: "onTouched",
  });
  const { handleSubmit, setError } = form;

  return (
    <FormProvider {...form}>
      <Form
        label={identifies === "company" ? "Identify company" : "Identify user"}
        onSubmit={handleSubmit(async (values) => {
          if (sending) return;
          const { fields } = await onSubmit(values);
          for (const field of fields) {
            setError(field.path as Path<IdentifyFormValues>, { type: "server", message: field.message }, { shouldFocus: true });
          }
        })}
        className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]"
      >
        <fieldset
          disabled={sending}
          className="min-w-0 space-y-6"
          onFocus={() => {
            void loadRules();
            onFirstUse?.();
          }}
        >
          <IdentifiesChoice
            value={identifies}
            onChange={(next) => {
              form.clearErrors();
              onIdentifiesChange(next);
            }}
          />
          <SubjectCard group="user" identifies={identifies} />
          <SubjectCard group="company" identifies={identifies} />
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
      </Form>
    </FormProvider>
  );
}
