"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field-message";
import { Input } from "@/components/ui/input";
import { signInSchema } from "@/lib/auth/schemas";

type Values = z.infer<typeof signInSchema>;

async function signIn(values: Values): Promise<string | null> {
  const response = await fetch("/api/auth/sign-in/email", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(values),
  }).catch(() => undefined);
  if (!response) return "The console's server could not be reached.";
  if (response.ok) return null;
  if (response.status === 429) return "Too many sign-in attempts. Wait a minute, then try again.";
  const body: unknown = await response.json().catch(() => undefined);
  const message = typeof body === "object" && body !== null && "message" in body ? String(body.message) : "";
  if (response.status === 403 && message) return message;
  return "Email or password is wrong.";
}

export function SignInForm({ next }: { next: string }) {
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<Values>({ resolver: zodResolver(signInSchema) });

  return (
    <form
      noValidate
      aria-label="Sign in"
      className="space-y-4 rounded-lg bg-white p-6 shadow-xs ring-1 ring-slate-200"
      onSubmit={handleSubmit(async (values) => {
        setError(null);
        const failure = await signIn(values);
        if (failure) setError(failure);
        // A full navigation, so every server component renders with the new session.
        else window.location.assign(next);
      })}
    >
      <fieldset disabled={formState.isSubmitting} className="space-y-4">
        <div>
          <label htmlFor="email" className="mb-1 block text-sm font-medium text-slate-800">Email</label>
          <Input id="email" type="email" autoComplete="username" aria-invalid={formState.errors.email ? true : undefined} aria-describedby="email-error" {...register("email")} />
          <FieldError id="email-error" message={formState.errors.email?.message} />
        </div>
        <div>
          <label htmlFor="password" className="mb-1 block text-sm font-medium text-slate-800">Password</label>
          <Input id="password" type="password" autoComplete="current-password" aria-invalid={formState.errors.password ? true : undefined} aria-describedby="password-error" {...register("password")} />
          <FieldError id="password-error" message={formState.errors.password?.message} />
        </div>
        {error && <p role="alert" className="text-sm font-medium text-rose-700">{error}</p>}
        <Button type="submit" variant="primary" className="w-full">
          {formState.isSubmitting ? "Signing in…" : "Sign in"}
        </Button>
      </fieldset>
    </form>
  );
}
