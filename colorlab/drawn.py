"""Pictures drawn by code, the same on every machine: the article's leaf and painted scenes.

* :func:`leaf` draws the article's green leaf on white (lessons 02-03).
* :func:`scenes` paints simple landscapes (sky, sun, water, grass, trees, snow, sand,
  sunsets) from a seed: the data on which a small network visibly learns a rule that
  holds on scenes it never saw (lessons 07-09, the scene models).
* :func:`two_skies` paints day and sunset skies of the same lightness (lesson 08).

Photos, bundled or your own, come from :mod:`colorlab.datasets`.
"""

from __future__ import annotations

import numpy as np

#: Names of the procedural scene categories; ``labels`` from :func:`scenes` index this.
SCENE_CATEGORIES = ("meadow", "forest", "beach", "snow", "lake", "sunset")


def _supersampled_grid(size: int, factor: int) -> tuple[np.ndarray, np.ndarray]:
    """Pixel-center coordinates in [0, 1] on a grid ``factor`` times finer than ``size``."""
    n = size * factor
    c = (np.arange(n) + 0.5) / n
    return np.meshgrid(c, c, indexing="ij")


def _downsample(img: np.ndarray, factor: int) -> np.ndarray:
    """Average factor×factor blocks: cheap anti-aliasing for shapes drawn on a fine grid."""
    h, w, c = img.shape
    return img.reshape(h // factor, factor, w // factor, factor, c).mean(axis=(1, 3))


def leaf(size: int = 256, angle: float = 35.0) -> np.ndarray:
    """The article's example: a green leaf with lighter veins on a white background.

    Drawn by code (no file), so it is the same on every machine.

    Parameters
    ----------
    size : int
        Height and width in pixels (at least 16).
    angle : float
        How far the leaf is turned, in degrees.

    Returns
    -------
    numpy.ndarray
        RGB (size, size, 3), floats in [0, 1].

    Raises
    ------
    ValueError
        ``size`` is below 16.

    Examples
    --------
    >>> img = leaf(64)
    >>> img.shape, bool((img[0, 0] == 1).all())      # corner pixel is white
    ((64, 64, 3), True)
    """
    if size < 16:
        raise ValueError(f"leaf(size={size}) is too small to draw: use at least 16.")
    f = 3
    y, x = _supersampled_grid(size, f)
    theta = np.deg2rad(angle)
    # Coordinates along the midrib (u: 0 at the stalk, 1 at the tip) and across it (v).
    cx, cy = x - 0.5, y - 0.5
    u = (cx * np.cos(theta) - cy * np.sin(theta)) / 0.78 + 0.5
    v = (cx * np.sin(theta) + cy * np.cos(theta)) / 0.78
    inside_u = (u > 0) & (u < 1)
    uu = np.clip(u, 0, 1)
    half_width = 0.26 * np.sin(np.pi * uu) ** 0.9 * (1.0 - 0.35 * uu)
    blade = inside_u & (np.abs(v) < half_width)

    img = np.ones((size * f, size * f, 3))
    # Darker toward the edges, a little lighter near the middle: a bit of volume.
    shade = 1.0 - 0.35 * np.clip(np.abs(v) / np.maximum(half_width, 1e-6), 0, 1)
    green = np.array([0.16, 0.50, 0.12])[None, None, :] * (0.75 + 0.45 * shade[..., None])
    img[blade] = green[blade]

    # Midrib and side veins, pale yellow-green.
    vein_color = np.array([0.62, 0.80, 0.35])
    midrib = blade & (np.abs(v) < 0.008 + 0.006 * (1 - uu))
    side = np.zeros_like(blade)
    for start in np.linspace(0.12, 0.80, 7):
        along = u - start - 1.6 * np.abs(v)  # veins run toward the tip, both sides
        side |= blade & (np.abs(along) < 0.006) & (np.abs(v) > 0.01)
    img[midrib | side] = vein_color

    # The stalk: a short brownish-green line below the blade.
    stalk = (u < 0.02) & (u > -0.14) & (np.abs(v) < 0.010)
    img[stalk] = np.array([0.35, 0.42, 0.15])
    return np.clip(_downsample(img, f), 0, 1).astype(np.float32)


def _smooth_noise(rng: np.random.Generator, n: int, cells: int) -> np.ndarray:
    """Smooth random field in [0, 1] of shape (n, n): random values on a coarse grid, bilinear."""
    from scipy.ndimage import zoom

    coarse = rng.random((cells + 1, cells + 1))
    return zoom(coarse, n / (cells + 1), order=1, grid_mode=True, mode="nearest")[:n, :n]


def _mix(a: np.ndarray, b: np.ndarray, t: np.ndarray) -> np.ndarray:
    t = np.clip(t, 0.0, 1.0)[..., None]
    return a * (1 - t) + b * t


def _paint(img: np.ndarray, mask: np.ndarray, color: np.ndarray) -> None:
    img[mask] = color if np.ndim(color) == 1 else color[mask]


def _scene(rng: np.random.Generator, category: str, size: int) -> np.ndarray:
    """Paint one scene of ``category`` at ``size``×``size`` (RGB floats)."""
    f = 2
    n = size * f
    y, x = _supersampled_grid(size, f)
    j = lambda s: rng.normal(0, s)  # noqa: E731 - small color jitter
    horizon = rng.uniform(0.38, 0.68)
    sky_t = np.clip(y / horizon, 0, 1)

    if category == "sunset":
        top = np.array([0.20 + j(0.05), 0.16 + j(0.04), 0.42 + j(0.06)])
        mid = np.array([0.92, 0.42 + j(0.06), 0.22 + j(0.05)])
        low = np.array([0.99, 0.80 + j(0.05), 0.38 + j(0.06)])
        img = np.where(
            (sky_t < 0.6)[..., None],
            _mix(top, mid, sky_t / 0.6),
            _mix(mid, low, (sky_t - 0.6) / 0.4),
        )
        sun_color = np.array([1.0, 0.55 + j(0.05), 0.20])
        sun_y = horizon - rng.uniform(0.02, 0.12)
        sun_r = rng.uniform(0.05, 0.09)
    else:
        pale = category == "snow"
        top = np.array([0.20 + j(0.04), 0.42 + j(0.05), 0.80 + j(0.05)])
        low = np.array([0.68 + j(0.04), 0.82 + j(0.04), 0.96])
        if pale:
            top = top * 0.5 + 0.45
        img = _mix(top, low, sky_t**1.3)
        sun_color = np.array([1.0, 0.97, 0.80])
        sun_y = rng.uniform(0.08, horizon * 0.55)
        sun_r = rng.uniform(0.04, 0.07)
        # Clouds: white blobs where a smooth noise field is high.
        clouds = _smooth_noise(rng, n, 5) * (1 - sky_t) > rng.uniform(0.55, 0.75)
        _paint(img, clouds & (y < horizon), np.array([0.96, 0.96, 0.97]))
    has_sun = category == "sunset" or rng.random() < 0.6
    if has_sun:
        sun_x = rng.uniform(0.15, 0.85)
        sun = (x - sun_x) ** 2 + (y - sun_y) ** 2 < sun_r**2
        _paint(img, sun & (y < horizon), sun_color)

    ground = y >= horizon
    depth = np.clip((y - horizon) / max(1e-6, 1 - horizon), 0, 1)  # 0 at horizon, 1 at bottom
    texture = _smooth_noise(rng, n, 16)

    if category in ("meadow", "forest"):
        grass = np.array([0.30 + j(0.05), 0.58 + j(0.05), 0.16 + j(0.04)])
        _paint(img, ground, _mix(grass * 0.8, grass * 1.15, texture * 0.7 + depth * 0.3))
    elif category == "beach":
        sea_end = horizon + rng.uniform(0.12, 0.25)
        sea = np.array([0.10 + j(0.03), 0.38 + j(0.05), 0.62 + j(0.05)])
        ripples = 0.5 + 0.5 * np.sin(y * rng.uniform(90, 140) + 2 * texture)
        _paint(img, ground & (y < sea_end), _mix(sea, sea * 1.3, ripples * 0.4))
        sand = np.array([0.90 + j(0.03), 0.80 + j(0.04), 0.56 + j(0.05)])
        _paint(img, y >= sea_end, _mix(sand * 0.9, sand, texture))
    elif category == "snow":
        snow = np.array([0.93, 0.95, 0.99])
        _paint(img, ground, _mix(snow * 0.88, snow, texture * 0.6 + depth * 0.4))
    elif category == "lake":
        shore = horizon + rng.uniform(0.03, 0.08)
        hills = np.array([0.22 + j(0.04), 0.40 + j(0.05), 0.20 + j(0.04)])
        _paint(img, ground & (y < shore), hills)
        water = np.array([0.16 + j(0.03), 0.36 + j(0.05), 0.55 + j(0.05)])
        ripples = 0.5 + 0.5 * np.sin(y * rng.uniform(100, 160) + 3 * texture)
        _paint(img, y >= shore, _mix(water, water * 1.35, ripples * 0.35 + depth * 0.2))
    elif category == "sunset":
        if rng.random() < 0.5:  # water that mirrors the sky, darker
            mirror = np.array([0.70, 0.38 + j(0.05), 0.25]) * 0.8
            ripples = 0.5 + 0.5 * np.sin(y * rng.uniform(90, 150) + 2 * texture)
            _paint(img, ground, _mix(mirror * 0.55, mirror, ripples * (1 - depth)))
        else:  # land in the evening shade
            land = np.array([0.22, 0.18 + j(0.03), 0.14])
            _paint(img, ground, _mix(land * 0.7, land, texture))

    if category in ("forest", "snow", "meadow", "lake"):
        count = {"forest": rng.integers(6, 12), "snow": rng.integers(2, 6)}.get(
            category, rng.integers(0, 3)
        )
        pine = np.array([0.08 + j(0.02), 0.28 + j(0.04), 0.12 + j(0.03)])
        leafy = np.array([0.18 + j(0.03), 0.45 + j(0.05), 0.12 + j(0.03)])
        trunk = np.array([0.35, 0.24, 0.14])
        for _ in range(int(count)):
            base = horizon + rng.uniform(0.02, 0.30)
            cx = rng.uniform(0.02, 0.98)
            h = rng.uniform(0.15, 0.35) * (0.6 + base)
            if category == "snow" or rng.random() < 0.5:  # a pine: a triangle
                w = h * rng.uniform(0.25, 0.35)
                t = (y - (base - h)) / h
                tri = (t > 0) & (t < 1) & (np.abs(x - cx) < w * t)
                _paint(img, tri, pine)
            else:  # a leafy tree: a round crown on a trunk
                r = h * 0.35
                stem = (np.abs(x - cx) < r * 0.15) & (y < base) & (y > base - h * 0.5)
                _paint(img, stem, trunk)
                crown = (x - cx) ** 2 + (y - (base - h + r)) ** 2 < r**2
                _paint(img, crown, _mix(leafy * 0.75, leafy * 1.1, texture))

    img = _downsample(np.clip(img, 0, 1), f)
    img = img + rng.normal(0, 0.01, img.shape)  # a little sensor-like noise
    return np.clip(img, 0, 1).astype(np.float32)


def _check_seed(seed) -> None:
    """Seeds pick a set of pictures: whole numbers from 0 up."""
    if int(seed) != seed or seed < 0:
        raise ValueError(f"seed={seed!r}: use a whole number, 0 or more.")


def scenes(n: int = 16, size: int = 64, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Paint ``n`` procedural color scenes (meadow, forest, beach, snow, lake, sunset).

    Scene ``i`` depends only on (``seed``, ``i``, ``size``), so a bigger ``n`` extends a set
    without changing it.

    Parameters
    ----------
    n : int
        How many scenes (0 or more).
    size : int
        Height and width in pixels (at least 16).
    seed : int
        Which set: the scene models train on seed 0 and are measured from
        :data:`colorlab.datasets.HELDOUT_SCENE_SEED` on.

    Returns
    -------
    images : numpy.ndarray
        RGB (n, size, size, 3), float32 in [0, 1].
    labels : numpy.ndarray
        (n,) indices into :data:`SCENE_CATEGORIES`.

    Raises
    ------
    ValueError
        ``n`` is negative, ``size`` is below 16, or ``seed`` is not a whole number ≥ 0.

    Examples
    --------
    >>> images, labels = scenes(4, size=32, seed=1)
    >>> images.shape, [SCENE_CATEGORIES[k] for k in labels][:2]
    ((4, 32, 32, 3), ['beach', 'snow'])
    """
    if n < 0 or size < 16:
        raise ValueError(f"scenes(n={n}, size={size}): n must be ≥ 0 and size ≥ 16.")
    _check_seed(seed)
    images = np.empty((n, size, size, 3), np.float32)
    labels = np.empty(n, np.int64)
    for i in range(n):
        rng = np.random.default_rng([seed, i])
        labels[i] = rng.integers(len(SCENE_CATEGORIES))
        images[i] = _scene(rng, SCENE_CATEGORIES[labels[i]], size)
    return images, labels


#: Categories of :func:`two_skies`.
SKY_CATEGORIES = ("day", "sunset")


def two_skies(
    n: int = 200, height: int = 128, width: int = 64, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Tall pictures of a flat sky over the ground: day and sunset skies of the SAME lightness.

    The sky (top three quarters) has one lightness in both kinds, blue by day and orange at
    sunset, so a patch of sky alone cannot tell which it is. Only the ground, far below,
    gives it away: green grass by day, dark earth at sunset. Lesson 08 uses it to show what
    global features add.

    Parameters
    ----------
    n : int
        How many pictures.
    height : int
        Their height in pixels.
    width : int
        Their width in pixels.
    seed : int
        Which set (picture ``i`` depends only on ``seed`` and ``i``).

    Returns
    -------
    images : numpy.ndarray
        RGB (n, height, width, 3), float32 in [0, 1].
    labels : numpy.ndarray
        (n,): 0 for a day sky, 1 for a sunset (:data:`SKY_CATEGORIES`).

    Raises
    ------
    ValueError
        ``n`` is negative, a side is below 8 pixels, or ``seed`` is not a whole number ≥ 0.

    Examples
    --------
    >>> images, labels = two_skies(4, seed=0)
    >>> images.shape, labels.tolist()
    ((4, 128, 64, 3), [1, 1, 1, 1])
    """
    from colorlab.color import lab_to_rgb

    if n < 0 or min(height, width) < 8:
        raise ValueError(
            f"two_skies(n={n}, height={height}, width={width}): n must be ≥ 0 "
            "and the pictures at least 8 pixels a side."
        )
    _check_seed(seed)
    images = np.empty((n, height, width, 3), np.float32)
    labels = np.empty(n, np.int64)
    for i in range(n):
        rng = np.random.default_rng([seed, i, 7])
        sunset = int(rng.integers(2))
        horizon = int(height * rng.uniform(0.72, 0.8))
        lab = np.empty((height, width, 3))
        sky_L = rng.uniform(66, 72)
        sky_ab = (np.array([34.0, 52.0]) if sunset else np.array([-8.0, -34.0])) + rng.normal(
            0, 3, 2
        )
        lab[:horizon] = [sky_L, *sky_ab]
        ground = np.array([25.0, 10.0, 14.0]) if sunset else np.array([52.0, -36.0, 40.0])
        lab[horizon:] = ground + rng.normal(0, [2, 2, 2])
        lab[..., 0] += rng.normal(0, 0.8, (height, width))  # the same faint grain everywhere
        lab[..., 0] = np.clip(lab[..., 0], 0, 100)
        images[i] = lab_to_rgb(lab)
        labels[i] = sunset
    return images, labels
