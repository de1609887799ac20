export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-b from-slate-50 to-brand-50 px-4 py-12">
      <div className="w-full max-w-md">
        <p className="mb-6 flex items-center justify-center gap-2 text-xl font-semibold tracking-tight text-slate-900">
          <span aria-hidden className="inline-block size-7 rounded-md bg-gradient-to-br from-brand-500 to-brand-700" />
          Sovra
        </p>
        <div className="rounded-xl bg-white p-8 shadow-sm ring-1 ring-slate-200">{children}</div>
        <p className="mt-6 text-center text-xs text-slate-500">AI vendor sovereignty: what breaks if a government switches off the AI you depend on.</p>
      </div>
    </main>
  );
}
