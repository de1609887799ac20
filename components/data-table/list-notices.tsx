import { Alert } from "@/components/ui/alert";

/** What the list ignored or corrected in its URL (an old or hand-edited link). */
export function ListNotices({ notices }: { notices: string[] }) {
  if (notices.length === 0) return null;
  return (
    <Alert tone="warning" title="Part of this link could not be used" className="mb-4">
      <ul className="list-disc space-y-0.5 pl-5">
        {notices.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
    </Alert>
  );
}
