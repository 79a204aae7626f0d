"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm, type Path } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-message";
import { Input, Select } from "@/components/ui/input";
import { sendJson } from "@/lib/api/send-json";
import { ROLE_LABELS, ROLES } from "@/lib/auth/roles";
import { newUserSchema, type NewUser } from "@/lib/auth/schemas";

export function NewUserForm({ onCreated }: { onCreated: (email: string) => void }) {
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, formState, setError: setFieldError, reset } = useForm<NewUser>({
    resolver: zodResolver(newUserSchema),
    defaultValues: { name: "", email: "", password: "", role: "viewer" },
  });

  return (
    <form
      noValidate
      aria-label="Add a staff member"
      className="space-y-4"
      onSubmit={handleSubmit(async (values) => {
        setError(null);
        const result = await sendJson("/api/users", "POST", values);
        if (result.ok) {
          reset();
          onCreated(values.email);
          return;
        }
        setError(result.message);
        for (const field of result.fields) setFieldError(field.path as Path<NewUser>, { message: field.message });
      })}
    >
      <fieldset disabled={formState.isSubmitting} className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="new-user-name" className="mb-1 block text-sm font-medium text-slate-800">Name</label>
          <Input id="new-user-name" autoComplete="off" aria-invalid={formState.errors.name ? true : undefined} aria-describedby="new-user-name-error" {...register("name")} />
          <FieldError id="new-user-name-error" message={formState.errors.name?.message} />
        </div>
        <div>
          <label htmlFor="new-user-email" className="mb-1 block text-sm font-medium text-slate-800">Email</label>
          <Input id="new-user-email" type="email" autoComplete="off" aria-invalid={formState.errors.email ? true : undefined} aria-describedby="new-user-email-error" {...register("email")} />
          <FieldError id="new-user-email-error" message={formState.errors.email?.message} />
        </div>
        <div>
          <label htmlFor="new-user-password" className="mb-1 block text-sm font-medium text-slate-800">Initial password</label>
          <Input id="new-user-password" type="password" autoComplete="new-password" aria-invalid={formState.errors.password ? true : undefined} aria-describedby="new-user-password-error" {...register("password")} />
          <FieldError id="new-user-password-error" message={formState.errors.password?.message} />
        </div>
        <div>
          <label htmlFor="new-user-role" className="mb-1 block text-sm font-medium text-slate-800">Role</label>
          <Select id="new-user-role" {...register("role")}>
            {ROLES.map((role) => (
              <option key={role} value={role}>{ROLE_LABELS[role]}</option>
            ))}
          </Select>
        </div>
      </fieldset>
      {error && <p role="alert" className="text-sm font-medium text-rose-700">{error}</p>}
      <Button type="submit" variant="primary" disabled={formState.isSubmitting}>Add staff member</Button>
    </form>
  );
}
