import type { CompanyProfile, ProfileStore, UserProfile } from "./types";

/** Profiles in Maps. Copies go in and out so callers can never mutate what is stored. */
export function createMemoryStore(): ProfileStore {
  const users = new Map<string, UserProfile>();
  const companies = new Map<string, CompanyProfile>();

  return {
    async getUser(userId) {
      const user = users.get(userId);
      return user && structuredClone(user);
    },
    async saveUser(profile) {
      users.set(profile.user_id, structuredClone(profile));
    },
    async getCompany(companyId) {
      const company = companies.get(companyId);
      return company && structuredClone(company);
    },
    async saveCompany(profile) {
      companies.set(profile.company_id, structuredClone(profile));
    },
    async listUsersOfCompany(companyId) {
      return [...users.values()].filter((user) => user.company_id === companyId).map((user) => user.user_id);
    },
    async clear() {
      users.clear();
      companies.clear();
    },
  };
}
