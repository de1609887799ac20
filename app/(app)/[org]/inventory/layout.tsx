import { InventoryNav } from "@/components/inventory/inventory-nav";

// The parent [org] layout has already checked the session and the membership.
export default async function InventoryLayout({ children, params }: { children: React.ReactNode; params: Promise<{ org: string }> }) {
  const { org } = await params;
  return (
    <>
      <InventoryNav orgSlug={org} />
      {children}
    </>
  );
}
