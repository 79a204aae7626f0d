"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field-message";
import { Form } from "@/components/ui/form";
import { TextField } from "@/components/ui/text-field";
import { safeNext } from "@/lib/auth/safe-next";
import { fieldBinder } from "@/lib/browser/form-field";
import { useFormFailure } from "@/lib/browser/use-form-failure";
import { signInSchema } from "@/lib/auth/schemas";
import { tooManyAttemptsMessage } from "@/lib/auth/wait-in-words";

type Values = z.infer<typeof signInSchema>;

/** Signs in with email and password through better-auth; the message to show, or null when signed in. */
export async function signIn(values: Values): Promise<string | null> {
  const response = await fetch("/api/auth/sign-in/email", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(values),
  }).catch(() => undefined);
  if (!response) return "The console's server could not be reached.";
  if (response.ok) return null;
  const body: unknown = await response.json().catch(() => undefined);
  const message = typeof body === "object" && body !== null && "message" in body ? String(body.message) : "";
  if (response.status === 429) {
    const code = typeof body === "object" && body !== null && "code" in body ? body.code : undefined;
    if (code === "ACCOUNT_LOCKED" && message) return message;
    const seconds = Number(response.headers.get("retry-after"));
    return Number.isInteger(seconds) && seconds > 0
      ? tooManyAttemptsMessage(seconds)
      : "Too many sign-in attempts. Wait a minute, then try again.";
  }
  if (response.status === 403 && message) return message;
  return "Email or password is wrong.";
}

export function SignInForm({ next }: { next: string }) {
  const form = useForm<Values>({ resolver: zodResolver(signInSchema) });
  const { handleSubmit, formState } = form;
  const field = fieldBinder(form);
  const { failure, onSubmit } = useFormFailure(handleSubmit, async (values) => {
    const refused = await signIn(values);
    // A full navigation, so every server component renders with the new session.
    if (!refused) window.location.assign(safeNext(next, window.location.origin));
    return refused;
  });

  return (
    <Form label="Sign in" panel onSubmit={onSubmit}>
      <fieldset disabled={formState.isSubmitting} className="space-y-4">
        <TextField id="email" label="Email" type="email" autoComplete="username" {...field("email")} />
        <TextField
          id="password"
          label="Password"
          type="password"
          autoComplete="current-password"
          {...field("password")}
        />
        <FormError message={failure} />
        <Button type="submit" variant="primary" className="w-full">
          {formState.isSubmitting ? "Signing in…" : "Sign in"}
        </Button>
      </fieldset>
    </Form>
  );
}
