"use client";
import { useState } from "react";
import { SIDEBAR_COOKIE } from "./sidebar-cookie";

/**
 * The sidebar from 1024 px up, with a button that folds it into a slim rail: on a projector
 * (1280 x 720 at 150%) the open sidebar leaves about 600 px for tables. Below 1024 px the header's
 * Menu replaces it. It stays in view while a long page scrolls. The choice is kept in a cookie for a year.
 */
export function Sidebar({ initiallyCollapsed, children }: { initiallyCollapsed: boolean; children: React.ReactNode }) {
  const [collapsed, setCollapsed] = useState(initiallyCollapsed);
  const toggle = () => {
    const next = !collapsed;
    setCollapsed(next);
    document.cookie = `${SIDEBAR_COOKIE}=${next ? "collapsed" : "open"}; path=/; max-age=31536000; samesite=lax`;
  };
  const button = (
    <button
      type="button"
      onClick={toggle}
      aria-expanded={!collapsed}
      aria-controls="sidebar"
      className="inline-flex items-center gap-2 rounded-md px-2 py-1.5 text-sm font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900"
    >
      <span aria-hidden>{collapsed ? "»" : "«"}</span>
      <span className={collapsed ? "sr-only" : undefined}>{collapsed ? "Show menu" : "Hide menu"}</span>
    </button>
  );
  return collapsed ? (
    <div className="sticky top-0 hidden h-screen shrink-0 flex-col items-center border-r border-slate-200 bg-white px-1 py-4 print:!hidden lg:flex" data-testid="sidebar-rail">
      {button}
      <div id="sidebar" hidden />
    </div>
  ) : (
    <aside id="sidebar" aria-label="Sidebar" className="sticky top-0 hidden h-screen w-64 shrink-0 flex-col gap-6 overflow-y-auto border-r border-slate-200 bg-white px-4 py-5 print:!hidden lg:flex">
      {children}
      <div className="mt-auto">{button}</div>
    </aside>
  );
}
