import type { Issue } from "@/scoring/parse";
import { Alert } from "@/components/ui/alert";

/** Why the inventory cannot be scored yet, in the engine's words (JSON path and message). */
export function ScoreProblems({ issues }: { issues: Issue[] }) {
  return (
    <Alert tone="warning" title="The inventory cannot be scored yet">
      <ul className="mt-1 list-disc pl-5">
        {issues.slice(0, 10).map((i) => (
          <li key={`${i.path}-${i.message}`}>
            <code className="text-xs">{i.path}</code>: {i.message}
          </li>
        ))}
      </ul>
      {issues.length > 10 && <p className="mt-1">…and {issues.length - 10} more.</p>}
    </Alert>
  );
}
