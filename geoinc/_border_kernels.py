"""Compiled (numba) nearest-point search for :mod:`geoinc.borders`.

Optional: imported lazily by ``geoinc.borders`` only when numba is installed and a call is
large enough to pay for it. It computes exactly what the numpy path computes -- the
nearest point of the lines on WGS84's conformal sphere, near ties re-ranked on the
ellipsoid -- but per point, in one pass, without candidate arrays:

* the vertices are grouped into blocks of up to :data:`BLOCK` consecutive vertices of one
  line part, the blocks into groups of :data:`FANOUT` blocks and those again into groups
  of :data:`FANOUT` (three levels); each group is bounded by a spherical cap (centre, angle) that
  holds all its vertices, hence (caps being convex) all its great-circle segments;
* a point first descends greedily to the closest block for an initial answer, then visits
  every group whose cap can still hold something nearer (a cap at angle ``a`` from the
  point with radius ``t`` holds nothing nearer than ``a - t``). This is a proof, not a
  heuristic: no segment is skipped that could be nearer.
* the visit prunes with the tie window of the numpy path (not just the best angle) and
  notes the segments inside it, which are nearly as near on the sphere; of those, the one
  nearest on the ellipsoid (Andoyer–Lambert) is kept, as
  :func:`geoinc.borders._candidates` does.
"""

from __future__ import annotations

import math

import numba as nb
import numpy as np

#: Vertices per block (small caps prune well) and members per group on the levels above.
BLOCK = 8
FANOUT = 8
#: Added to every cap and band angle (radians, ~60 cm): cosines of angles this small are
#: still well apart from 1 in float64, so rounding never prunes a group holding the answer.
CAP_PAD = 1e-7

_A = 6378137.0
_F = 1 / 298.257223563
_E2 = _F * (2 - _F)
_E = math.sqrt(_E2)
_SCALE_RATE = 0.0035  # must match geoinc.borders._SCALE_RATE


def caps(xyz: np.ndarray, member_start: np.ndarray, member_stop: np.ndarray):
    """Centre (unit vector), cos and sin of the angle of a cap holding each group of rows."""
    centres = np.empty((len(member_start), 3))
    ang = np.empty(len(member_start))
    for g, (a, b) in enumerate(zip(member_start, member_stop, strict=True)):
        pts = xyz[a:b]
        c = pts.sum(axis=0)
        c /= np.linalg.norm(c)
        centres[g] = c
        ang[g] = np.arccos(np.clip(pts @ c, -1.0, 1.0)).max() + CAP_PAD
    return centres, ang


def bands(xyz: np.ndarray, start: np.ndarray, stop: np.ndarray):
    """The arc from each block's first to last vertex and the widest angle of the block from it.

    Every point of the block's segments lies within that angle of the arc (the angle to a
    convex set is convex along a short great-circle arc, so it peaks at the vertices), so a
    point at angle ``a`` from the arc is at least ``a - angle`` from the block. Along a
    fairly straight stretch this bound is far tighter than the block's cap. Returns the
    arc's normal and end-side vectors (as the segments') and the angle; the angle is pi
    (no pruning) where first and last vertex coincide.
    """
    a, b = xyz[start], xyz[stop - 1]
    n = np.cross(a, b)
    nn = np.linalg.norm(n, axis=1)
    ok = nn > 1e-15
    n = np.where(ok[:, None], n / np.where(ok, nn, 1.0)[:, None], 0.0)
    ea, eb = np.cross(n, a), np.cross(b, n)
    block = np.repeat(np.arange(len(start)), stop - start)
    rows = np.concatenate([np.arange(x, y) for x, y in zip(start, stop, strict=True)])
    v = xyz[rows]
    pn = np.sum(v * n[block], axis=1)
    inside = (np.sum(v * ea[block], axis=1) >= 0) & (np.sum(v * eb[block], axis=1) >= 0)
    ends = np.maximum(np.sum(v * a[block], axis=1), np.sum(v * b[block], axis=1))
    ang = np.where(inside, np.arcsin(np.clip(np.abs(pn), 0, 1)), np.arccos(np.clip(ends, -1, 1)))
    firsts = np.concatenate([[0], np.cumsum(stop - start)[:-1]])
    width = np.maximum.reduceat(ang, firsts) + CAP_PAD
    return n, ea, eb, np.where(ok, width, np.pi)


