"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm, type Path } from "react-hook-form";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/input";
import { TextField } from "@/components/ui/text-field";
import { ROLE_LABELS, ROLES } from "@/lib/auth/roles";
import { newUserSchema, type NewUser } from "@/lib/auth/schemas";
import { requestJson } from "@/lib/browser/request-json";

export function NewUserForm({ onCreated }: { onCreated: (email: string) => void }) {
  const [error, setError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    formState,
    setError: setFieldError,
    reset,
  } = useForm<NewUser>({
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
        const result = await requestJson("/api/users", z.unknown(), {
          method: "POST",
          body: values,
          unexpected: (status) => `The server answered ${status}.`,
        });
        if (result.ok) {
          reset();
          onCreated(values.email);
          return;
        }
        setError(result.message);
        for (const field of result.fields)
          setFieldError(field.path as Path<NewUser>, { message: field.message });
      })}
    >
      <fieldset disabled={formState.isSubmitting} className="grid gap-4 sm:grid-cols-2">
        <TextField
          id="new-user-name"
          label="Name"
          autoComplete="off"
          error={formState.errors.name?.message}
          {...register("name")}
        />
        <TextField
          id="new-user-email"
          label="Email"
          type="email"
          autoComplete="off"
          error={formState.errors.email?.message}
          {...register("email")}
        />
        <TextField
          id="new-user-password"
          label="Initial password"
          type="password"
          autoComplete="new-password"
          hint="At least 10 characters; share it with them privately."
          error={formState.errors.password?.message}
          {...register("password")}
        />
        <div>
          <label htmlFor="new-user-role" className="mb-1 block text-sm font-medium text-slate-800">
            Role
          </label>
          <Select id="new-user-role" {...register("role")}>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </Select>
        </div>
      </fieldset>
      {error && (
        <p role="alert" className="text-sm font-medium text-rose-700">
          {error}
        </p>
      )}
      <Button type="submit" variant="primary" disabled={formState.isSubmitting}>
        Add staff member
      </Button>
    </form>
  );
}
