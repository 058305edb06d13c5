/* global Document, globalThis */
// The pane follows the Office theme. Excel raises no event when the user changes it, so the theme
// is read at start and again whenever the pane becomes visible. The colours themselves are Fluent 2
// tokens in theme.css: <html data-theme="dark"> selects the dark set. Outside Office the attribute
// is left off and the system's prefers-color-scheme decides; forced colours (high contrast)
// override both in theme.css.

/** The subset of Office.context.officeTheme the pane reads. */
export interface OfficeTheme {
  bodyBackgroundColor?: string;
  /** Office.ThemeId where supported (Word/Excel on newer builds). */
  themeId?: string | number;
}

export type ThemeName = "light" | "dark";

/** Relative luminance (WCAG) of "#rrggbb" or "#rgb"; null when the text is no such colour. */
export function luminance(color: string): number | null {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (!m) return null;
  const hex = m[1].length === 3 ? [...m[1]].map((c) => c + c).join("") : m[1];
  const [r, g, b] = [0, 2, 4].map((i) => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * Light or dark from the Office theme's body background (Office's Dark Grey and Black themes have
 * dark backgrounds; White and Colorful light ones); null when Office gives no usable colour.
 */
export function themeOf(theme: OfficeTheme | null | undefined): ThemeName | null {
  const l = theme?.bodyBackgroundColor ? luminance(theme.bodyBackgroundColor) : null;
  if (l === null) return null;
  return l < 0.2 ? "dark" : "light";
}

function officeTheme(): OfficeTheme | null {
  const g = globalThis as { Office?: { context?: { officeTheme?: OfficeTheme } } };
  try {
    return g.Office?.context?.officeTheme ?? null;
  } catch {
    return null; // officeTheme throws outside a host that supports it
  }
}

/** Sets <html data-theme> from the Office theme (or removes it outside Office). */
export function applyTheme(
  doc: Document,
  theme: OfficeTheme | null = officeTheme()
): ThemeName | null {
  const name = themeOf(theme);
  if (name) doc.documentElement.dataset.theme = name;
  else delete doc.documentElement.dataset.theme;
  return name;
}

/** Applies the Office theme now and each time the pane is shown again. */
export function followOfficeTheme(
  doc: Document,
  read: () => OfficeTheme | null = officeTheme
): () => void {
  applyTheme(doc, read());
  const onVisible = () => {
    if (doc.visibilityState === "visible") applyTheme(doc, read());
  };
  doc.addEventListener("visibilitychange", onVisible);
  return () => doc.removeEventListener("visibilitychange", onVisible);
}
