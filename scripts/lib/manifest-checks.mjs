// Offline checks for the EXPORTCTL add-in manifest (manifest.xml, XML manifest 1.1).
//
// 1. XSD validation with xmllint-wasm against the Office manifest schemas in ../shared/schemas/office
//    (OfficeApp 1.1 + VersionOverrides 1.0, patched for libxml2; see that folder's README).
// 2. Store checks the schema cannot make: https-only URLs, icon pixel sizes read from the PNG files,
//    GUID Id, 4-part Version, every resid defined (and of the right kind), string lengths,
//    Permissions, the shared runtime wiring and the EXPORTCTL namespace.
// 3. Production (--prod): no localhost anywhere.
//
// Microsoft's online validator (`office-addin-manifest validate`) remains the final word before a
// store submission; it needs network access, this module does not.
import fs from "node:fs";
import path from "node:path";

export const MAIN_XSD = "OfficeAppManifestV1_1.xsd";
export const NAMESPACE = "EXPORTCTL";
export const PERMISSIONS = "ReadWriteDocument";
export const SHORT_STRING_MAX = 125;
export const LONG_STRING_MAX = 250;
/** Ribbon icon sizes the store requires on every <Icon>. */
export const RIBBON_ICON_SIZES = [16, 32, 80];

// ---------------------------------------------------------------------------------------------
// A small XML reader: elements, attributes, text, line numbers. Enough for a manifest; it rejects
// what it does not understand (DTDs, unbalanced tags) instead of guessing.

/**
 * @typedef {{ name: string, local: string, attrs: Record<string, string>, children: XmlElement[],
 *             text: string, line: number, parent: XmlElement | null }} XmlElement
 */

const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeEntities(s, line) {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (m, e) => {
    if (e[0] === "#")
      return String.fromCodePoint(
        e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)
      );
    if (e in ENTITIES) return ENTITIES[e];
    throw new Error(`line ${line}: unknown entity ${m}`);
  });
}