@nb.njit(cache=True, inline="always")
def _near_band(q0, q1, q2, bn, bea, beb, ba, bb, cosw, sinw, width, b, cos_s, sin_s, s):
    """Can block b hold a point within angle s of q, judged by its band around an arc?"""
    if s + width[b] >= math.pi:
        return True
    if (q0 * bea[b, 0] + q1 * bea[b, 1] + q2 * bea[b, 2] >= 0.0) and (
        q0 * beb[b, 0] + q1 * beb[b, 1] + q2 * beb[b, 2] >= 0.0
    ):
        pn = q0 * bn[b, 0] + q1 * bn[b, 1] + q2 * bn[b, 2]
        dot = math.sqrt(max(1.0 - pn * pn, 0.0))
    else:
        dot = max(
            q0 * ba[b, 0] + q1 * ba[b, 1] + q2 * ba[b, 2],
            q0 * bb[b, 0] + q1 * bb[b, 1] + q2 * bb[b, 2],
        )
    return dot >= cos_s * cosw[b] - sin_s * sinw[b]  # cos(s + width)


@nb.njit(cache=True, inline="always")
def _reach(q0, q1, q2, c, cosang, sinang, ang, g, cos_s, sin_s, s):
    """Can cap g (centre c[g], angle ang[g]) hold a point within angle s of q?"""
    if s + ang[g] >= math.pi:
        return True
    dot = q0 * c[g, 0] + q1 * c[g, 1] + q2 * c[g, 2]
    return dot >= cos_s * cosang[g] - sin_s * sinang[g]  # cos(s + ang)


@nb.njit(cache=True, inline="always")
def _seg_dot(i, q0, q1, q2, xyz, seg_n, seg_ea, seg_eb, seg_ok, has_next):
    """Cosine of the angle from q to segment i -> i+1 (to vertex i if there is none)."""
    da = q0 * xyz[i, 0] + q1 * xyz[i, 1] + q2 * xyz[i, 2]
    if not has_next[i]:
        return da
    db = q0 * xyz[i + 1, 0] + q1 * xyz[i + 1, 1] + q2 * xyz[i + 1, 2]
    if seg_ok[i]:
        ea = q0 * seg_ea[i, 0] + q1 * seg_ea[i, 1] + q2 * seg_ea[i, 2]
        eb = q0 * seg_eb[i, 0] + q1 * seg_eb[i, 1] + q2 * seg_eb[i, 2]
        if ea >= 0.0 and eb >= 0.0:
            pn = q0 * seg_n[i, 0] + q1 * seg_n[i, 1] + q2 * seg_n[i, 2]
            return math.sqrt(max(1.0 - pn * pn, 0.0))
    return max(da, db)


@nb.njit(cache=True, inline="always")
def _foot(i, q0, q1, q2, xyz, has_next):
    """Nearest point of the great-circle arc i -> i+1 to q (as geoinc.borders._foot_on_arcs)."""
    if not has_next[i]:
        return xyz[i, 0], xyz[i, 1], xyz[i, 2]
    a0, a1, a2 = xyz[i, 0], xyz[i, 1], xyz[i, 2]
    b0, b1, b2 = xyz[i + 1, 0], xyz[i + 1, 1], xyz[i + 1, 2]
    n0, n1, n2 = a1 * b2 - a2 * b1, a2 * b0 - a0 * b2, a0 * b1 - a1 * b0
    nn = math.sqrt(n0 * n0 + n1 * n1 + n2 * n2)
    if nn > 1e-15:
        n0, n1, n2 = n0 / nn, n1 / nn, n2 / nn
        pn = q0 * n0 + q1 * n1 + q2 * n2
        f0, f1, f2 = q0 - pn * n0, q1 - pn * n1, q2 - pn * n2
        fn = math.sqrt(f0 * f0 + f1 * f1 + f2 * f2)
        if fn > 0:
            f0, f1, f2 = f0 / fn, f1 / fn, f2 / fn
            # (a x f) . n >= 0 and (f x b) . n >= 0: the foot is inside the arc
            s1 = (a1 * f2 - a2 * f1) * n0 + (a2 * f0 - a0 * f2) * n1 + (a0 * f1 - a1 * f0) * n2
            s2 = (f1 * b2 - f2 * b1) * n0 + (f2 * b0 - f0 * b2) * n1 + (f0 * b1 - f1 * b0) * n2
            if s1 >= 0 and s2 >= 0:
                return f0, f1, f2
    da = q0 * a0 + q1 * a1 + q2 * a2
    db = q0 * b0 + q1 * b1 + q2 * b2
    if da >= db:
        return a0, a1, a2
    return b0, b1, b2


