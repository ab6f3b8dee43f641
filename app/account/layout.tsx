import { AppShell } from "@/components/layout/app-shell";
import { signOutAction } from "@/app/actions/auth";
import { NAV_BY_ROLE } from "@/components/layout/nav-items";
import { requirePageContext } from "@/lib/auth/page";

export const dynamic = "force-dynamic";

export default async function AccountLayout({ children }: { children: React.ReactNode }) {
  const { actor } = await requirePageContext();
  return (
    <AppShell actor={actor} signOut={signOutAction} nav={NAV_BY_ROLE[actor.role]}>
      {children}
    </AppShell>
  );
}
