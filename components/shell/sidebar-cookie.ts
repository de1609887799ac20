/** The cookie that keeps the sidebar folded away between pages and visits (read by the layout, so the first paint is right). */
export const SIDEBAR_COOKIE = "sovra-sidebar";
