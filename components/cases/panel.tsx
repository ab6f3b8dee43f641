/** A titled section of a case page (reply, messages, history, photos, timeline). */
export function Panel({ title, children, id }: { title: string; children: React.ReactNode; id?: string }) {
  return (
    <section aria-labelledby={`${id ?? title}-h`} className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={`${id ?? title}-h`} className="mb-3 text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}
