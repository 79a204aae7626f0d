import type { ProfileCompaniesTable, ProfilePropertiesTable, ProfileUsersTable, PropertyTypesTable } from "@/lib/db/schema";
import { changesOf, propertyRow, type AcceptedSend } from "./fold";

// The fold in memory, for the rebuild: sends arrive in accepted order, so each one simply overwrites what
// came before; the result is the rows writeSends (store.ts) leaves after the same sends one by one.

const key = (...parts: string[]) => parts.join("\u0000");

export class ProfileFold {
  private readonly users = new Map<string, ProfileUsersTable>();
  private readonly companies = new Map<string, ProfileCompaniesTable>();
  private readonly properties = new Map<string, ProfilePropertiesTable>();
  private readonly types = new Map<string, PropertyTypesTable>();

  /** Folds one send; sends must come in accepted order. */
  apply(send: AcceptedSend): void {
    const changes = changesOf(send);
    const env = send.environmentId;
    const at = send.acceptedAt;
    if (changes.user) {
      const id = key(env, changes.user.userId);
      this.users.set(id, {
        environment_id: env,
        user_id: changes.user.userId,
        company_id: changes.user.companyId ?? this.users.get(id)?.company_id ?? null,
        last_sent_at: at,
        last_history_id: send.historyId,
      });
    }
    if (changes.company) {
      const { companyId } = changes.company;
      this.companies.set(key(env, companyId), {
        environment_id: env,
        company_id: companyId,
        last_sent_at: at,
        last_history_id: send.historyId,
      });
    }
    for (const change of changes.properties) {
      const id = key(env, change.group, change.ownerId, change.name);
      if (change.kind === "remove") {
        this.properties.delete(id);
        continue;
      }
      this.properties.set(id, propertyRow(send, change));
      const typeId = key(env, change.group, change.name, change.type);
      const counted = this.types.get(typeId);
      if (counted) counted.count += 1;
      else {
        this.types.set(typeId, { environment_id: env, grp: change.group, name: change.name, type: change.type, count: 1, first_sent_at: at });
      }
    }
  }

  rows() {
    return {
      profile_users: [...this.users.values()],
      profile_companies: [...this.companies.values()],
      profile_properties: [...this.properties.values()],
      property_types: [...this.types.values()],
    };
  }
}
