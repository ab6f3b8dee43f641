import { AppShell } from "@/components/layout/app-shell";
import { requirePageContext } from "@/lib/auth/page";

export const dynamic = "force-dynamic";

const NAV = [
  { href: "/admin", label: "Dashboard" },
  { href: "/admin/users", label: "Users" },
  { href: "/admin/clinics", label: "Clinics" },
  { href: "/admin/settings", label: "SLA settings" },
  { href: "/admin/audit", label: "Audit log" },
];

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const { actor } = await requirePageContext("admin");
  return (
    <AppShell actor={actor} nav={NAV}>
      {children}
    </AppShell>
  );
}