@nb.njit(cache=True, inline="always")
def _lonlat(v0, v1, v2):
    """Geodetic lon/lat (degrees) of a conformal-sphere unit vector (as borders._lonlat)."""
    lon = math.degrees(math.atan2(v1, v0))
    chi = math.asin(min(max(v2, -1.0), 1.0))
    e2, e4, e6, e8 = _E2, _E2**2, _E2**3, _E2**4
    phi = (
        chi
        + (e2 / 2 + 5 * e4 / 24 + e6 / 12 + 13 * e8 / 360) * math.sin(2 * chi)
        + (7 * e4 / 48 + 29 * e6 / 240 + 811 * e8 / 11520) * math.sin(4 * chi)
        + (7 * e6 / 120 + 81 * e8 / 1120) * math.sin(6 * chi)
        + (4279 * e8 / 161280) * math.sin(8 * chi)
    )
    return lon, math.degrees(phi)


@nb.njit(cache=True, inline="always")
def _lambert_km(lon1, lat1, lon2, lat2):
    """Andoyer–Lambert distance on WGS84 (as geoinc.geodesy.lambert_km, for compiled code)."""
    f = _F
    b1 = math.atan((1 - f) * math.tan(math.radians(lat1)))
    b2 = math.atan((1 - f) * math.tan(math.radians(lat2)))
    dlam = math.radians(lon2 - lon1)
    h = math.sin((b2 - b1) / 2) ** 2 + math.cos(b1) * math.cos(b2) * math.sin(dlam / 2) ** 2
    sigma = 2 * math.asin(math.sqrt(min(max(h, 0.0), 1.0)))
    if sigma <= 0:
        return 0.0
    p, q = (b1 + b2) / 2, (b2 - b1) / 2
    x = (sigma - math.sin(sigma)) * math.sin(p) ** 2 * math.cos(q) ** 2 / math.cos(sigma / 2) ** 2
    y = (sigma + math.sin(sigma)) * math.cos(p) ** 2 * math.sin(q) ** 2 / math.sin(sigma / 2) ** 2
    return _A * (sigma - f / 2 * (x + y)) / 1000.0


@nb.njit(cache=True, inline="always")
def _window(s):
    """Angle within which a sphere-farther segment may still be nearer on the ellipsoid
    (the scale changes by up to _SCALE_RATE per radian); as borders._candidates."""
    return s * (1 + 3 * _SCALE_RATE * s) + 1e-12


@nb.njit(cache=True, inline="always")
def _visit(q0, q1, q2, s, best_i, best_dot, skip, buf_i, buf_d, nbuf, geo, caps3, band):
    """Visit every block (but ``skip``) that may hold a point within the tie window of the
    spherical best; keep the best and note every segment inside the current window.

    The window only shrinks as the best improves, so the blocks pruned hold nothing inside
    the final window either. Returns the best, its cosine and the number of notes (more
    than ``len(buf_i)``: the buffer overflowed and the notes are incomplete).
    """
    xyz, seg_n, seg_ea, seg_eb, seg_ok, has_next, blk_lo, blk_hi = geo
    c0, cos0, sin0, ang0, c1, cos1, sin1, ang1, c2, cos2, sin2, ang2 = caps3
    bn, bea, beb, ba, bb, bcos, bsin, bw = band
    w = _window(s)
    cw, sw = math.cos(w), math.sin(w)
    cap = len(buf_i)
    for t in range(c2.shape[0]):
        if not _reach(q0, q1, q2, c2, cos2, sin2, ang2, t, cw, sw, w):
            continue
        for m in range(t * FANOUT, min(t * FANOUT + FANOUT, c1.shape[0])):
            if not _reach(q0, q1, q2, c1, cos1, sin1, ang1, m, cw, sw, w):
                continue
            for b in range(m * FANOUT, min(m * FANOUT + FANOUT, c0.shape[0])):
                if b == skip or not _reach(q0, q1, q2, c0, cos0, sin0, ang0, b, cw, sw, w):
                    continue
                if not _near_band(q0, q1, q2, bn, bea, beb, ba, bb, bcos, bsin, bw, b, cw, sw, w):
                    continue
                improved = False
                for i in range(blk_lo[b], blk_hi[b]):
                    d = _seg_dot(i, q0, q1, q2, xyz, seg_n, seg_ea, seg_eb, seg_ok, has_next)
                    if d > best_dot:
                        best_i, best_dot, improved = i, d, True
                    if d >= cw:
                        if nbuf < cap:
                            buf_i[nbuf], buf_d[nbuf] = i, d
                        nbuf += 1
                if improved:  # a tighter window for the blocks still to come
                    w = _window(math.acos(min(max(best_dot, -1.0), 1.0)))
                    cw, sw = math.cos(w), math.sin(w)
    return best_i, best_dot, nbuf


