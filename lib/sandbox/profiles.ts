import type { CompanyProfile, Primitive, ProfileStore, UserProfile } from "./types";

type Metadata = Record<string, Primitive>;

/** Properties merge into the profile; a property sent as `null` is removed. */
export function mergeMetadata(current: Metadata, changes: Metadata = {}): Metadata {
  const merged = { ...current };
  for (const [name, value] of Object.entries(changes)) {
    if (value === null) delete merged[name];
    else merged[name] = value;
  }
  return merged;
}

export type UserChanges = {
  user_id: string;
  metadata?: Metadata;
  /** `id` picks the user's company (moving the user if it differs); the rest are company properties. */
  company?: { id: string } & Metadata;
};

export type CompanyChanges = { company_id: string; metadata?: Metadata };

export async function applyCompanyChanges(store: ProfileStore, changes: CompanyChanges, at: string) {
  const existing = await store.getCompany(changes.company_id);
  const company: CompanyProfile = {
    company_id: changes.company_id,
    metadata: mergeMetadata(existing?.metadata ?? {}, changes.metadata),
    updated_at: at,
  };
  await store.saveCompany(company);
}

export async function applyUserChanges(store: ProfileStore, changes: UserChanges, at: string) {
  const existing = await store.getUser(changes.user_id);
  if (changes.company) {
    const { id, ...companyProperties } = changes.company;
    await applyCompanyChanges(store, { company_id: id, metadata: companyProperties }, at);
  }
  const user: UserProfile = {
    user_id: changes.user_id,
    metadata: mergeMetadata(existing?.metadata ?? {}, changes.metadata),
    company_id: changes.company?.id ?? existing?.company_id ?? null,
    updated_at: at,
  };
  await store.saveUser(user);
}
