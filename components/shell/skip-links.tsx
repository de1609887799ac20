"use client";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";

const FIRST_FIELD = "form :is(input:not([type=hidden]), select, textarea):not([disabled])";
const linkClass = "sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:shadow";

/**
 * The first stops of the keyboard: "Skip to content", and on a page with a form "Skip to the
 * first field", which lands in the content's first field instead of after 19 Tabs of navigation.
 */
export function SkipLinks() {
  const pathname = usePathname();
  const [hasField, setHasField] = useState(false);
  useEffect(() => {
    const main = document.getElementById("main");
    const check = () => setHasField(Boolean(main?.querySelector(FIRST_FIELD)));
    check();
    if (!main) return;
    // Pages stream in: look again when the content changes.
    const observer = new MutationObserver(check);
    observer.observe(main, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [pathname]);
  return (
    <>
      <a href="#main" className={linkClass}>
        Skip to content
      </a>
      {hasField && (
        <a
          href="#main"
          className={linkClass}
          onClick={(e) => {
            const field = document.getElementById("main")?.querySelector<HTMLElement>(FIRST_FIELD);
            if (!field) return;
            e.preventDefault();
            field.focus();
            field.scrollIntoView({ block: "center" });
          }}
        >
          Skip to the first field
        </a>
      )}
    </>
  );
}