@nb.njit(cache=True, inline="always")
def _unit(lon, lat):
    """Conformal-sphere unit vector of a geodetic point (as borders._unit)."""
    lam = math.radians(lon)
    sphi = math.sin(math.radians(lat))
    if abs(sphi) >= 1.0:
        chi = math.copysign(math.pi / 2, sphi)
    else:
        chi = math.asin(math.tanh(math.atanh(sphi) - _E * math.atanh(_E * sphi)))
    return math.cos(chi) * math.cos(lam), math.cos(chi) * math.sin(lam), math.sin(chi)


@nb.njit(cache=True, inline="always")
def _closest_centre(q0, q1, q2, c, lo, hi, g):
    """The group in ``lo:hi`` whose cap centre is nearest to q (``g`` if there is none)."""
    gd = -2.0
    for t in range(lo, hi):
        d = q0 * c[t, 0] + q1 * c[t, 1] + q2 * c[t, 2]
        if d > gd:
            g, gd = t, d
    return g


@nb.njit(cache=True, inline="always")
def _descend(q0, q1, q2, caps3):
    """Greedy descent for a first answer: the nearest cap centre on each level."""
    c0, c1, c2 = caps3[0], caps3[4], caps3[8]
    g = _closest_centre(q0, q1, q2, c2, 0, c2.shape[0], 0)
    lo = g * FANOUT
    g = _closest_centre(q0, q1, q2, c1, lo, min(lo + FANOUT, c1.shape[0]), g)
    lo = g * FANOUT
    return _closest_centre(q0, q1, q2, c0, lo, min(lo + FANOUT, c0.shape[0]), g)


@nb.njit(cache=True, inline="always")
def _first_block(g, q0, q1, q2, geo, buf_i, buf_d):
    """The best segment of block g, every one of its segments noted in the buffer."""
    xyz, seg_n, seg_ea, seg_eb, seg_ok, has_next, blk_lo, blk_hi = geo
    best_i, best_dot, nbuf = -1, -2.0, 0
    for i in range(blk_lo[g], blk_hi[g]):
        d = _seg_dot(i, q0, q1, q2, xyz, seg_n, seg_ea, seg_eb, seg_ok, has_next)
        if d > best_dot:
            best_i, best_dot = i, d
        buf_i[nbuf], buf_d[nbuf] = i, d  # a block has at most BLOCK segments
        nbuf += 1
    return best_i, best_dot, nbuf


@nb.njit(cache=True, inline="always")
def _consider(i, lon, lat, q0, q1, q2, xyz, has_next, best):
    """``best`` (km or -1 before any comparison, segment, lon, lat, foot vector) after
    comparing segment i's nearest point with it on the ellipsoid."""
    best_km, best_i, blon, blat, f0, f1, f2 = best
    o0, o1, o2 = _foot(i, q0, q1, q2, xyz, has_next)
    dx, dy, dz = o0 - f0, o1 - f1, o2 - f2
    if math.sqrt(dx * dx + dy * dy + dz * dz) <= 1e-12:
        return best  # the same point (a shared vertex)
    if best_km < 0:
        best_km = _lambert_km(lon, lat, blon, blat)
    olon, olat = _lonlat(o0, o1, o2)
    km = _lambert_km(lon, lat, olon, olat)
    if km < best_km:
        return km, i, olon, olat, o0, o1, o2
    return best_km, best_i, blon, blat, f0, f1, f2


