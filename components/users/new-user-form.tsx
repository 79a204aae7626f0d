"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { AccountFields } from "@/components/auth/account-fields";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field-message";
import { Form } from "@/components/ui/form";
import { SelectField } from "@/components/ui/select-field";
import { ROLE_LABELS, ROLES } from "@/lib/auth/roles";
import { newUserSchema, type NewUser } from "@/lib/auth/schemas";
import { fieldBinder, showFieldErrors } from "@/lib/browser/form-field";
import { requestJson } from "@/lib/browser/request-json";
import { useFormFailure } from "@/lib/browser/use-form-failure";

const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

export function NewUserForm({ onCreated }: { onCreated: (email: string) => void }) {
  const form = useForm<NewUser>({
    resolver: zodResolver(newUserSchema),
    defaultValues: { name: "", email: "", password: "", role: "viewer" },
  });
  const { register, handleSubmit, formState, setError, reset } = form;
  const { failure, onSubmit } = useFormFailure(handleSubmit, async (values) => {
    const result = await requestJson("/api/users", z.unknown(), {
      method: "POST",
      body: values,
      unexpected: (status) => `The server answered ${status}.`,
    });
    if (!result.ok) {
      showFieldErrors(setError, result.fields);
      return result.message;
    }
    reset();
    onCreated(values.email);
    return null;
  });

  return (
    <Form label="Add a staff member" className="space-y-4" onSubmit={onSubmit}>
      <fieldset disabled={formState.isSubmitting} className="grid gap-4 sm:grid-cols-2">
        <AccountFields idPrefix="new-user" field={fieldBinder(form)} owner="other" />
        <SelectField id="new-user-role" label="Role" options={ROLE_OPTIONS} {...register("role")} />
      </fieldset>
      <FormError message={failure} />
      <Button type="submit" variant="primary" disabled={formState.isSubmitting}>
        Add staff member
      </Button>
    </Form>
  );
}
