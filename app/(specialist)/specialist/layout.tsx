import { AppShell } from "@/components/layout/app-shell";
import { requirePageContext } from "@/lib/auth/page";

export const dynamic = "force-dynamic";

const NAV = [
  { href: "/specialist", label: "Queue" },
  { href: "/specialist/review", label: "Batch review" },
  { href: "/specialist/templates", label: "Templates" },
];

export default async function SpecialistLayout({ children }: { children: React.ReactNode }) {
  const { actor } = await requirePageContext("specialist");
  return (
    <AppShell actor={actor} nav={NAV}>
      {children}
    </AppShell>
  );
}
