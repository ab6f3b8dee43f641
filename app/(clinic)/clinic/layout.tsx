import { AppShell } from "@/components/layout/app-shell";
import { requirePageContext } from "@/lib/auth/page";

export const dynamic = "force-dynamic";

const NAV = [
  { href: "/clinic", label: "Cases" },
  { href: "/clinic/cases/new", label: "New referral" },
  { href: "/clinic/patients", label: "Patients" },
];

export default async function ClinicLayout({ children }: { children: React.ReactNode }) {
  const { actor } = await requirePageContext("referrer");
  return (
    <AppShell actor={actor} nav={NAV}>
      {children}
    </AppShell>
  );
}
