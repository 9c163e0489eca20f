#!/usr/bin/env python3
"""Writes the .npz fixtures NpzLayoutsTest reads: arrays in NumPy's own layouts.

Run from anywhere with python3 and numpy (the committed files were made with numpy 2.4):
    python3 core/src/test/resources/npz/make_fixtures.py
Values follow formulas the Java test recomputes, indexed by the row-major (C order) position k
of each element, so the test checks every element bit for bit:
    floats: k * 0.37 - 5 (computed in float64, then cast)    ints: k * 7 - 20    bools: k % 3 == 0
"""
import os
import zipfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def grid(shape, dtype):
    k = np.arange(int(np.prod(shape)), dtype=np.int64).reshape(shape)
    if np.dtype(dtype).kind == 'f':
        return (k * 0.37 - 5).astype(dtype)
    if np.dtype(dtype).kind == 'i':
        return (k * 7 - 20).astype(dtype)
    return k % 3 == 0


def save(name, **arrays):
    path = os.path.join(HERE, name)
    np.savez(path, **arrays)
    return path


# Fortran (column-major) order: a transposed weight matrix, as PyTorch weights are ported
# (W.T of a (3, 4) matrix is saved with fortran_order True), and Fortran copies of each dtype.
w = grid((3, 4), np.float32)
save('fortran.npz',
     w_t=w.T,
     f32=np.asfortranarray(grid((2, 3, 4), np.float32)),
     f64=np.asfortranarray(grid((4, 5), np.float64)),
     i32=np.asfortranarray(grid((3, 2), np.int32)),
     b=np.asfortranarray(grid((2, 5), np.bool_)))

# Big-endian data, row-major and column-major, and special values.
save('bigendian.npz',
     f32=grid((2, 3), '>f4'),
     f64=grid((5,), '>f8'),
     i32=grid((2, 2), '>i4'),
     f64_fortran=np.asfortranarray(grid((3, 2), '>f8')),
     special=np.array([-0.0, np.inf, -np.inf, np.nan, 1e-45, 3.4e38], '>f4'),
     scalar=np.array(-123456789, '>i4'))

# An archive with entries that are not arrays, which readers skip with a warning.
path = save('extra_entries.npz', w=grid((2, 2), np.float32))
with zipfile.ZipFile(path, 'a') as z:
    for name, text in (('README.txt', 'made by make_fixtures.py\n'),
                       ('meta/info.json', '{"framework": "numpy"}\n')):
        z.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), text)

# What was written, as numpy reads it back (numpy itself returns non-.npy entries as bytes).
for f in ('fortran.npz', 'bigendian.npz', 'extra_entries.npz'):
    with np.load(os.path.join(HERE, f)) as d:
        for k in d.files:
            a = d[k]
            print(f, k, (a.dtype.str, a.shape, 'F' if a.ndim > 1 and a.flags.f_contiguous else 'C')
                  if isinstance(a, np.ndarray) else type(a).__name__)
