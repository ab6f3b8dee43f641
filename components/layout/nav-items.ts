/** Each role's main navigation, shared by the role layouts and the account pages. */
import type { Role } from "@/lib/db/schema/enums";
import type { NavItem } from "./nav-links";

export const NAV_BY_ROLE: Record<Role, NavItem[]> = {
  referrer: [
    { href: "/clinic", label: "Cases" },
    { href: "/clinic/cases/new", label: "New referral" },
    { href: "/clinic/patients", label: "Patients" },
  ],
  specialist: [
    { href: "/specialist", label: "Queue" },
    { href: "/specialist/review", label: "Batch review" },
    { href: "/specialist/templates", label: "Templates" },
  ],
  admin: [
    { href: "/admin", label: "Dashboard" },
    { href: "/admin/cases", label: "Cases" },
    { href: "/admin/users", label: "Users" },
    { href: "/admin/clinics", label: "Clinics" },
    { href: "/admin/settings", label: "SLA settings" },
    { href: "/admin/settings/pacs", label: "PACS" },
    { href: "/admin/integrations", label: "Integrations" },
    { href: "/admin/audit", label: "Audit log" },
  ],
};