@nb.njit(cache=True, inline="always")
def _ellipsoid_best(lon, lat, q0, q1, q2, best_i, cw, buf_i, buf_d, nbuf, geo):
    """The spherical best re-ranked on the ellipsoid against the segments noted inside
    the tie window (every segment in it if the buffer overflowed twice): lon, lat,
    segment and km of the nearest point."""
    xyz, seg_n, seg_ea, seg_eb, seg_ok, has_next, _, _ = geo
    f0, f1, f2 = _foot(best_i, q0, q1, q2, xyz, has_next)
    blon, blat = _lonlat(f0, f1, f2)
    best = (-1.0, best_i, blon, blat, f0, f1, f2)
    if nbuf <= len(buf_i):
        for k in range(nbuf):
            if buf_i[k] == best[1] or buf_d[k] < cw:
                continue
            best = _consider(buf_i[k], lon, lat, q0, q1, q2, xyz, has_next, best)
    else:
        for i in range(xyz.shape[0]):
            if i == best[1]:
                continue
            if _seg_dot(i, q0, q1, q2, xyz, seg_n, seg_ea, seg_eb, seg_ok, has_next) < cw:
                continue
            best = _consider(i, lon, lat, q0, q1, q2, xyz, has_next, best)
    best_km, best_i, blon, blat = best[0], best[1], best[2], best[3]
    return blon, blat, best_i, best_km if best_km >= 0 else _lambert_km(lon, lat, blon, blat)


@nb.njit(cache=True, inline="always")
def _bearing(lon, lat, blon, blat):
    """Spherical initial bearing (degrees) from a point to another (as
    borders._spherical_bearing)."""
    p1, p2, dl = math.radians(lat), math.radians(blat), math.radians(blon - lon)
    y = math.sin(dl) * math.cos(p2)
    x = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return math.degrees(math.atan2(y, x)) % 360.0


@nb.njit(cache=True, inline="always")
def _one_point(lon, lat, geo, caps3, band, buf_i, buf_d):
    """Nearest line point of one point: lon, lat, segment, km (see :func:`nearest`)."""
    q0, q1, q2 = _unit(lon, lat)
    g = _descend(q0, q1, q2, caps3)
    best_i, best_dot, nbuf = _first_block(g, q0, q1, q2, geo, buf_i, buf_d)
    # every other block that may hold something inside the tie window: the proven
    # spherical best, and the segments to compare with it on the ellipsoid
    s = math.acos(min(max(best_dot, -1.0), 1.0))
    best_i, best_dot, nbuf = _visit(
        q0, q1, q2, s, best_i, best_dot, g, buf_i, buf_d, nbuf, geo, caps3, band
    )
    s = math.acos(min(max(best_dot, -1.0), 1.0))
    cw = math.cos(_window(s))
    if nbuf > len(buf_i):  # rare (a point near the centre of a bend): visit again
        nbuf = 0
        best_i, best_dot, nbuf = _visit(
            q0, q1, q2, s, best_i, best_dot, -1, buf_i, buf_d, nbuf, geo, caps3, band
        )
    return _ellipsoid_best(lon, lat, q0, q1, q2, best_i, cw, buf_i, buf_d, nbuf, geo)


@nb.njit(cache=True, parallel=True)
def nearest(lon, lat, geo, caps3, band):
    """Nearest line point (lon, lat), its segment start, the Andoyer–Lambert km and the
    spherical initial bearing towards it (as borders._spherical_bearing), per point.

    ``geo`` is (xyz, seg_n, seg_ea, seg_eb, seg_ok, has_next, blk_lo, blk_hi): the index and
    the vertex range of each block; ``caps3`` the caps (centre, cos, sin, angle) of the
    blocks and of the two levels above, ``band`` the blocks' bands (arc normal, end-side
    vectors, ends, cos, sin, width).
    """
    n = len(lon)
    out_lon = np.empty(n)
    out_lat = np.empty(n)
    out_seg = np.empty(n, dtype=np.int64)
    out_km = np.empty(n)
    out_az = np.empty(n)
    chunk = 4096
    for ch in nb.prange((n + chunk - 1) // chunk):
        buf_i = np.empty(64, dtype=np.int64)  # segments noted inside the tie window
        buf_d = np.empty(64)
        for p in range(ch * chunk, min(ch * chunk + chunk, n)):
            blon, blat, seg, km = _one_point(lon[p], lat[p], geo, caps3, band, buf_i, buf_d)
            out_lon[p], out_lat[p], out_seg[p], out_km[p] = blon, blat, seg, km
            out_az[p] = _bearing(lon[p], lat[p], blon, blat)
    return out_lon, out_lat, out_seg, out_km, out_az
