"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { setupSchema } from "@/lib/auth/schemas";
import { requestJson } from "@/lib/browser/request-json";
import { signIn } from "./sign-in-form";

const NOT_CREATED = "The admin could not be created.";

type Values = z.infer<typeof setupSchema>;

export function SetupForm({ token }: { token: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<Values>({
    resolver: zodResolver(setupSchema),
    defaultValues: { token, name: "", email: "", password: "" },
  });

  return (
    <form
      noValidate
      aria-label="Create the first admin"
      className="space-y-4 rounded-lg bg-white p-6 shadow-xs ring-1 ring-slate-200"
      onSubmit={handleSubmit(async (values) => {
        setError(null);
        const result = await requestJson("/api/setup", z.unknown(), {
          method: "POST",
          body: values,
          unreachable: NOT_CREATED,
          unexpected: () => NOT_CREATED,
        });
        if (result.ok) {
          // The admin just chose this password: sign in with it instead of asking for it again. Should that
          // fail (the sign-in limit), the sign-in page is the way on.
          const failure = await signIn({ email: values.email, password: values.password });
          // A full navigation, so every server component renders with the new session.
          if (failure === null) window.location.assign(new URL("/", window.location.origin).href);
          else router.push("/login");
          return;
        }
        setError(result.message);
      })}
    >
      <fieldset disabled={formState.isSubmitting} className="space-y-4">
        <input type="hidden" {...register("token")} />
        <TextField
          id="setup-name"
          label="Name"
          autoComplete="name"
          error={formState.errors.name?.message}
          {...register("name")}
        />
        <TextField
          id="setup-email"
          label="Email"
          type="email"
          autoComplete="username"
          error={formState.errors.email?.message}
          {...register("email")}
        />
        <TextField
          id="setup-password"
          label="Password"
          type="password"
          autoComplete="new-password"
          hint="At least 10 characters."
          error={formState.errors.password?.message}
          {...register("password")}
        />
        {error && (
          <p role="alert" className="text-sm font-medium text-rose-700">
            {error}
          </p>
        )}
        <Button type="submit" variant="primary" className="w-full">
          Create admin
        </Button>
      </fieldset>
    </form>
  );
}
