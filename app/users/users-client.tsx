"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { NewUserForm } from "@/components/users/new-user-form";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Table, Td, Th, Tr } from "@/components/ui/table";
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
      <Table
        caption="Staff accounts"
        head={
          <tr>
            <Th>Name</Th>
            <Th>Email</Th>
            <Th>Role</Th>
            <Th>Status</Th>
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          </tr>
        }
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
