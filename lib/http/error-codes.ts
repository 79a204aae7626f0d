/** Every error code the console's routes answer with, in `{ error: { code, message, fields? } }`. */
export type ApiErrorCode =
  // Reading and checking the request
  | "invalid_json"
  | "body_too_large"
  | "invalid_request"
  | "invalid_query"
  | "invalid_path"
  // Who is asking
  | "cross_site"
  | "unauthenticated"
  | "forbidden"
  | "invalid_token"
  | "own_account"
  | "last_admin"
  // What is asked for
  | "not_found"
  | "duplicate_email"
  | "duplicate_name"
  // Where a send goes, and whether it can be recorded
  | "no_environment"
  | "unknown_environment"
  | "environment_gone"
  | "key_unreadable"
  | "history_unavailable"
  // Bulk jobs
  | "wrong_state"
  | "no_failed_rows"
  | "values_masked"
  | "rows_unreadable";

export type { FieldError } from "@/lib/outcome/schema";
