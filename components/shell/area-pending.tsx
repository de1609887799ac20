import { Card, PageHeader } from "@/components/ui/card";

/** An area of the product whose screens are not built yet: says so plainly, and what it will hold. */
export function AreaPending({ title, purpose, willShow }: { title: string; purpose: string; willShow: string[] }) {
  return (
    <>
      <PageHeader title={title} description={purpose} />
      <Card>
        <p className="text-sm font-medium text-slate-900">This area is not available yet in this version of Sovra.</p>
        <p className="mt-2 text-sm text-slate-600">When it is, it will show:</p>
        <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-600">
          {willShow.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      </Card>
    </>
  );
}
