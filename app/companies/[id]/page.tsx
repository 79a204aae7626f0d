import type { Metadata } from "next";
import Link from "next/link";
import { KnownProperties } from "@/components/profiles/known-properties";
import { ProfileHeader } from "@/components/profiles/profile-header";
import { SendTimeline } from "@/components/profiles/send-timeline";
import { Card } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/relative-time";
import { requirePageActor } from "@/lib/auth/session";
import { idFromSegment, profileHref } from "@/lib/profiles/links";
import { pageEnvironment } from "@/lib/profiles/page-environment";
import { readCompanyProfile } from "@/lib/profiles/reads";
import { sendsFor } from "@/lib/profiles/timeline";
import { KNOWN_PROFILE_LABEL } from "@/lib/profiles/types";

export const metadata: Metadata = { title: "Company profile" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ environment?: string | string[] }> };

export default async function CompanyProfilePage({ params, searchParams }: Props) {
  const { id } = await params;
  const companyId = idFromSegment(id);
  await requirePageActor("history:read", profileHref("company", companyId));
  const { environments, selected } = await pageEnvironment((await searchParams).environment);
  const profile = selected ? await readCompanyProfile(selected.id, companyId) : null;
  const sends = selected ? await sendsFor(selected.id, { companyId }) : [];

  return (
    <div className="space-y-6">
      <ProfileHeader kind="company" id={companyId} environments={environments} selected={selected} />

      <Card title={`Known profile (${KNOWN_PROFILE_LABEL})`}>
        {profile ? (
          <div className="space-y-3">
            <p className="text-sm text-slate-700">
              Last accepted send <RelativeTime iso={new Date(profile.lastSentAt).toISOString()} />
            </p>
            <KnownProperties properties={profile.properties} caption={`Properties of ${companyId}`} />
          </div>
        ) : (
          <p className="text-sm text-slate-600" role="status">
            No accepted send for this company in {selected?.label ?? "this environment"}.
          </p>
        )}
      </Card>

      <Card title="Known members">
        {profile && profile.members.length > 0 ? (
          <ul aria-label="Known members" className="flex flex-wrap gap-2 text-sm">
            {profile.members.map((member) => (
              <li key={member}>
                <Link href={profileHref("user", member, selected?.id)} className="font-mono text-indigo-700 hover:underline">
                  {member}
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-600">No user&apos;s last send named this company.</p>
        )}
        <p className="mt-2 text-xs text-slate-500">Users whose last accepted send from this console named this company.</p>
      </Card>

      <Card title="Sends">
        <SendTimeline entries={sends} show="company" />
      </Card>
    </div>
  );
}
