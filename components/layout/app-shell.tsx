/** The signed-in frame: brand, role navigation, who is signed in, sign-out, idle logout. */
import Link from "next/link";
import type { Actor } from "@/lib/auth/actor";
import { IDLE_MINUTES } from "@/lib/auth/activity";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { ROLE_LABEL } from "@/lib/vocabulary";
import { IdleLogout, type SignOut } from "./idle-logout";
import { NavLinks, type NavItem } from "./nav-links";


/** `signOut` is the sign-out server action (app/actions/auth.ts), passed down by the layout. */
export function AppShell({ actor, nav, signOut, children }: { actor: Actor; nav: NavItem[]; signOut: SignOut; children: React.ReactNode }) {
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href="/" className="text-lg font-semibold text-brand-700">
            DermRelay
          </Link>
          <NavLinks items={nav} />
          <div className="ml-auto flex items-center gap-3 text-sm">
            <NotificationBell />
            <Link href="/account" className="text-slate-600 hover:underline" data-testid="signed-in-as" title="Account and security">
              {actor.name} · {ROLE_LABEL[actor.role]}
            </Link>
            <form action={signOut}>
              <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-50">
                Sign out
              </button>
            </form>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
      <IdleLogout idleMinutes={IDLE_MINUTES} signOut={signOut} />
    </div>
  );
}
