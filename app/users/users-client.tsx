"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { NewUserForm } from "@/components/users/new-user-form";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Select } from "@/components/ui/input";
import { sendJson } from "@/lib/api/send-json";
import { ROLES, type Role } from "@/lib/auth/roles";
import type { StaffUser } from "@/lib/auth/users";

export function UsersClient({ users, selfId }: { users: StaffUser[]; selfId: string }) {
  const router = useRouter();

  async function change(user: StaffUser, patch: { role?: Role; active?: boolean }, success: string) {
    const result = await sendJson(`/api/users/${user.id}`, "PATCH", patch);
    if (result.ok) toast.success(success);
    else toast.error(result.message);
    router.refresh();
  }

  return (
    <div className="space-y-6">
      <div className="overflow-x-auto rounded-lg bg-white shadow-xs ring-1 ring-slate-200">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Staff accounts</caption>
          <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">Name</th>
              <th scope="col" className="px-3 py-2 font-medium">Email</th>
              <th scope="col" className="px-3 py-2 font-medium">Role</th>
              <th scope="col" className="px-3 py-2 font-medium">Status</th>
              <th scope="col" className="px-3 py-2 font-medium"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id} className="border-b border-slate-100 last:border-0">
                <td className="px-3 py-2">{user.name}</td>
                <td className="px-3 py-2 font-mono text-xs">{user.email}</td>
                <td className="px-3 py-2">
                  <Select
                    aria-label={`Role of ${user.email}`}
                    value={user.role}
                    disabled={user.id === selfId}
                    onChange={(event) => {
                      const role = ROLES.find((value) => value === event.target.value);
                      if (role) void change(user, { role }, `${user.email} is now ${role}`);
                    }}
                    className="w-36"
                  >
                    {ROLES.map((role) => (
                      <option key={role} value={role}>{role}</option>
                    ))}
                  </Select>
                </td>
                <td className="px-3 py-2">{user.active ? "Active" : "Deactivated"}</td>
                <td className="px-3 py-2 text-right">
                  {user.id !== selfId && (
                    <Button
                      type="button"
                      variant={user.active ? "ghost" : "secondary"}
                      onClick={() => void change(user, { active: !user.active }, `${user.email} ${user.active ? "deactivated" : "reactivated"}`)}
                    >
                      {user.active ? "Deactivate" : "Reactivate"}
                      <span className="sr-only"> {user.email}</span>
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Card title="Add a staff member">
        <NewUserForm
          onCreated={(email) => {
            toast.success(`${email} can now sign in`);
            router.refresh();
          }}
        />
      </Card>
    </div>
  );
}
