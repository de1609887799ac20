/** Pages for people without an account who answer something a client sent them (the questionnaire). */
export default function RespondLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="min-h-screen bg-gradient-to-b from-slate-50 to-brand-50 px-4 py-10">
      <div className="mx-auto w-full max-w-4xl">
        <p className="mb-6 flex items-center gap-2 text-lg font-semibold tracking-tight text-slate-900">
          <span aria-hidden className="inline-block size-6 rounded-md bg-gradient-to-br from-brand-500 to-brand-700" />
          Sovra
        </p>
        <div className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-8">{children}</div>
      </div>
    </main>
  );
}
