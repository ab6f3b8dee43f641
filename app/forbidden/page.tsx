import Link from "next/link";
import type { Metadata } from "next";

export const metadata: Metadata = { title: "Not allowed" };

export default function ForbiddenPage() {
  return (
    <main className="mx-auto max-w-md px-4 py-24 text-center">
      <h1 className="text-2xl font-semibold">You don&apos;t have access to this area</h1>
      <p className="mt-3 text-slate-600">This part of DermRelay belongs to another role. The attempt has been logged.</p>
      <Link href="/" className="mt-6 inline-block rounded-md bg-brand-600 px-4 py-2 text-white hover:bg-brand-700">
        Go to your home
      </Link>
    </main>
  );
}
