import { Card } from "@/components/ui/card";
import type { SandboxProfile } from "@/lib/sandbox/profile-client";

type Metadata = SandboxProfile["user"]["metadata"];

function PropertyTable({ caption, metadata }: { caption: string; metadata: Metadata }) {
  const entries = Object.entries(metadata).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return <p className="text-sm text-slate-500">No properties.</p>;
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b border-slate-200 text-xs text-slate-500">
          <th scope="col" className="py-2 pr-4 font-medium">Property</th>
          <th scope="col" className="py-2 pr-4 font-medium">Value</th>
          <th scope="col" className="py-2 font-medium">JSON type</th>
        </tr>
      </thead>
      <tbody>
        {entries.map(([name, value]) => (
          <tr key={name} className="border-b border-slate-100 last:border-0">
            <th scope="row" className="py-2 pr-4 font-mono font-normal">{name}</th>
            <td className="py-2 pr-4 font-mono break-all">{JSON.stringify(value)}</td>
            <td className="py-2 text-slate-500">{value === null ? "null" : typeof value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ProfileView({ profile }: { profile: SandboxProfile }) {
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card title={<>User <span className="font-mono">{profile.user.user_id}</span></>}>
        <p className="mb-3 text-xs text-slate-500">
          Company: {profile.user.company_id ? <span className="font-mono">{profile.user.company_id}</span> : "none"} ·
          updated {profile.user.updated_at}
        </p>
        <PropertyTable caption="User properties" metadata={profile.user.metadata} />
      </Card>
      {profile.company && (
        <Card title={<>Company <span className="font-mono">{profile.company.company_id}</span></>}>
          <PropertyTable caption="Company properties" metadata={profile.company.metadata} />
        </Card>
      )}
    </div>
  );
}
