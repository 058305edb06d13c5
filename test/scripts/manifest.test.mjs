// node --test test/scripts/ : the offline manifest checks, on the real manifest and on broken copies
// in a temp folder (manifest.xml + assets/ copied, then one thing changed per case).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import {
  checkManifest,
  localFileFor,
  parseXml,
  pngSize,
  storeChecks,
  validateXsd,
} from "../../scripts/lib/manifest-checks.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const schemasDir = path.resolve(root, "..", "shared", "schemas", "office");
const haveSchemas = fs.existsSync(path.join(schemasDir, "OfficeAppManifestV1_1.xsd"));
const original = fs.readFileSync(path.join(root, "manifest.xml"), "utf8");
const PROD_URL = "https://www.exportctl.com/addin/";

let tmp;
let count = 0;
before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "exportctl-manifest-"));
});
after(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** A copy of the project's manifest and icons in its own folder, with `edit` applied to the XML. */
function variant(edit = (x) => x, { dir = `case-${++count}`, assets = true } = {}) {
  const folder = path.join(tmp, dir);
  fs.mkdirSync(folder, { recursive: true });
  if (assets)
    fs.cpSync(path.join(root, "assets"), path.join(folder, "assets"), { recursive: true });
  const file = path.join(folder, "manifest.xml");
  fs.writeFileSync(file, edit(original));
  return file;
}

/** Replaces exactly one occurrence, so a test fails loudly if the manifest changes shape. */
function once(from, to) {
  return (xml) => {
    const n = xml.split(from).length - 1;
    assert.equal(n, 1, `expected one '${from}' in manifest.xml, found ${n}`);
    return xml.replace(from, to);
  };
}

async function problemsOf(file, opts = {}) {
  return (await checkManifest(file, { schemasDir: haveSchemas ? schemasDir : null, ...opts }))
    .problems;
}

function assertProblem(problems, pattern) {
  assert.ok(
    problems.some((p) => pattern.test(p)),
    `expected a problem matching ${pattern}, got:\n  ${problems.join("\n  ") || "(none)"}`
  );
}

test("the project manifest passes the XSD and the store checks (development)", async () => {
  const r = await checkManifest(path.join(root, "manifest.xml"), {
    schemasDir: haveSchemas ? schemasDir : null,
  });
  assert.deepEqual(r.problems, []);
  assert.equal(r.xsd, haveSchemas ? "valid" : "off");
});

test("the production rewrite of the manifest passes with --prod", async () => {
  const file = variant((x) => x.split("https://localhost:3000/").join(PROD_URL), {
    dir: "prod/dist",
  });
  assert.deepEqual(await problemsOf(file, { prod: true }), []);
});

test("bad version: three parts fails the store check, five parts fails the XSD too", async () => {
  assertProblem(
    await problemsOf(variant(once("<Version>1.0.0.0</Version>", "<Version>1.0.0</Version>"))),
    /Version '1\.0\.0' must have exactly four/
  );
  const five = await problemsOf(
    variant(once("<Version>1.0.0.0</Version>", "<Version>1.0.0.0.0</Version>"))
  );
  assertProblem(five, /four numeric parts/);
  if (haveSchemas) assertProblem(five, /^XSD line \d+: .*Version/);
});

test("non-GUID Id", async () => {
  const p = await problemsOf(
    variant((x) => x.replace(/<Id>[^<]*<\/Id>/, "<Id>exportctl-addin</Id>"))
  );
  assertProblem(p, /Id 'exportctl-addin' is not a GUID/);
  assertProblem(
    await problemsOf(
      variant((x) => x.replace(/<Id>[^<]*<\/Id>/, "<Id>00000000-0000-0000-0000-000000000000</Id>"))
    ),
    /nil GUID/
  );
});

test("http URL", async () => {
  const p = await problemsOf(
    variant(once('<SupportUrl DefaultValue="https://', '<SupportUrl DefaultValue="http://'))
  );
  assertProblem(
    p,
    /SupportUrl DefaultValue="http:\/\/localhost:3000\/help\/index\.html">: URLs must use https/
  );
  const res = await problemsOf(
    variant(
      once(
        'id="Functions.Script.Url" DefaultValue="https://',
        'id="Functions.Script.Url" DefaultValue="http://'
      )
    )
  );
  assertProblem(res, /Urls 'Functions\.Script\.Url' = 'http:\/\/.*must be an absolute https URL/);
  assertProblem(
    await problemsOf(
      variant(
        once(
          'DefaultValue="https://localhost:3000/taskpane.html"/>\n  </DefaultSettings>',
          'DefaultValue="taskpane.html"/>\n  </DefaultSettings>'
        )
      )
    ),
    /SourceLocation> 'taskpane\.html' must be an absolute https URL/
  );
});

test("localhost in a production manifest", async () => {
  const file = variant();
  assert.deepEqual(await problemsOf(file, { prod: false, xsd: false }), []);
  const p = await problemsOf(file, { prod: true, xsd: false });
  assertProblem(p, /production manifest refers to localhost: <IconUrl/);
  // One leftover localhost URL among production ones is enough to fail.
  const mixed = variant((x) =>
    x
      .split("https://localhost:3000/")
      .join(PROD_URL)
      .replace(`${PROD_URL}functions.json`, "https://localhost:3000/functions.json")
  );
  const pm = await problemsOf(mixed, { prod: true, xsd: false });
  assert.equal(pm.length, 1, pm.join("\n"));
  assertProblem(pm, /functions\.json/);
});

test("wrong icon size (a 16 px file where 32 px is declared)", async () => {
  const file = variant();
  const assets = path.join(path.dirname(file), "assets");
  fs.copyFileSync(path.join(assets, "icon-16.png"), path.join(assets, "icon-32.png"));
  const p = await problemsOf(file, { xsd: false });
  assertProblem(
    p,
    /IconUrl '.*icon-32\.png' \(assets[\\/]icon-32\.png\) is 16x16 px, expected 32x32/
  );
  assertProblem(p, /ribbon icon Icon\.32x32 \(size 32\) .* is 16x16 px, expected 32x32/);
  // HighResolutionIconUrl pointing at the 32 px icon.
  const hi = await problemsOf(
    variant(
      once(
        '<HighResolutionIconUrl DefaultValue="https://localhost:3000/assets/icon-64.png"',
        '<HighResolutionIconUrl DefaultValue="https://localhost:3000/assets/icon-32.png"'
      )
    ),
    { xsd: false }
  );
  assertProblem(hi, /HighResolutionIconUrl .* is 32x32 px, expected 64x64/);
});

test("icons that cannot be found or are not PNG", async () => {
  const missing = await problemsOf(variant(undefined, { assets: false }), { xsd: false });
  assertProblem(missing, /IconUrl '.*icon-32\.png': no local file found/);
  const file = variant();
  fs.writeFileSync(path.join(path.dirname(file), "assets", "icon-80.png"), "GIF89a not really");
  assertProblem(await problemsOf(file, { xsd: false }), /Icon\.80x80 .* is not a PNG/);
});

test("ribbon icon without the required 80 px size", async () => {
  const p = await problemsOf(
    variant((x) => x.replace('                  <bt:Image size="80" resid="Icon.80x80"/>\n', "")),
    { xsd: false }
  );
  assertProblem(p, /<Icon> lacks the required size\(s\) 80/);
});

test("undefined resid", async () => {
  const p = await problemsOf(
    variant(once('<Label resid="Group.Label"/>', '<Label resid="Group.Lable"/>'))
  );
  assertProblem(p, /<Label resid="Group\.Lable"> refers to a resource that is not defined/);
  const img = await problemsOf(
    variant(once('<bt:Image id="Icon.80x80"', '<bt:Image id="Icon.80"')),
    { xsd: false }
  );
  assertProblem(img, /<bt:Image resid="Icon\.80x80"> refers to a resource that is not defined/);
});

test("resid of the wrong kind and duplicate resource ids", async () => {
  const p = await problemsOf(
    variant(once('<Label resid="Group.Label"/>', '<Label resid="TaskpaneButton.Tooltip"/>')),
    { xsd: false }
  );
  assertProblem(p, /must refer to ShortStrings, but 'TaskpaneButton\.Tooltip' is in LongStrings/);
  const dup = await problemsOf(
    variant(once('<bt:String id="Group.Label"', '<bt:String id="Functions.Namespace"')),
    { xsd: false }
  );
  assertProblem(dup, /resource id 'Functions\.Namespace' is defined twice/);
});

test("string lengths: ShortString over 125, LongString over 250", async () => {
  const short = await problemsOf(
    variant(once('DefaultValue="Export controls"', `DefaultValue="${"x".repeat(126)}"`)),
    { xsd: false }
  );
  assertProblem(short, /ShortStrings 'Group\.Label' is 126 characters, more than 125/);
  const long = await problemsOf(
    variant((x) =>
      x.replace(
        /(<bt:String id="TaskpaneButton\.Tooltip" DefaultValue=")[^"]*/,
        `$1${"y".repeat(251)}`
      )
    ),
    { xsd: false }
  );
  assertProblem(long, /LongStrings 'TaskpaneButton\.Tooltip' is 251 characters, more than 250/);
});

test("permissions, shared runtime and namespace", async () => {
  assertProblem(
    await problemsOf(
      variant(
        once(
          "<Permissions>ReadWriteDocument</Permissions>",
          "<Permissions>ReadWriteMailbox</Permissions>"
        )
      ),
      { xsd: false }
    ),
    /Permissions is 'ReadWriteMailbox', expected exactly ReadWriteDocument/
  );
  assertProblem(
    await problemsOf(variant(once('      <Set Name="SharedRuntime" MinVersion="1.1"/>\n', "")), {
      xsd: false,
    }),
    /Requirements must include <Set Name="SharedRuntime"/
  );
  assertProblem(
    await problemsOf(variant(once('lifetime="long"', 'lifetime="short"')), { xsd: false }),
    /Runtime lifetime is 'short', expected long/
  );
  assertProblem(
    await problemsOf(
      variant(
        once(
          '<FunctionFile resid="Taskpane.Url"/>',
          '<FunctionFile resid="GetStarted.LearnMoreUrl"/>'
        )
      ),
      { xsd: false }
    ),
    /<FunctionFile> uses resid 'GetStarted\.LearnMoreUrl', but the shared runtime is 'Taskpane\.Url'/
  );
  assertProblem(
    await problemsOf(
      variant(
        once(
          '<bt:String id="Functions.Namespace" DefaultValue="EXPORTCTL"/>',
          '<bt:String id="Functions.Namespace" DefaultValue="EXPORTCTL2"/>'
        )
      ),
      { xsd: false }
    ),
    /namespace is 'EXPORTCTL2', expected EXPORTCTL/
  );
});

test(
  "XSD catches structure the store checks do not look at (Runtimes after AllFormFactors)",
  { skip: !haveSchemas && "SKIPPED, ../shared/schemas absent" },
  async () => {
    const moved = (x) => {
      const runtimes = x.match(/ *<Runtimes>[\s\S]*?<\/Runtimes>\n/)[0];
      return x
        .replace(runtimes, "")
        .replace("        </AllFormFactors>\n", `        </AllFormFactors>\n${runtimes}`);
    };
    const p = await problemsOf(variant(moved));
    assertProblem(p, /^XSD line \d+: .*Runtimes/);
    assertProblem(p, /<Runtimes> must come before <AllFormFactors>/);
  }
);

test("XSD validation is skipped, not failed, when the schemas folder does not exist", async () => {
  const r = await validateXsd(original, path.join(tmp, "no-such-folder"));
  assert.deepEqual(r, { skipped: true, problems: [] });
});

test("malformed XML is reported, not thrown", () => {
  const p = storeChecks(original.replace("</Hosts>", "</Host>"), { baseDir: root });
  assertProblem(p, /not well-formed XML: line \d+: <\/Host> does not close <Hosts>/);
  assert.throws(() => parseXml("<a><b></a>"), /does not close/);
  assert.equal(parseXml('<a x="1 &amp; 2">t&lt;</a>').attrs.x, "1 & 2");
});

test("helpers: PNG header size and URL-to-file resolution", () => {
  assert.deepEqual(pngSize(fs.readFileSync(path.join(root, "assets", "icon-80.png"))), {
    width: 80,
    height: 80,
  });
  assert.equal(pngSize(Buffer.from("not a png at all, just text")), null);
  assert.equal(
    localFileFor("https://localhost:3000/assets/icon-16.png", root),
    path.join(root, "assets", "icon-16.png")
  );
  assert.equal(
    localFileFor("https://www.exportctl.com/addin/assets/icon-16.png", root),
    path.join(root, "assets", "icon-16.png")
  );
  assert.equal(localFileFor("https://localhost:3000/assets/nope.png", root), null);
});

test("CLI: exit 1 with the problems listed; a dist/manifest.xml argument implies --prod", () => {
  const cli = path.join(root, "scripts", "validate-manifest.mjs");
  const bad = variant(once("<Version>1.0.0.0</Version>", "<Version>1.0</Version>"));
  const r1 = spawnSync(process.execPath, [cli, bad, "--no-xsd"], { encoding: "utf8" });
  assert.equal(r1.status, 1, r1.stdout + r1.stderr);
  assert.match(r1.stdout, /FAIL .*\(development\): 1 problem/);
  assert.match(r1.stdout, /Version '1\.0' must have exactly four numeric parts/);

  const dist = variant(undefined, { dir: "cli/dist" });
  const r2 = spawnSync(process.execPath, [cli, dist, "--no-xsd"], { encoding: "utf8" });
  assert.equal(r2.status, 1, r2.stdout + r2.stderr);
  assert.match(r2.stdout, /\(production\)/);
  assert.match(r2.stdout, /refers to localhost/);

  const good = variant();
  const r3 = spawnSync(process.execPath, [cli, good, "--schemas", path.join(tmp, "absent")], {
    encoding: "utf8",
  });
  assert.equal(r3.status, 0, r3.stdout + r3.stderr);
  assert.match(r3.stdout, /XSD validation skipped/);
  assert.match(r3.stdout, /^OK /m);
});
