import type { Generated } from "kysely";

/** Row types as stored. JSON columns hold text; parse them with zod when read. */
export type RequestsTable = {
  id: string;
  created_at: number;
  updated_at: number;
  environment: string;
  sent_by: string | null;
  source: string;
  replay_of: string | null;
  user_id: string;
  company_id: string | null;
  property_count: number;
  form_values: string;
  request_body: string;
  status: string;
  /** statusKind(status): what the outcome filter matches on. */
  outcome: string;
  status_code: number | null;
  response_body: string | null;
  upstream_request_id: string | null;
  latency_ms: number | null;
  attempts: string;
  error_message: string | null;
  environment_id: string | null;
  /** The bulk job that sent it, if any (optional: rows written before bulk jobs have none). */
  job_id?: string | null;
};

export type SandboxUsersTable = {
  user_id: string;
  metadata: string;
  company_id: string | null;
  updated_at: string;
};

export type SandboxCompaniesTable = {
  company_id: string;
  metadata: string;
  updated_at: string;
};

export type EnvironmentsTable = {
  id: string;
  name: string;
  region: string;
  base_url: string | null;
  is_production: number;
  key_ciphertext: string;
  key_last4: string;
  created_at: number;
  updated_at: number;
};

export type AuditLogTable = {
  id: Generated<number>;
  at: number;
  actor: string;
  action: string;
  target: string | null;
  details: string;
};

export type BulkJobsTable = {
  id: string;
  created_at: number;
  updated_at: number;
  started_by: string;
  environment_id: string | null;
  environment: string;
  kind: string;
  mode: string;
  state: string;
  state_reason: string | null;
  retry_of: string | null;
  total_rows: number;
  sent_rows: Generated<number>;
  failed_rows: Generated<number>;
  finished_at: number | null;
  upstream_job: string | null;
  /** The file the job came from: `{ name, headers, delimiter }` (JSON; null on jobs stored before 0005). */
  source_json: string | null;
  /** Rows the check refused: stored with state `skipped`, never sent, listed in the results. */
  skipped_rows: Generated<number>;
  /** The server running the job, and until when its claim holds unless renewed (0008). */
  lease_owner: Generated<string | null>;
  lease_until: Generated<number | null>;
};

export type BulkJobRowsTable = {
  job_id: string;
  idx: number;
  line: number;
  record_id: string;
  values_json: string;
  state: string;
  attempts: number;
  http_status: number | null;
  message: string | null;
  history_id: string | null;
  updated_at: number;
  /** The row's cells as in the file (JSON; masked per HISTORY_REDACT_KEYS), for the results file. */
  cells_json: string | null;
};

export type ProfileUsersTable = {
  environment_id: string;
  user_id: string;
  company_id: string | null;
  last_sent_at: number;
  last_history_id: string;
};

export type ProfileCompaniesTable = {
  environment_id: string;
  company_id: string;
  last_sent_at: number;
  last_history_id: string;
};

/** A known profile's property; `grp` is "user" or "company", `owner_id` the user or company id. */
export type ProfilePropertiesTable = {
  environment_id: string;
  grp: string;
  owner_id: string;
  name: string;
  /** JSON of the wire value (a number or text). */
  value: string;
  type: string;
  changed_at: number;
  changed_by: string | null;
  history_id: string;
};

export type PropertyTypesTable = {
  environment_id: string;
  grp: string;
  name: string;
  type: string;
  count: number;
  first_sent_at: number;
};

export type Database = {
  profile_users: ProfileUsersTable;
  profile_companies: ProfileCompaniesTable;
  profile_properties: ProfilePropertiesTable;
  property_types: PropertyTypesTable;
  bulk_jobs: BulkJobsTable;
  bulk_job_rows: BulkJobRowsTable;
  requests: RequestsTable;
  environments: EnvironmentsTable;
  settings: { name: string; value: string };
  audit_log: AuditLogTable;
  setup_tokens: { token_hash: string; created_at: number; used_at: number | null };
  user: {
    id: string;
    email: string;
    name: string;
    role: string | null;
    /** 0/1 in SQLite, a boolean in PostgreSQL; the auth library's dates are text in SQLite. */
    banned: number | boolean | null;
    banReason: string | null;
    banExpires: string | Date | null;
    createdAt: string | Date;
    updatedAt: string | Date;
  };
  session: { id: string; userId: string };
  sign_in_lockouts: { email: string; failures: number; window_start: number; locked_until: number; lockouts: number };
  sandbox_users: SandboxUsersTable;
  sandbox_companies: SandboxCompaniesTable;
  upstream_turns: { id: string; key_hash: string; taken_at: number; returns_at: number };
};
