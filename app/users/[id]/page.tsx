import type { Metadata } from "next";
import Link from "next/link";
import { KnownProperties } from "@/components/profiles/known-properties";
import { ProfileHeader } from "@/components/profiles/profile-header";
import { SendTimeline } from "@/components/profiles/send-timeline";
import { Card } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/relative-time";
import { requirePageActor } from "@/lib/auth/session";
import { pageEnvironment } from "@/lib/profiles/page-environment";
import { readUserProfile } from "@/lib/profiles/reads";
import { sendsFor } from "@/lib/profiles/timeline";
import { KNOWN_PROFILE_LABEL } from "@/lib/profiles/types";
import { idFromSegment, profileHref } from "@/lib/profiles/links";

export const metadata: Metadata = { title: "User profile" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ environment?: string | string[] }> };

export default async function UserProfilePage({ params, searchParams }: Props) {
  const { id } = await params;
  const userId = idFromSegment(id);
  await requirePageActor("history:read", profileHref("user", userId));
  const { environments, selected } = await pageEnvironment((await searchParams).environment);
  const profile = selected ? await readUserProfile(selected.id, userId) : null;
  const sends = selected ? await sendsFor(selected.id, { userId }) : [];

  return (
    <div className="space-y-6">
      <ProfileHeader kind="user" id={userId} environments={environments} selected={selected} />

      <Card title={`Known profile (${KNOWN_PROFILE_LABEL})`}>
        {profile ? (
          <div className="space-y-3">
            <p className="text-sm text-slate-700">
              Company:{" "}
              {profile.companyId ? (
                <Link
                  href={profileHref("company", profile.companyId, selected?.id)}
                  className="font-mono text-indigo-700 hover:underline"
                >
                  {profile.companyId}
                </Link>
              ) : (
                "none sent"
              )}
              {" · "}last accepted send <RelativeTime iso={new Date(profile.lastSentAt).toISOString()} />
            </p>
            <KnownProperties properties={profile.properties} caption={`Properties of ${userId}`} />
          </div>
        ) : (
          <p className="text-sm text-slate-600" role="status">
            No accepted send for this user in {selected?.label ?? "this environment"}.
          </p>
        )}
        {selected?.kind === "sandbox" && (
          <p className="mt-3 text-sm">
            <Link href={`/sandbox?user=${encodeURIComponent(userId)}`} className="text-indigo-700 hover:underline">
              The sandbox&apos;s stored profile of this user
            </Link>
          </p>
        )}
      </Card>

      <Card title="Sends">
        <SendTimeline entries={sends} show="user" />
      </Card>
    </div>
  );
}
