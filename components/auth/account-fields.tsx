import { TextField } from "@/components/ui/text-field";
import type { FieldBinding } from "@/lib/browser/form-field";

type Bind = (name: "name" | "email" | "password") => FieldBinding;

/**
 * Name, email and password of a new staff account (newUserSchema's shared part). The first admin fills in
 * their own, so the browser may offer to fill and save them; an admin adding someone else gets no autofill.
 */
export function AccountFields({
  idPrefix,
  field,
  owner,
}: {
  idPrefix: string;
  field: Bind;
  owner: "self" | "other";
}) {
  const self = owner === "self";
  return (
    <>
      <TextField
        id={`${idPrefix}-name`}
        label="Name"
        autoComplete={self ? "name" : "off"}
        {...field("name")}
      />
      <TextField
        id={`${idPrefix}-email`}
        label="Email"
        type="email"
        autoComplete={self ? "username" : "off"}
        {...field("email")}
      />
      <TextField
        id={`${idPrefix}-password`}
        label={self ? "Password" : "Initial password"}
        type="password"
        autoComplete="new-password"
        hint={self ? "At least 10 characters." : "At least 10 characters; share it with them privately."}
        {...field("password")}
      />
    </>
  );
}
