import { AppShell } from "@/components/layout/app-shell";
import { signOutAction } from "@/app/actions/auth";
import { NAV_BY_ROLE } from "@/components/layout/nav-items";
import { requirePageContext } from "@/lib/auth/page";

export const dynamic = "force-dynamic";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const { actor } = await requirePageContext("admin");
  return (
    <AppShell actor={actor} signOut={signOutAction} nav={NAV_BY_ROLE.admin}>
      {children}
    </AppShell>
  );
}
