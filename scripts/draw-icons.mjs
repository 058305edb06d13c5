#!/usr/bin/env node
// Draws the EXPORTCTL icons (assets/icon-{16,32,64,80,128}.png) with node builtins only.
//
// The mark: a chip (white package, pins on four sides) on a deep-blue-to-teal rounded tile, with a
// check on the die: "this chip, cleared". Shapes are signed distance functions in pixel units;
// each pixel's coverage is the fraction of SS x SS sub-samples inside the shape (anti-aliasing by
// supersampling), and layers are composited source-over. Geometry is snapped to whole pixels per
// size, so the 16 and 32 px icons stay crisp instead of being a blurred downscale.
//
// Usage: node scripts/draw-icons.mjs [outDir]   (default: assets/)
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";

const SIZES = [16, 32, 64, 80, 128];
const SS = 8; // sub-samples per axis

const COLORS = {
  tileFrom: hex("#0A3470"), // deep blue, top left
  tileTo: hex("#0B8A8C"), // teal, bottom right
  body: hex("#FFFFFF"),
  pin: hex("#D6ECF2"),
  die: hex("#0B3A78"),
  dieEdge: hex("#164C92"),
  check: hex("#35E0AE"), // on the die
  shadow: hex("#031A3A"),
};

function hex(s) {
  const n = parseInt(s.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

// ---------- geometry (signed distances: < 0 inside) ----------

function roundRect(x0, y0, x1, y1, r) {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const hx = (x1 - x0) / 2 - r;
  const hy = (y1 - y0) / 2 - r;
  return (x, y) => {
    const qx = Math.abs(x - cx) - hx;
    const qy = Math.abs(y - cy) - hy;
    const ox = Math.max(qx, 0);
    const oy = Math.max(qy, 0);
    return Math.hypot(ox, oy) + Math.min(Math.max(qx, qy), 0) - r;
  };
}

/** A stroked polyline with round caps and joins. */
function stroke(points, width) {
  const segs = [];
  for (let i = 1; i < points.length; i++) segs.push([points[i - 1], points[i]]);
  return (x, y) => {
    let d = Infinity;
    for (const [[ax, ay], [bx, by]] of segs) {
      const vx = bx - ax;
      const vy = by - ay;
      const t = Math.max(0, Math.min(1, ((x - ax) * vx + (y - ay) * vy) / (vx * vx + vy * vy)));
      d = Math.min(d, Math.hypot(x - ax - t * vx, y - ay - t * vy));
    }
    return d - width / 2;
  };
}

function union(...shapes) {
  return (x, y) => Math.min(...shapes.map((s) => s(x, y)));
}

// ---------- raster ----------

class Canvas {
  constructor(size) {
    this.size = size;
    this.px = new Float64Array(size * size * 4); // premultiplied RGBA, 0..1
  }

  /** Paints `shape` with `color` (an [r,g,b] or a function of (x, y)) at `alpha`, anti-aliased. */
  fill(shape, color, alpha = 1) {
    const n = this.size;
    for (let py = 0; py < n; py++) {
      for (let px = 0; px < n; px++) {
        let inside = 0;
        for (let sy = 0; sy < SS; sy++) {
          for (let sx = 0; sx < SS; sx++) {
            if (shape(px + (sx + 0.5) / SS, py + (sy + 0.5) / SS) < 0) inside++;
          }
        }
        if (inside)
          this.blend(
            px,
            py,
            typeof color === "function" ? color(px + 0.5, py + 0.5) : color,
            (alpha * inside) / (SS * SS)
          );
      }
    }
  }

  /** A soft shadow: coverage falls off linearly over `blur` pixels around the shape's edge. */
  shadow(shape, color, alpha, blur) {
    const n = this.size;
    for (let py = 0; py < n; py++) {
      for (let px = 0; px < n; px++) {
        const d = shape(px + 0.5, py + 0.5);
        const a = Math.max(0, Math.min(1, 0.5 - d / blur));
        if (a > 0) this.blend(px, py, color, alpha * a * a);
      }
    }
  }

  /** Multiplies existing alpha by a mask shape's coverage (clips everything to the tile). */
  clip(shape) {
    const n = this.size;
    for (let py = 0; py < n; py++) {
      for (let px = 0; px < n; px++) {
        let inside = 0;
        for (let sy = 0; sy < SS; sy++) {
          for (let sx = 0; sx < SS; sx++) {
            if (shape(px + (sx + 0.5) / SS, py + (sy + 0.5) / SS) < 0) inside++;
          }
        }
        const k = inside / (SS * SS);
        const i = (py * n + px) * 4;
        for (let c = 0; c < 4; c++) this.px[i + c] *= k;
      }
    }
  }

  blend(x, y, [r, g, b], a) {
    const i = (y * this.size + x) * 4;
    const p = this.px;
    const k = 1 - a;
    p[i] = (r / 255) * a + p[i] * k;
    p[i + 1] = (g / 255) * a + p[i + 1] * k;
    p[i + 2] = (b / 255) * a + p[i + 2] * k;
    p[i + 3] = a + p[i + 3] * k;
  }

  /** Straight (non-premultiplied) 8-bit RGBA. */
  rgba() {
    const out = Buffer.alloc(this.size * this.size * 4);
    for (let i = 0; i < out.length; i += 4) {
      const a = this.px[i + 3];
      out[i + 3] = Math.round(a * 255);
      for (let c = 0; c < 3; c++)
        out[i + c] = a > 0 ? Math.round(Math.min(1, this.px[i + c] / a) * 255) : 0;
    }
    return out;
  }
}

// ---------- PNG (RGBA, 8 bit, filter 0, zlib) ----------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 255] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

export function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

// ---------- layout per size (whole pixels) ----------

function layout(n) {
  if (n === 16) {
    // Hand-fitted to the pixel grid: a 10 px package with four 1 px pins a side (three pins would
    // put the middle one on a half pixel and blur it), a 6 px die and a 1.4 px check.
    return {
      tileR: 3,
      body: [3, 13],
      bodyR: 1,
      pins: [
        [4, 5],
        [6, 7],
        [9, 10],
        [11, 12],
      ],
      pinFrom: 1,
      pinR: 0.3,
      die: [5, 11],
      dieR: 0.7,
      check: [
        [6.3, 8.2],
        [7.6, 9.5],
        [9.8, 6.6],
      ],
      checkW: 1.4,
      shadow: null,
    };
  }
  const u = n / 32;
  const c = n / 2;
  const inset = Math.round(9 * u);
  const pinW = n === 32 ? 2 : 2 * Math.round(u);
  const pitch = n === 32 ? 4 : Math.round(4 * u);
  const pins = [-pitch, 0, pitch].map((o) => [c + o - pinW / 2, c + o + pinW / 2]);
  const dieInset = inset + Math.round(2.5 * u);
  const die = [dieInset, n - dieInset];
  const d = die[1] - die[0];
  const at = (fx, fy) => [die[0] + fx * d, die[0] + fy * d];
  return {
    tileR: Math.round(6 * u),
    body: [inset, n - inset],
    bodyR: Math.max(1.5, 2 * u),
    pins,
    pinFrom: Math.round(4.5 * u) + (n === 32 ? 0.5 : 0),
    pinR: Math.max(0.5, 0.6 * u),
    die,
    dieR: Math.max(1, 1.2 * u),
    check: [at(0.2, 0.53), at(0.42, 0.74), at(0.8, 0.3)],
    checkW: Math.max(2, 0.15 * d),
    shadow:
      n >= 64 ? { dy: 1.2 * u, blur: 2.5 * u, alpha: 0.45 } : { dy: 0.6, blur: 1.5, alpha: 0.35 },
  };
}

export function drawIcon(n) {
  const L = layout(n);
  const cv = new Canvas(n);
  const tile = roundRect(0, 0, n, n, L.tileR);

  // Tile: a diagonal gradient, deep blue at the top left to teal at the bottom right.
  const grad = (x, y) => {
    const t = Math.max(0, Math.min(1, (x + y) / (2 * n)));
    const s = t * t * (3 - 2 * t);
    return COLORS.tileFrom.map((a, i) => a + (COLORS.tileTo[i] - a) * s);
  };
  cv.fill(tile, grad);

  const [b0, b1] = L.body;
  const body = roundRect(b0, b0, b1, b1, L.bodyR);

  // Pins on four sides: from pinFrom to the package edge (they tuck under it).
  const pinShapes = [];
  for (const [p0, p1] of L.pins) {
    pinShapes.push(roundRect(L.pinFrom, p0, b0 + 1, p1, L.pinR)); // left
    pinShapes.push(roundRect(b1 - 1, p0, n - L.pinFrom, p1, L.pinR)); // right
    pinShapes.push(roundRect(p0, L.pinFrom, p1, b0 + 1, L.pinR)); // top
    pinShapes.push(roundRect(p0, b1 - 1, p1, n - L.pinFrom, L.pinR)); // bottom
  }
  cv.fill(union(...pinShapes), COLORS.pin);

  if (L.shadow) {
    const { dy, blur, alpha } = L.shadow;
    const shifted = (x, y) => body(x, y - dy);
    cv.shadow(shifted, COLORS.shadow, alpha, blur);
  }
  cv.fill(body, COLORS.body);

  // The die, lit from the top, and the check on it.
  const [d0, d1] = L.die;
  cv.fill(roundRect(d0, d0, d1, d1, L.dieR), (x, y) => {
    const t = (y - d0) / (d1 - d0);
    return COLORS.dieEdge.map((a, i) => a + (COLORS.die[i] - a) * t);
  });
  cv.fill(stroke(L.check, L.checkW), COLORS.check);

  cv.clip(tile);
  return encodePng(n, n, cv.rgba());
}

function main() {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const outDir = path.resolve(process.argv[2] || path.join(root, "assets"));
  fs.mkdirSync(outDir, { recursive: true });
  for (const n of SIZES) {
    const file = path.join(outDir, `icon-${n}.png`);
    const png = drawIcon(n);
    fs.writeFileSync(file, png);
    console.log(`${path.relative(process.cwd(), file)}  ${n}x${n}  ${png.length} bytes`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
