// The pane's theme: light or dark from Office's body background, re-read when the pane is shown.
import { applyTheme, followOfficeTheme, luminance, themeOf } from "../../src/taskpane/theme";

test("luminance follows WCAG's formula; anything but a hex colour is unknown", () => {
  expect(luminance("#FFFFFF")).toBeCloseTo(1, 6);
  expect(luminance("#000")).toBe(0);
  expect(luminance("#808080")).toBeCloseTo(0.2158605, 5);
  for (const bad of ["", "white", "#12", "rgb(0,0,0)", "#GGGGGG"]) expect(luminance(bad)).toBeNull();
});

test("Office's White and Colorful themes are light, Dark Gray and Black are dark", () => {
  // Body backgrounds Office reports for its themes.
  expect(themeOf({ bodyBackgroundColor: "#FFFFFF" })).toBe("light");
  expect(themeOf({ bodyBackgroundColor: "#E6E6E6" })).toBe("light");
  expect(themeOf({ bodyBackgroundColor: "#262626" })).toBe("dark");
  expect(themeOf({ bodyBackgroundColor: "#000000" })).toBe("dark");
  expect(themeOf({})).toBeNull();
  expect(themeOf(null)).toBeNull();
});

test("outside Office the attribute is removed, so the system's colour scheme decides", () => {
  document.documentElement.dataset.theme = "dark";
  expect(applyTheme(document, null)).toBeNull();
  expect(document.documentElement.hasAttribute("data-theme")).toBe(false);
});

test("the theme is applied at start and again when the pane becomes visible", () => {
  let theme = { bodyBackgroundColor: "#FFFFFF" };
  const stop = followOfficeTheme(document, () => theme);
  expect(document.documentElement.dataset.theme).toBe("light");
  theme = { bodyBackgroundColor: "#1F1F1F" };
  document.dispatchEvent(new Event("visibilitychange"));
  expect(document.documentElement.dataset.theme).toBe("dark");
  stop();
  theme = { bodyBackgroundColor: "#FFFFFF" };
  document.dispatchEvent(new Event("visibilitychange"));
  expect(document.documentElement.dataset.theme).toBe("dark");
});
