"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "@/components/ui/toasts";
import { NewUserForm } from "@/components/users/new-user-form";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Table, Td, Tr } from "@/components/ui/table";
import { Select } from "@/components/ui/input";
import { z } from "zod";
import { ROLES, type Role } from "@/lib/auth/roles";
import { requestJson } from "@/lib/browser/request-json";
import { staffPageSchema, staffUserSchema, type StaffPage, type StaffUser } from "@/lib/auth/schemas";

const serverAnswered = (status: number) => `The server answered ${status}.`;
// The change is saved whatever the answer's body; a body without the user just leaves the loaded pages as they are.
const changeAnswer = z
  .object({ user: staffUserSchema.pick({ id: true, role: true, active: true }) })
  .optional()
  .catch(undefined);

export function UsersClient({ firstPage, selfId }: { firstPage: StaffPage; selfId: string }) {
  const router = useRouter();
  // Pages after the first, fetched with "Load more"; the first comes from the server on every refresh.
  const [more, setMore] = useState<{ users: StaffUser[]; nextOffset: number | null } | null>(null);
  const [loading, setLoading] = useState(false);
  const firstIds = new Set(firstPage.users.map((user) => user.id));
  const users = [...firstPage.users, ...(more?.users ?? []).filter((user) => !firstIds.has(user.id))];
  const nextOffset = more ? more.nextOffset : firstPage.nextOffset;

  async function change(user: StaffUser, patch: { role?: Role; active?: boolean }, success: string) {
    const result = await requestJson(`/api/users/${user.id}`, changeAnswer, {
      method: "PATCH",
      body: patch,
      unexpected: serverAnswered,
    });
    if (result.ok) {
      toast.success(success);
      if (result.data) {
        const { id, role, active } = result.data.user;
        setMore((loaded) => loaded && { ...loaded, users: loaded.users.map((u) => (u.id === id ? { ...u, role, active } : u)) });
      }
    } else toast.error(result.message);
    router.refresh();
  }

  async function loadMore() {
    if (nextOffset === null) return;
    setLoading(true);
    const result = await requestJson(`/api/users?offset=${nextOffset}`, staffPageSchema, {
      unexpected: (status) => (status < 300 ? "The list of users could not be read." : serverAnswered(status)),
    });
    setLoading(false);
    if (!result.ok) {
      toast.error(result.message);
      return;
    }
    const page = result.data;
    setMore((loaded) => ({ users: [...(loaded?.users ?? []), ...page.users], nextOffset: page.nextOffset }));
  }

  return (
    <div className="space-y-6">
      <Table
        caption="Staff accounts"
        columns={["Name", "Email", "Role", "Status"]}
        actions
      >
        {users.map((user) => (
          <Tr key={user.id}>
            <Td>{user.name}</Td>
            <Td className="font-mono text-xs">{user.email}</Td>
            <Td>
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
                  <option key={role} value={role}>
                    {role}
                  </option>
                ))}
              </Select>
            </Td>
            <Td>{user.active ? "Active" : "Deactivated"}</Td>
            <Td className="text-right">
              {user.id !== selfId && (
                <Button
                  type="button"
                  variant={user.active ? "ghost" : "secondary"}
                  onClick={() =>
                    void change(
                      user,
                      { active: !user.active },
                      `${user.email} ${user.active ? "deactivated" : "reactivated"}`,
                    )
                  }
                >
                  {user.active ? "Deactivate" : "Reactivate"}
                  <span className="sr-only"> {user.email}</span>
                </Button>
              )}
            </Td>
          </Tr>
        ))}
      </Table>
      <div className="flex items-center justify-between text-sm text-slate-600">
        <p aria-live="polite">
          Showing {users.length} of {firstPage.total} accounts
        </p>
        {nextOffset !== null && (
          <Button type="button" variant="secondary" disabled={loading} onClick={() => void loadMore()}>
            {loading ? "Loading…" : "Load more users"}
          </Button>
        )}
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
