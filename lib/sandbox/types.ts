export type Primitive = string | number | boolean | null;

export type UserProfile = {
  user_id: string;
  metadata: Record<string, Primitive>;
  company_id: string | null;
  updated_at: string;
};

export type CompanyProfile = {
  company_id: string;
  metadata: Record<string, Primitive>;
  updated_at: string;
};

export interface ProfileStore {
  getUser(userId: string): Promise<UserProfile | undefined>;
  saveUser(profile: UserProfile): Promise<void>;
  getCompany(companyId: string): Promise<CompanyProfile | undefined>;
  saveCompany(profile: CompanyProfile): Promise<void>;
  /** Ids of the users whose company is `companyId`. */
  listUsersOfCompany(companyId: string): Promise<string[]>;
  /** Forgets every profile; called by `POST /__control/reset` when the store supports it. */
  clear?(): Promise<void>;
}

export type SandboxRequest = {
  method: string;
  /** Pathname plus optional `?query`, relative to the sandbox base, e.g. "/v1/identify". */
  path: string;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  body: string;
};

export type SandboxResponse = {
  status: number;
  headers: Record<string, string>;
  body: string;
};

export type SandboxOptions = {
  /** The one accepted API key. */
  apiKey: string;
  rateLimitPerMinute: number;
  /** Pace of bulk jobs: each status step takes this long. */
  jobStepMs: number;
  store: ProfileStore;
  /** Enables the /__control endpoints. */
  testMode?: boolean;
  /** Injectable clock in milliseconds, for tests. */
  now?: () => number;
};

export interface Sandbox {
  handle(request: SandboxRequest): Promise<SandboxResponse>;
}
