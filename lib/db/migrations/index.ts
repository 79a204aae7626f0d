import type { Migration, MigrationProvider } from "kysely";
import * as initial from "./0001_initial";
import * as authEnvironmentsAudit from "./0002_auth_environments_audit";
import * as signInLockouts from "./0003_sign_in_lockouts";
import * as bulkJobs from "./0004_bulk_jobs";
import * as bulkJobSources from "./0005_bulk_job_sources";
import * as knownProfiles from "./0006_known_profiles";
import * as postgresByteOrder from "./0007_postgres_byte_order";
import * as sharedServers from "./0008_shared_servers";

// Listed statically so the bundler sees every migration; names sort in the order they apply.
const migrations: Record<string, Migration> = {
  "0001_initial": initial,
  "0002_auth_environments_audit": authEnvironmentsAudit,
  "0003_sign_in_lockouts": signInLockouts,
  "0004_bulk_jobs": bulkJobs,
  "0005_bulk_job_sources": bulkJobSources,
  "0006_known_profiles": knownProfiles,
  "0007_postgres_byte_order": postgresByteOrder,
  "0008_shared_servers": sharedServers,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