/** Parses XML text into a tree of elements; throws with a line number on malformed input. */
export function parseXml(text) {
  let i = 0;
  let line = 1;
  const root = {
    name: "#document",
    local: "#document",
    attrs: {},
    children: [],
    text: "",
    line: 1,
    parent: null,
  };
  let current = root;
  const advance = (to) => {
    for (let k = i; k < to; k++) if (text.charCodeAt(k) === 10) line++;
    i = to;
  };
  const expectEnd = (marker, what) => {
    const end = text.indexOf(marker, i);
    if (end < 0) throw new Error(`line ${line}: unterminated ${what}`);
    return end;
  };
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  while (i < text.length) {
    const lt = text.indexOf("<", i);
    const chunk = lt < 0 ? text.slice(i) : text.slice(i, lt);
    if (chunk.trim()) {
      if (current === root) throw new Error(`line ${line}: text outside the root element`);
      current.text += decodeEntities(chunk, line);
    }
    advance(lt < 0 ? text.length : lt);
    if (lt < 0) break;
    if (text.startsWith("<!--", i)) {
      advance(expectEnd("-->", "comment") + 3);
    } else if (text.startsWith("<![CDATA[", i)) {
      const end = expectEnd("]]>", "CDATA section");
      current.text += text.slice(i + 9, end);
      advance(end + 3);
    } else if (text.startsWith("<?", i)) {
      advance(expectEnd("?>", "processing instruction") + 2);
    } else if (text.startsWith("<!", i)) {
      throw new Error(`line ${line}: DTDs and declarations are not supported in a manifest`);
    } else if (text.startsWith("</", i)) {
      const end = expectEnd(">", "end tag");
      const name = text.slice(i + 2, end).trim();
      if (name !== current.name)
        throw new Error(`line ${line}: </${name}> does not close <${current.name}>`);
      current = current.parent;
      advance(end + 1);
    } else {
      const m =
        /^<([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/.exec(
          text.slice(i, i + 65536)
        );
      if (!m) throw new Error(`line ${line}: malformed tag`);
      const startLine = line;
      const attrs = {};
      for (const a of m[2].matchAll(/([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
        if (a[1] in attrs) throw new Error(`line ${line}: duplicate attribute ${a[1]}`);
        attrs[a[1]] = decodeEntities(a[2] ?? a[3], line);
      }
      const el = {
        name: m[1],
        local: m[1].split(":").pop(),
        attrs,
        children: [],
        text: "",
        line: startLine,
        parent: current,
      };
      if (current === root && root.children.length)
        throw new Error(`line ${line}: more than one root element`);
      current.children.push(el);
      advance(i + m[0].length);
      if (!m[3]) current = el;
    }
  }
  if (current !== root)
    throw new Error(
      `unexpected end of document: <${current.name}> (line ${current.line}) is not closed`
    );
  if (!root.children.length) throw new Error("no root element");
  return root.children[0];
}

function* walk(el) {
  yield el;
  for (const c of el.children) yield* walk(c);
}

/** Children by local name, e.g. child(el, "Version"). */
function kids(el, local) {
  return el ? el.children.filter((c) => c.local === local) : [];
}
function kid(el, local) {
  return kids(el, local)[0] ?? null;
}
/** Follows a path of local names: find(root, "VersionOverrides", "Resources"). */
function find(el, ...locals) {
  for (const l of locals) el = kid(el, l);
  return el;
}
function xsiType(el) {
  const key = Object.keys(el.attrs).find((k) => k.endsWith(":type") || k === "type");
  return key ? el.attrs[key] : undefined;
}

// ---------------------------------------------------------------------------------------------
// Images

/** Pixel size from a PNG's IHDR, or null when the bytes are not a PNG. */
export function pngSize(buf) {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (
    !buf ||
    buf.length < 24 ||
    sig.some((b, k) => buf[k] !== b) ||
    buf.toString("ascii", 12, 16) !== "IHDR"
  )
    return null;
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

/**
 * The local file a URL serves, looked up under `baseDir` by the longest path suffix that exists:
 * https://localhost:3000/assets/icon-32.png -> <baseDir>/assets/icon-32.png, and
 * https://www.exportctl.com/addin/assets/icon-32.png -> <baseDir>/assets/icon-32.png (dist).
 */
export function localFileFor(url, baseDir) {
  let segments;
  try {
    segments = new URL(url).pathname.split("/").filter(Boolean).map(decodeURIComponent);
  } catch {
    return null;
  }
  for (let k = 0; k < segments.length; k++) {
    const candidate = path.join(baseDir, ...segments.slice(k));
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Store checks

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const VERSION = /^\d{1,5}\.\d{1,5}\.\d{1,5}\.\d{1,5}$/;
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/** Which resource collection a resid on this element must point into. */
const RESID_KIND = {
  Image: "Images",
  SourceLocation: "Urls",
  Runtime: "Urls",
  FunctionFile: "Urls",
  LearnMoreUrl: "Urls",
  Label: "ShortStrings",
  Title: "ShortStrings",
  Namespace: "ShortStrings",
  Description: "LongStrings",
};

/**
 * Runs the store checks on manifest text. Returns a list of problems ("line 14: ..."), empty when
 * the manifest passes. `baseDir` is where the icon URLs are looked up (the manifest's folder).
 */
export function storeChecks(xmlText, { prod = false, baseDir = "." } = {}) {
  const problems = [];
  const at = (el, msg) => problems.push(el ? `line ${el.line}: ${msg}` : msg);

  let doc;
  try {
    doc = parseXml(xmlText);
  } catch (error) {
    return [`not well-formed XML: ${error.message}`];
  }
  if (doc.local !== "OfficeApp") return [`root element is <${doc.name}>, expected <OfficeApp>`];
  if (xsiType(doc) !== "TaskPaneApp")
    at(doc, `OfficeApp xsi:type is '${xsiType(doc)}', expected 'TaskPaneApp'`);

  // Required top-level elements.
  for (const name of [
    "Id",
    "Version",
    "ProviderName",
    "DefaultLocale",
    "DisplayName",
    "Description",
    "IconUrl",
    "HighResolutionIconUrl",
    "SupportUrl",
    "Hosts",
    "DefaultSettings",
    "Permissions",
  ]) {
    if (!kid(doc, name)) at(doc, `<${name}> is missing`);
  }

  // Id and Version.
  const id = kid(doc, "Id");
  if (id && !GUID.test(id.text.trim()))
    at(id, `Id '${id.text.trim()}' is not a GUID (e.g. 2bd2e27d-d79e-46ce-ab78-0b235d26955a)`);
  if (id && /^0{8}-0{4}-0{4}-0{4}-0{12}$/.test(id.text.trim()))
    at(id, "Id is the nil GUID; generate a unique one");
  const version = kid(doc, "Version");
  if (version && !VERSION.test(version.text.trim()))
    at(
      version,
      `Version '${version.text.trim()}' must have exactly four numeric parts (e.g. 1.0.0.0)`
    );

  // Top-level display strings.
  for (const [name, max] of [
    ["DisplayName", SHORT_STRING_MAX],
    ["Description", LONG_STRING_MAX],
  ]) {
    const el = kid(doc, name);
    if (!el) continue;
    for (const v of [el.attrs.DefaultValue, ...kids(el, "Override").map((o) => o.attrs.Value)]) {
      if (!v || !v.trim()) at(el, `${name} is empty`);
      else if (v.length > max) at(el, `${name} is ${v.length} characters, more than ${max}`);
    }
  }

  // URLs: everything that looks like a URL must be https; URL-typed values must be absolute https.
  for (const el of walk(doc)) {
    for (const [attr, value] of Object.entries(el.attrs)) {
      if (attr === "xmlns" || attr.startsWith("xmlns:")) continue;
      const v = value.trim();
      if ((SCHEME.test(v) || v.startsWith("//")) && !/^https:\/\//i.test(v))
        at(el, `<${el.name} ${attr}="${v}">: URLs must use https`);
    }
    const t = el.text.trim();
    if ((SCHEME.test(t) || t.startsWith("//")) && !/^https:\/\//i.test(t))
      at(el, `<${el.name}>${t}</${el.name}>: URLs must use https`);
  }
  const urlValues = (el) =>
    [el.attrs.DefaultValue, ...kids(el, "Override").map((o) => o.attrs.Value)].filter(
      (v) => v !== undefined
    );
  const urlElements = [
    ...["IconUrl", "HighResolutionIconUrl", "SupportUrl"].map((n) => kid(doc, n)),
    find(doc, "DefaultSettings", "SourceLocation"),
  ].filter(Boolean);
  for (const el of urlElements) {
    for (const v of urlValues(el)) {
      if (!/^https:\/\/[^/\s]+/i.test(v.trim()))
        at(el, `<${el.name}> '${v}' must be an absolute https URL`);
    }
  }
  if (!find(doc, "DefaultSettings", "SourceLocation"))
    at(kid(doc, "DefaultSettings"), "<DefaultSettings><SourceLocation> is missing");

  // Icons: IconUrl 32x32, HighResolutionIconUrl 64x64, read from the files they point to.
  const checkImage = (el, url, size, what) => {
    const file = localFileFor(url, baseDir);
    if (!file)
      return at(el, `${what} '${url}': no local file found under ${baseDir} to check its size`);
    const dim = pngSize(fs.readFileSync(file));
    if (!dim) return at(el, `${what} '${url}' (${path.relative(baseDir, file)}) is not a PNG`);
    if (dim.width !== size || dim.height !== size) {
      at(
        el,
        `${what} '${url}' (${path.relative(baseDir, file)}) is ${dim.width}x${dim.height} px, expected ${size}x${size}`
      );
    }
  };
  for (const [name, size] of [
    ["IconUrl", 32],
    ["HighResolutionIconUrl", 64],
  ]) {
    const el = kid(doc, name);
    if (el) for (const v of urlValues(el)) checkImage(el, v, size, name);
  }

  // Hosts and Permissions.
  const hosts = kids(kid(doc, "Hosts"), "Host").map((h) => h.attrs.Name);
  if (!hosts.includes("Workbook"))
    at(kid(doc, "Hosts"), `Hosts must include Workbook (found: ${hosts.join(", ") || "none"})`);
  const perms = kid(doc, "Permissions");
  if (perms && perms.text.trim() !== PERMISSIONS)
    at(perms, `Permissions is '${perms.text.trim()}', expected exactly ${PERMISSIONS}`);

  // Requirements: SharedRuntime 1.1.
  const sets = find(doc, "Requirements", "Sets");
  const shared = kids(sets, "Set").find((s) => s.attrs.Name === "SharedRuntime");
  if (!shared)
    at(
      kid(doc, "Requirements") ?? doc,
      'Requirements must include <Set Name="SharedRuntime" MinVersion="1.1"/>'
    );
  else {
    const min = shared.attrs.MinVersion ?? sets.attrs.DefaultMinVersion;
    if (!min || Number(min) < 1.1)
      at(shared, `SharedRuntime MinVersion is '${min ?? "unset"}', expected 1.1 or later`);
  }

  // VersionOverrides: resources, resids, shared runtime wiring, namespace, ribbon icons.
  const vo = kid(doc, "VersionOverrides");
  if (!vo) {
    at(doc, "<VersionOverrides> is missing (custom functions and the ribbon button live there)");
  } else {
    const resources = kid(vo, "Resources");
    /** @type {Record<string, Map<string, {el: XmlElement, values: string[]}>>} */
    const defs = {
      Images: new Map(),
      Urls: new Map(),
      ShortStrings: new Map(),
      LongStrings: new Map(),
    };
    for (const kind of Object.keys(defs)) {
      for (const el of kid(resources, kind)?.children ?? []) {
        const rid = el.attrs.id;
        if (!rid) {
          at(el, `a resource in ${kind} has no id`);
          continue;
        }
        const clash = Object.entries(defs).find(([, m]) => m.has(rid));
        if (clash) at(el, `resource id '${rid}' is defined twice (also in ${clash[0]})`);
        defs[kind].set(rid, { el, values: urlValues(el) });
      }
    }
    const lookup = (rid) => Object.entries(defs).find(([, m]) => m.has(rid));

    // String lengths, URL resources absolute https.
    for (const [kind, max] of [
      ["ShortStrings", SHORT_STRING_MAX],
      ["LongStrings", LONG_STRING_MAX],
    ]) {
      for (const [rid, { el, values }] of defs[kind]) {
        for (const v of values)
          if (v.length > max)
            at(el, `${kind} '${rid}' is ${v.length} characters, more than ${max}`);
      }
    }
    for (const kind of ["Urls", "Images"]) {
      for (const [rid, { el, values }] of defs[kind]) {
        for (const v of values)
          if (!/^https:\/\/[^/\s]+/i.test(v.trim()))
            at(el, `${kind} '${rid}' = '${v}' must be an absolute https URL`);
      }
    }

    // Every resid referenced is defined, in the collection its element needs.
    for (const el of walk(vo)) {
      const rid = el.attrs.resid;
      if (rid === undefined) continue;
      const found = lookup(rid);
      if (!found)
        at(
          el,
          `<${el.name} resid="${rid}"> refers to a resource that is not defined in <Resources>`
        );
      else if (RESID_KIND[el.local] && RESID_KIND[el.local] !== found[0]) {
        at(
          el,
          `<${el.name} resid="${rid}"> must refer to ${RESID_KIND[el.local]}, but '${rid}' is in ${found[0]}`
        );
      }
    }

    const hostEl = kids(kid(vo, "Hosts"), "Host").find((h) => xsiType(h) === "Workbook");
    if (!hostEl) at(vo, 'VersionOverrides has no <Host xsi:type="Workbook">');
    else {
      // Shared runtime: <Runtimes> before AllFormFactors, lifetime long, and the same page everywhere.
      const runtime = find(hostEl, "Runtimes", "Runtime");
      const customFunctions = kids(kid(hostEl, "AllFormFactors"), "ExtensionPoint").find(
        (e) => xsiType(e) === "CustomFunctions"
      );
      const functionFile = find(hostEl, "DesktopFormFactor", "FunctionFile");
      if (!runtime)
        at(
          hostEl,
          '<Runtimes><Runtime resid=... lifetime="long"/></Runtimes> is missing (shared runtime)'
        );
      else {
        if (runtime.attrs.lifetime !== "long")
          at(
            runtime,
            `Runtime lifetime is '${runtime.attrs.lifetime ?? "unset (short)"}', expected long`
          );
        const order = hostEl.children.map((c) => c.local);
        if (
          order.includes("AllFormFactors") &&
          order.indexOf("Runtimes") > order.indexOf("AllFormFactors")
        )
          at(runtime, "<Runtimes> must come before <AllFormFactors>");
        const page = find(customFunctions, "Page", "SourceLocation");
        for (const [what, el] of [
          ["the custom functions <Page>", page],
          ["<FunctionFile>", functionFile],
        ]) {
          if (el && el.attrs.resid !== runtime.attrs.resid) {
            at(
              el,
              `${what} uses resid '${el.attrs.resid}', but the shared runtime is '${runtime.attrs.resid}': they must be the same page`
            );
          }
        }
        const runtimeUrl = defs.Urls.get(runtime.attrs.resid)?.values[0];
        const taskpaneUrl = find(doc, "DefaultSettings", "SourceLocation")?.attrs.DefaultValue;
        if (runtimeUrl && taskpaneUrl && runtimeUrl !== taskpaneUrl) {
          at(
            runtime,
            `the shared runtime page ${runtimeUrl} differs from DefaultSettings SourceLocation ${taskpaneUrl}`
          );
        }
      }
      if (!customFunctions)
        at(hostEl, '<ExtensionPoint xsi:type="CustomFunctions"> is missing from AllFormFactors');
      else {
        for (const part of ["Script", "Page", "Metadata"]) {
          if (!find(customFunctions, part, "SourceLocation"))
            at(customFunctions, `CustomFunctions <${part}><SourceLocation> is missing`);
        }
        const ns = kid(customFunctions, "Namespace");
        const nsValue = ns && defs.ShortStrings.get(ns.attrs.resid)?.values[0];
        if (!ns) at(customFunctions, "CustomFunctions <Namespace> is missing");
        else if (nsValue !== undefined && nsValue !== NAMESPACE)
          at(ns, `custom functions namespace is '${nsValue}', expected ${NAMESPACE}`);
      }
      if (!functionFile) at(hostEl, "<DesktopFormFactor><FunctionFile> is missing");
    }

    // Ribbon icons: 16/32/80 each, at the declared pixel size.
    for (const icon of walk(vo)) {
      if (icon.local !== "Icon") continue;
      const images = kids(icon, "Image");
      const sizes = images.map((im) => Number(im.attrs.size));
      const missing = RIBBON_ICON_SIZES.filter((s) => !sizes.includes(s));
      if (missing.length)
        at(
          icon,
          `<Icon> lacks the required size(s) ${missing.join(", ")} (needs ${RIBBON_ICON_SIZES.join("/")})`
        );
      for (const im of images) {
        const def = defs.Images.get(im.attrs.resid);
        if (!def) continue; // reported above as an undefined resid
        for (const url of def.values)
          checkImage(
            im,
            url,
            Number(im.attrs.size),
            `ribbon icon ${im.attrs.resid} (size ${im.attrs.size})`
          );
      }
    }
  }

  // Production: nothing may point at the developer's machine.
  if (prod) {
    xmlText.split("\n").forEach((text, k) => {
      if (/localhost|127\.0\.0\.1|\[::1\]/i.test(text))
        problems.push(
          `line ${k + 1}: production manifest refers to localhost: ${text.trim().slice(0, 160)}`
        );
    });
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// XSD validation (xmllint-wasm: libxml2 in WebAssembly, no native xmllint needed)

/**
 * Validates manifest text against the Office XSDs in `schemasDir`. Returns { skipped: true } when
 * the folder (or its main XSD) does not exist, else { skipped: false, problems }.
 */
export async function validateXsd(xmlText, schemasDir, fileName = "manifest.xml") {
  const mainPath = path.join(schemasDir, MAIN_XSD);
  if (!fs.existsSync(mainPath)) return { skipped: true, problems: [] };
  let validateXML;
  try {
    ({ validateXML } = await import("xmllint-wasm"));
  } catch (error) {
    return {
      skipped: false,
      problems: [`XSD validation needs the xmllint-wasm package (npm ci): ${error.message}`],
    };
  }
  const read = (f) => ({
    fileName: f,
    contents: fs.readFileSync(path.join(schemasDir, f), "utf8"),
  });
  const others = fs
    .readdirSync(schemasDir)
    .filter((f) => f.endsWith(".xsd") && f !== MAIN_XSD)
    .sort();
  const result = await validateXML({
    xml: [{ fileName: path.basename(fileName), contents: xmlText }],
    schema: [read(MAIN_XSD)],
    preload: others.map(read),
  });
  if (result.valid) return { skipped: false, problems: [] };
  const problems = result.errors.map((e) =>
    e.loc ? `line ${e.loc.lineNumber}: ${e.message}` : e.message || e.rawMessage
  );
  return {
    skipped: false,
    problems: problems.length ? problems : [result.rawOutput.trim() || "XSD validation failed"],
  };
}

// ---------------------------------------------------------------------------------------------

/**
 * Checks one manifest file: XSD (unless `xsd: false` or the schemas folder is missing) and the
 * store checks. Returns { problems, xsd: "valid" | "invalid" | "skipped" | "off" }.
 */
export async function checkManifest(file, { prod = false, schemasDir, xsd = true } = {}) {
  let text;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    return { problems: [`cannot read ${file}: ${error.message}`], xsd: "off" };
  }
  const problems = [];
  let xsdState = "off";
  if (xsd && schemasDir) {
    const r = await validateXsd(text, schemasDir, file);
    xsdState = r.skipped ? "skipped" : r.problems.length ? "invalid" : "valid";
    problems.push(...r.problems.map((p) => `XSD ${p}`));
  }
  problems.push(...storeChecks(text, { prod, baseDir: path.dirname(path.resolve(file)) }));
  return { problems, xsd: xsdState };
}
