# Reference values for test/extensions/image: images saved by Pillow, and what ANNarchy's
# ImagePopulation.set_image makes of them (resize with Pillow's default filter, then convert to
# "L" for grey geometries, np.array / 255), written as JSON. Usage: python3 pillow-reference.py DIR
import json, sys
import numpy as np
from PIL import Image

out = sys.argv[1]
rng = np.random.default_rng(7)
cases = []

def case(name, im, geometries, fmt="PNG", **save):
    path = f"{out}/{name}.{fmt.lower()}"
    im.save(path, fmt, **save)
    im = Image.open(path)          # what ANNarchy opens: the file as saved
    for geometry in geometries:
        h, w = geometry[0], geometry[1]
        r = im.resize((w, h)) if im.size != (w, h) else im
        if len(geometry) == 2:
            r = r.convert("L")
        else:
            r = r.convert("RGB")   # what a colour population needs (ANNarchy assumes an RGB file)
        cases.append({"file": path, "geometry": geometry, "mode": im.mode,
                      "r": (np.array(r).astype(np.float64) / 255.0).ravel().tolist()})

def noise(h, w, c):
    shape = (h, w) if c == 1 else (h, w, c)
    return rng.integers(0, 256, size=shape, dtype=np.uint8)

case("grey", Image.fromarray(noise(13, 17, 1), "L"), [[13, 17], [5, 7], [4, 16], [20, 40], [13, 6], [1, 1]])
case("rgb", Image.fromarray(noise(12, 10, 3), "RGB"), [[12, 10, 3], [12, 10], [3, 4, 3], [30, 25, 3], [7, 10]])
rgba = noise(9, 11, 4)
rgba[..., 3] = rng.choice([0, 40, 128, 255], size=(9, 11))
case("rgba", Image.fromarray(rgba, "RGBA"), [[4, 5], [4, 5, 3], [18, 22, 3]])
la = noise(8, 8, 2)
case("la", Image.fromarray(la, "LA"), [[3, 3], [16, 5]])
pal = Image.fromarray(noise(10, 10, 3), "RGB").convert("P", palette=Image.ADAPTIVE, colors=16)
case("palette", pal, [[4, 4], [7, 13, 3], [25, 25]])
# A smooth image for JPEG (blocks of noise would be dominated by compression error).
y, x = np.mgrid[0:24, 0:32]
smooth = np.stack([8 * x, 10 * y, 255 - 4 * (x + y)], axis=2).clip(0, 255).astype(np.uint8)
# 4:4:4 (no chroma subsampling): only the IDCTs' rounding differs between decoders.
case("smooth444", Image.fromarray(smooth, "RGB"), [[24, 32, 3], [24, 32], [12, 16]], fmt="JPEG", quality=90, subsampling=0)
# 4:2:0 (Pillow's default): libjpeg also interpolates the chroma planes ("fancy upsampling"),
# jpeg-js repeats them, so colours differ near chroma edges.
case("smooth420", Image.fromarray(smooth, "RGB"), [[24, 32, 3], [24, 32]], fmt="JPEG", quality=90)
json.dump({"pillow": Image.__version__, "cases": cases}, open(f"{out}/reference.json", "w"))
